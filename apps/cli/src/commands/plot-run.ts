import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BigramCounts, heatmapSvg } from '@makemore/bigram';
import {
  COUNT_BIGRAM,
  DIAGNOSTICS_FILE,
  decodeModelDirectory,
  knownModelTypes,
  type ModelDirectory,
  parseTrainingState,
  TRAINING_STATE_FILE,
} from '@makemore/train';
import { UsageError } from '../errors.js';
import { readModelDirectory } from '../model-store.js';
import { type CommandContext, writeJsonLine } from '../output.js';
import { diagnosticsCharts } from '../plots/diagnostics-charts.js';
import { embeddingScatterSvg } from '../plots/embedding-scatter.js';
import { lossCurveSvg } from '../plots/loss-curve.js';
import { writeOutputFile } from '../write-file.js';
import type { PlotOptions } from './plot.js';

// The character embedding is `C` in the lecture's MLPs and `wte.weight` in makemore's Transformer.
const EMBEDDING_NAMES = ['C', 'wte.weight', 'embedding.weight'];

function embedding2d(directory: ModelDirectory): Float32Array | Float64Array | undefined {
  const size = directory.config.vocab.size;
  for (const name of EMBEDDING_NAMES) {
    const tensor = directory.weights.get(name);
    if (tensor && tensor.dtype !== 'I32' && tensor.shape[0] === size && tensor.shape[1] === 2) {
      return tensor.data as Float32Array | Float64Array;
    }
  }
  return undefined;
}

/** Runs `makemore plot` with parsed options. */
export async function runPlot(options: PlotOptions, context: CommandContext): Promise<void> {
  const files = await readModelDirectory(options.modelDir);
  const directory = decodeModelDirectory(files, knownModelTypes());
  const { model, vocab } = directory.config;
  const charts = new Map<string, string>();
  const notes: string[] = [];
  if (model === COUNT_BIGRAM) {
    const counts = directory.weights.get('counts');
    if (counts) charts.set('bigram-counts.svg', heatmapSvg(BigramCounts.fromArray(vocab, counts.data)));
    notes.push('a count model trains in one pass, so it has no loss curve; its count table is drawn instead');
  } else {
    const stateBytes = files.get(TRAINING_STATE_FILE);
    if (stateBytes === undefined)
      throw new UsageError(
        `${options.modelDir} has no ${TRAINING_STATE_FILE}, so there is no loss history to plot.`,
      );
    const state = parseTrainingState(JSON.parse(new TextDecoder().decode(stateBytes)));
    charts.set(
      'loss.svg',
      lossCurveSvg(state.history, `${model}: loss over ${state.step.toLocaleString('en-US')} steps`),
    );
    const points = embedding2d(directory);
    if (points) {
      const labels = vocab.itos.map((token) => token);
      charts.set('embedding.svg', embeddingScatterSvg(points, labels, `${model}: 2-D character embeddings`));
    } else {
      notes.push('the character embeddings are not 2-D; train with --n-embd 2 to get the scatter');
    }
  }
  const diagnostics = files.get(DIAGNOSTICS_FILE);
  if (diagnostics !== undefined) {
    const drawn = await diagnosticsCharts(diagnostics, options.step);
    for (const [name, svg] of drawn.charts) charts.set(name, svg);
    notes.push(...drawn.notes);
  } else if (options.step !== undefined) {
    throw new UsageError(
      `${options.modelDir} has no ${DIAGNOSTICS_FILE} for --step to choose from; train with --diagnostics to record one.`,
    );
  }
  await mkdir(options.out, { recursive: true });
  for (const [name, svg] of charts) {
    const path = join(options.out, name);
    await writeOutputFile(path, svg);
    if (options.json) writeJsonLine(context.stdout, { event: 'wrote', path });
    else context.stdout.write(`wrote ${path}\n`);
  }
  for (const note of notes) {
    if (options.json) writeJsonLine(context.stdout, { event: 'note', note });
    else context.stderr.write(`note: ${note}.\n`);
  }
}
