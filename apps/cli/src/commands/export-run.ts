import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { getModelEntry, listModels } from '@makemore/models';
import {
  CheckpointError,
  CONFIG_FILE,
  decodeModelDirectory,
  isCountModel,
  knownModelTypes,
  loadModelDirectory,
  parseTrainingState,
  TRAINING_STATE_FILE,
  WEIGHTS_FILE,
} from '@makemore/train';
import { UsageError } from '../errors.js';
import { readModelDirectory } from '../model-store.js';
import { type CommandContext, countOf, writeJsonLine } from '../output.js';
import { writeOutputFile } from '../write-file.js';
import type { ExportOptions } from './export.js';

/** The package's Python and its README, kept as real files beside the CLI (shipped in `files`). */
export const PYTORCH_TEMPLATES = new URL('../../templates/pytorch/', import.meta.url);

/** The file of the package that carries the training recipe to train_ddp.py. */
export const TRAIN_FILE = 'train.json';

/**
 * What train_ddp.py starts from: the recipe the model was trained with (its training-state.json, or
 * the registry's recipe when the directory has none), the step it reached (so that a step decay of the
 * learning rate continues where it was) and the optimizer's scalars.
 */
function trainingSetup(model: string, files: ReadonlyMap<string, Uint8Array>): Record<string, unknown> {
  const bytes = files.get(TRAINING_STATE_FILE);
  if (bytes === undefined) return { recipe: getModelEntry(model).recipe, step: 0, optimizer: {} };
  const state = parseTrainingState(JSON.parse(new TextDecoder().decode(bytes)));
  return { recipe: state.recipe, step: state.step, optimizer: state.optimizer.scalars };
}

/**
 * The model type of a directory, after checking that it is a neural model whose weights fit its
 * config (by loading it), so that a broken directory stops here and not in Python.
 */
function neuralModelOf(dir: string, files: ReadonlyMap<string, Uint8Array>): string {
  let model: string;
  try {
    model = decodeModelDirectory(files, knownModelTypes()).config.model;
    if (!isCountModel(model)) loadModelDirectory(files);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new UsageError(`${dir} does not hold a model that can be exported: ${error.message}`);
  }
  if (isCountModel(model)) {
    throw new UsageError(
      `The ${model} model counts characters and has no PyTorch module; export a neural model (${listModels().join(', ')}).`,
    );
  }
  return model;
}

/** Refuses an --out that is a file, or a folder with files in it unless --force. */
async function checkOut(out: string, force: boolean): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (info === undefined) return;
  if (!info.isDirectory())
    throw new UsageError(`${out} is a file; give a folder for the package with --out.`);
  const entries = await readdir(out);
  if (entries.length > 0 && !force) {
    throw new UsageError(
      `${out} is not empty (${countOf(entries.length, 'entry', 'entries')}); choose another --out or pass --force.`,
    );
  }
}

/**
 * Writes the PyTorch package of a model directory: the template files as they are, the model's
 * `config.json` and `model.safetensors` unchanged (model.py reads the config at run time), and
 * `train.json` with the recipe. Each file is written atomically.
 *
 * @throws UsageError for a missing or broken model directory, a count model, or an --out in the way
 */
export async function runExport(options: ExportOptions, context: CommandContext): Promise<void> {
  const files = await readModelDirectory(options.modelDir);
  const model = neuralModelOf(options.modelDir, files);
  await checkOut(options.out, options.force === true);
  await mkdir(options.out, { recursive: true });

  const written: string[] = [];
  const write = async (name: string, contents: string | Uint8Array) => {
    await writeOutputFile(join(options.out, name), contents);
    written.push(name);
  };
  // Files only: a __pycache__ left by running the templates in place is not part of the package.
  const templates = (await readdir(PYTORCH_TEMPLATES, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  for (const name of templates) await write(name, await readFile(new URL(name, PYTORCH_TEMPLATES)));
  await write(CONFIG_FILE, files.get(CONFIG_FILE)!);
  await write(WEIGHTS_FILE, files.get(WEIGHTS_FILE)!);
  await write(TRAIN_FILE, `${JSON.stringify(trainingSetup(model, files), null, 2)}\n`);

  if (options.json) {
    writeJsonLine(context.stdout, { out: options.out, model, to: options.to, files: written });
    return;
  }
  context.stdout.write(
    `Wrote the PyTorch package of the ${model} model to ${options.out} (${written.join(', ')}).\n` +
      `Train it there:  cd ${options.out} && torchrun --nproc-per-node 2 train_ddp.py --data <words.txt> --steps 1000\n` +
      `Bring it back:   makemore import --from ${join(options.out, 'out.safetensors')} --config ${join(options.out, CONFIG_FILE)} --out <dir>\n`,
  );
}
