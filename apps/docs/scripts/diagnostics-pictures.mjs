// Makes the pictures of the guide's part-3 chapter (docs/guide/diagnostics.md) with the built
// `makemore` command, as a reader would: a learning-rate sweep, then the part-2 MLP (plain randn)
// and the MLP with Kaiming init and BatchNorm trained with --diagnostics, each drawn by
// `makemore plot`. The SVGs land in docs/public/guide/diagnostics/, committed with the chapter.
// The models are smaller than the lecture's (64 hidden units, 2,000 steps) to keep the files small.
//
//   node apps/docs/scripts/diagnostics-pictures.mjs [--data <names.txt or a dataset name>]
//
// --data defaults to the built-in `names` (the lecture's names.txt, downloaded once); a local copy
// of names.txt gives the same pictures offline.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_BIN } from './cli-reference.mjs';

const outDir = fileURLToPath(new URL('../../../docs/public/guide/diagnostics/', import.meta.url));
const dataFlag = process.argv.indexOf('--data');
const data = dataFlag < 0 ? 'names' : process.argv[dataFlag + 1];
if (data === undefined) throw new Error('--data needs a dataset name or a file');

/** The training runs of the chapter: the lecture's bad initialisation and its fix. */
const MODELS = ['mlp', 'mlp-bn'];
/** What `makemore plot` draws from diagnostics.json, all copied into the chapter. */
const PICTURES = ['activation-histograms', 'gradient-histograms', 'saturation-map', 'update-ratio'];
/** The first evaluation: the chapter looks at the network early, as the lecture does at initialisation. */
const EARLY_STEP = '200';

/** @param {string[]} args - the arguments of `makemore` */
function makemore(args) {
  console.log(`makemore ${args.join(' ')}`);
  execFileSync(process.execPath, [CLI_BIN, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
}

const work = mkdtempSync(join(tmpdir(), 'makemore-diagnostics-'));
try {
  mkdirSync(outDir, { recursive: true });
  makemore(['lr-find', '--model', 'mlp', '--data', data, '--quiet', '--out', join(outDir, 'lr-find.svg')]);
  for (const model of MODELS) {
    const dir = join(work, model);
    const plots = join(work, `${model}-plots`);
    makemore([
      ...['train', '--model', model, '--data', data, '--n-hidden', '64', '--steps', '2000'],
      ...['--eval-every', EARLY_STEP, '--diagnostics', '--out', dir, '--samples', '0', '--quiet'],
    ]);
    makemore(['plot', '--model-dir', dir, '--out', plots, '--step', EARLY_STEP]);
    for (const picture of PICTURES) {
      copyFileSync(join(plots, `${picture}.svg`), join(outDir, `${model}-${picture}.svg`));
    }
  }
  console.log(`wrote ${1 + MODELS.length * PICTURES.length} pictures into ${outDir}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
