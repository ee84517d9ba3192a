import { type Command, Option } from 'commander';
import type { CommandContext } from '../output.js';
import { lazyAction } from './lazy-action.js';

/** The options of `makemore export`. */
export interface ExportOptions {
  modelDir: string;
  to: 'pytorch';
  out: string;
  force?: boolean;
  json?: boolean;
}

/**
 * Registers `makemore export`: writes a self-contained PyTorch package of a trained neural model
 * (`model.py`, `train_ddp.py` for DistributedDataParallel, the model's config and weights), to train it
 * further on machines bigger than this one. `makemore import` brings the weights back.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerExport(program: Command, context: CommandContext): void {
  program
    .command('export')
    .description('write a PyTorch package of a trained model, to train it on several processes with DDP')
    .requiredOption('--model-dir <dir>', 'a model directory written by `makemore train` (a neural model)')
    .addOption(new Option('--to <format>', 'what to export to').choices(['pytorch']).makeOptionMandatory())
    .requiredOption('--out <dir>', 'folder to write the package into (created; must be empty unless --force)')
    .option('--force', 'write into --out even when it holds files (ours are replaced, others kept)')
    .option('--json', 'print one JSON object naming the folder and the files written')
    .addHelpText(
      'after',
      '\nThen, in --out: pip install -r requirements.txt and\n  torchrun --nproc-per-node 2 train_ddp.py --data names.txt --steps 1000\nand bring the weights back with `makemore import --from <out>/out.safetensors --config <out>/config.json --out <dir>`.\n',
    )
    .action(lazyAction<ExportOptions>(async () => (await import('./export-run.js')).runExport, context));
}
