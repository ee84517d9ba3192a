import { readFile } from 'node:fs/promises';
import { getModelEntry, resolveHyperparameters } from '@makemore/models';
import { Generator } from '@makemore/tensor';
import {
  CheckpointError,
  decodeSafetensors,
  encodeModelDirectory,
  isCountModel,
  knownModelTypes,
  loadModelDirectory,
  type ModelConfig,
  parseModelConfig,
  type StoredTensor,
} from '@makemore/train';
import { UsageError } from '../errors.js';
import { describeStoredModel, writeModelDirectory } from '../model-store.js';
import { type CommandContext, writeJsonLine } from '../output.js';
import type { ImportOptions } from './import.js';

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code;
    throw new UsageError(`Cannot read ${what} ${path} (${why}).`);
  }
}

/** The validated config of --config; a count model has no weights to import. */
function parseConfig(path: string, bytes: Uint8Array): ModelConfig {
  let config: ModelConfig;
  try {
    config = parseModelConfig(JSON.parse(new TextDecoder().decode(bytes)), knownModelTypes());
  } catch (error) {
    if (!(error instanceof CheckpointError) && !(error instanceof SyntaxError)) throw error;
    throw new UsageError(`${path} is not a makemore config.json: ${error.message}`);
  }
  if (isCountModel(config.model)) {
    throw new UsageError(
      `${path} is a count ${config.model}, which has no weights to import; give a neural model's config.`,
    );
  }
  return config;
}

/** Every tensor name the model of `config` has (parameters and buffers) with its shape. */
function expectedShapes(config: ModelConfig): Map<string, readonly number[]> {
  const entry = getModelEntry(config.model);
  const model = entry.create(resolveHyperparameters(entry, config.hyperparameters), {
    vocabSize: config.vocab.size,
    generator: new Generator(0),
  });
  const shapes = new Map([...model.stateDict()].map(([name, tensor]) => [name, tensor.shape]));
  model.dispose();
  return shapes;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Checks the tensors against the model of the config, naming the first problem: a missing tensor, one
 * the model does not have, a wrong shape, a non-float dtype or values that are not finite (a run that
 * diverged).
 */
function checkWeights(from: string, config: ModelConfig, weights: ReadonlyMap<string, StoredTensor>): void {
  const expected = expectedShapes(config);
  const model = `the ${config.model} model of the config`;
  for (const [name, shape] of expected) {
    const tensor = weights.get(name);
    if (tensor === undefined) throw new UsageError(`${from} has no tensor '${name}', which ${model} needs.`);
    if (shapeText(tensor.shape) !== shapeText(shape)) {
      throw new UsageError(
        `${from} has '${name}' of shape ${shapeText(tensor.shape)}, but ${model} needs ${shapeText(shape)}; was it trained from this config?`,
      );
    }
    if (tensor.dtype === 'I32')
      throw new UsageError(`${from} stores '${name}' as integers; export float32 weights.`);
    if (!tensor.data.every(Number.isFinite)) {
      throw new UsageError(
        `${from} has values in '${name}' that are not finite (NaN or infinite); the run diverged.`,
      );
    }
  }
  const extra = [...weights.keys()].find((name) => !expected.has(name));
  if (extra !== undefined)
    throw new UsageError(`${from} has a tensor '${extra}' that ${model} does not have.`);
}

/**
 * Writes a model directory of `--config` with the weights of `--from`: checked against the model the
 * config describes, converted to float32 as makemore-ts stores them, written atomically, and loaded
 * once more before the command says it is done.
 *
 * @throws UsageError for an unreadable or mismatched input, or an --out that holds a model (without --force)
 */
export async function runImport(options: ImportOptions, context: CommandContext): Promise<void> {
  const config = parseConfig(options.config, await readInput(options.config, 'the config'));
  let weights: Map<string, StoredTensor>;
  try {
    weights = decodeSafetensors(await readInput(options.from, 'the weights'), options.from).tensors;
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new UsageError(`${options.from} is not a safetensors file makemore reads: ${error.message}`);
  }
  checkWeights(options.from, config, weights);
  const float32 = new Map(
    [...weights].map(([name, t]) => [
      name,
      { dtype: 'F32' as const, shape: t.shape, data: Float32Array.from(t.data) },
    ]),
  );
  const files = encodeModelDirectory({
    config: { ...config, created: new Date().toISOString() },
    weights: float32,
  });
  // The directory must load as every reader loads it; anything the checks above missed stops here.
  loadModelDirectory(files).model.dispose();

  if (!options.force) {
    const held = await describeStoredModel(options.out);
    if (held !== null)
      throw new UsageError(`${options.out} holds a trained ${held}; pass --force to replace it.`);
  }
  await writeModelDirectory(options.out, files);
  if (options.json) {
    writeJsonLine(context.stdout, { out: options.out, model: config.model, tensors: float32.size });
    return;
  }
  context.stdout.write(
    `Wrote the ${config.model} model with the weights of ${options.from} to ${options.out}; try \`makemore sample --model-dir ${options.out}\`.\n`,
  );
}
