// A consumer of the published type declarations of every @makemore package (root entries and
// @makemore/data/node and @makemore/train/node), checked with `strict`, `exactOptionalPropertyTypes` and `skipLibCheck: false`.
// Options are forwarded the way a real caller does: values read from flags or the environment that
// may be undefined, passed on as they are.
import { BigramCounts, BigramModel, heatmapSvg, NGramModel } from '@makemore/bigram';
import {
  createRng,
  downloadDataset,
  loadEmbeddedDataset,
  parseItems,
  type RandomGenerator,
  type SplitScheme,
  sampleIndex,
  shuffle,
  splitItems,
  Vocab,
  type VocabLayout,
} from '@makemore/data';
import { loadDataset } from '@makemore/data/node';
import { type GpuMode, selectDevice } from '@makemore/gpu';
import {
  buildDataset,
  getModelEntry,
  resolveHyperparameters,
  type TrainingRecipe,
  type TrainingRecipeOverrides,
} from '@makemore/models';
import {
  AdamW,
  BatchNorm1d,
  CausalSelfAttention,
  crossEntropyLoss,
  type FloatDType,
  LayerNorm,
  Linear,
  SGD,
} from '@makemore/nn';
import { drawSeed, type GenerateOptions, generate, noveltyReport } from '@makemore/sampling';
import {
  batchNorm,
  CpuBackend,
  crossEntropy,
  type DType,
  Generator,
  layerNorm,
  multinomial,
  oneHot,
  type Reduction,
  rand,
  randint,
  randn,
  type Tensor,
  tensor,
  zeros,
  zerosLike,
} from '@makemore/tensor';
import {
  createTrainingRun,
  evaluateLoss,
  loadModel,
  resumeTrainingRun,
  type SampleOptions,
  type TrainingEvent,
  type TrainModelOptions,
  trainModel,
} from '@makemore/train';
import { readModelDirectory, writeModelDirectory } from '@makemore/train/node';

/** A flag of the caller's own command line: undefined when not given. */
function flag(name: string): string | undefined {
  return process.env[`MAKEMORE_${name}`];
}
function numberFlag(name: string): number | undefined {
  const value = flag(name);
  return value === undefined ? undefined : Number(value);
}
function booleanFlag(name: string): boolean | undefined {
  const value = flag(name);
  return value === undefined ? undefined : value === '1';
}

export async function main(): Promise<void> {
  // Every optional value below is `T | undefined`, as a caller's parsed flags are.
  const seed = numberFlag('SEED');
  const count = numberFlag('COUNT');
  const steps = numberFlag('STEPS');
  const lr = numberFlag('LR');
  const topK = numberFlag('TOP_K');
  const topP = numberFlag('TOP_P');
  const temperature = numberFlag('TEMPERATURE');
  const maxLength = numberFlag('MAX_LENGTH');
  const batchSize = numberFlag('BATCH_SIZE');
  const greedy = booleanFlag('GREEDY');
  const prefix = flag('PREFIX');
  const smoothing = numberFlag('SMOOTHING');
  const gradClip = numberFlag('GRAD_CLIP');
  const logEvery = numberFlag('LOG_EVERY');
  const evalRows = numberFlag('EVAL_ROWS');
  const eps = numberFlag('EPS');
  const momentum = numberFlag('MOMENTUM');
  const lowercase = booleanFlag('LOWERCASE');
  const scheme = flag('SPLIT') as SplitScheme | undefined;
  const layout = flag('LAYOUT') as VocabLayout | undefined;
  const dtype = flag('DTYPE') as FloatDType | undefined;
  const model = flag('MODEL');
  const fractions: [number, number, number] | undefined = flag('FRACTIONS') ? [0.8, 0.1, 0.1] : undefined;
  const signal: AbortSignal | undefined = flag('TIMEOUT') ? AbortSignal.timeout(1000) : undefined;
  const onEvent: ((event: TrainingEvent) => void) | undefined = booleanFlag('VERBOSE')
    ? (event) => console.log(event.event)
    : undefined;
  const save: ((files: Map<string, Uint8Array>) => Promise<void>) | undefined = flag('OUT')
    ? (files) => writeModelDirectory(flag('OUT') ?? 'runs/m', files)
    : undefined;

  // @makemore/data
  const text = await downloadDataset('names', { fetch: undefined, cache: undefined, onProgress: undefined });
  const { items } = parseItems(text, { lowercase, maxItemLength: numberFlag('MAX_ITEM_LENGTH') });
  const names = items.length > 0 ? items : loadEmbeddedDataset('first-names');
  const split = splitItems(names, { seed: seed ?? 42, scheme, fractions });
  const vocab = Vocab.fromItems(names, { layout });
  const rng: RandomGenerator = createRng(seed ?? 1);
  shuffle(names, rng);
  sampleIndex([0.5, 0.5], rng);

  // @makemore/tensor
  const device = new CpuBackend({
    maxPoolBytes: undefined,
    simd: booleanFlag('SIMD'),
    relaxedSimd: undefined,
  });
  const generator = new Generator(seed);
  const requestedDType = flag('TENSOR_DTYPE') as DType | undefined;
  const x: Tensor = tensor([[1, 2, 3]], {
    dtype: requestedDType,
    device,
    requiresGrad: undefined,
    shape: undefined,
  });
  zeros([2, 3], { dtype: requestedDType, device: undefined });
  zerosLike(x, { dtype: requestedDType });
  randn([2, 3], { generator, mean: undefined, std: numberFlag('STD'), dtype: requestedDType });
  rand([2, 3], { generator, low: undefined, high: undefined });
  randint(0, 10, [4], { generator, dtype: requestedDType });
  multinomial(tensor([0.2, 0.8]), 2, { generator, replacement: booleanFlag('REPLACEMENT') });
  generator.multinomial([0.2, 0.8], 1, { replacement: undefined });
  oneHot(tensor([1, 0], { dtype: 'int32' }), 3, { dtype: requestedDType });
  layerNorm(x, { eps, weight: undefined, bias: undefined });
  batchNorm(x, { eps, momentum, runningMean: undefined, runningVar: undefined });
  const reduction = flag('REDUCTION') as Reduction | undefined;
  crossEntropy(x, tensor([0], { dtype: 'int32' }), { ignoreIndex: numberFlag('IGNORE'), reduction });

  // @makemore/gpu
  const selection = selectDevice((flag('DEVICE') as GpuMode | undefined) ?? 'auto', {
    probes: undefined,
    cpu: device,
    maxElements: numberFlag('MAX_ELEMENTS'),
    maxLoopIterations: undefined,
  });

  // @makemore/nn
  const linear = new Linear(3, 4, {
    generator,
    dtype,
    bias: booleanFlag('BIAS'),
    gain: numberFlag('GAIN'),
    init: flag('INIT') as 'kaiming' | 'pytorch' | undefined,
  });
  new LayerNorm(4, { eps, dtype });
  new BatchNorm1d(4, { eps, momentum, dtype });
  new CausalSelfAttention(8, 2, { blockSize: 4, generator, dtype });
  new AdamW(linear.namedParameters(), { lr: lr ?? 1e-3, betas: undefined, eps, weightDecay: undefined });
  new SGD(linear.namedParameters(), { lr: lr ?? 0.1, momentum, weightDecay: undefined });
  crossEntropyLoss(x, tensor([0], { dtype: 'int32' }), { ignoreIndex: numberFlag('IGNORE') });
  linear.loadStateDict(new Map(), { strict: booleanFlag('STRICT') });

  // @makemore/models
  const entry = getModelEntry(model ?? 'mlp');
  const hyperparameters = resolveHyperparameters(
    entry,
    { nHidden: numberFlag('N_HIDDEN') },
    { items: booleanFlag('DERIVE') ? names : undefined },
  );
  const net = entry.create(hyperparameters, { vocabSize: vocab.size, generator, dtype });
  const recipe: TrainingRecipeOverrides = { steps, lr, batchSize, split: scheme };
  const fullRecipe: TrainingRecipe = { ...entry.recipe };

  // @makemore/sampling
  const generateOptions: GenerateOptions = {
    count: count ?? 5,
    seed,
    topK,
    topP,
    temperature,
    greedy,
    maxLength,
    prefix,
    batchSize,
  };
  const run = createTrainingRun({
    model: model ?? 'mlp',
    split,
    vocab,
    data: { source: 'names', fingerprint: 'x', items: names.length },
    seed,
    gradClip,
    dtype,
    hyperparameters: { nHidden: numberFlag('N_HIDDEN'), nEmbd: undefined },
    recipe: { steps, lr, batchSize, weightDecay: undefined, evalEvery: fullRecipe.evalEvery },
  });
  await run.train({ logEvery, evalRows, signal, onEvent, save, now: undefined });
  resumeTrainingRun(new Map(), { split, data: run.data, recipe: { steps } });
  evaluateLoss(net, buildDataset(entry.dataFormat, split.val, vocab, 3), {
    maxRows: evalRows,
    chunkRows: undefined,
  });
  const samples = await generate(run.languageModel(), generateOptions);
  await generate(run.languageModel(), { count: 5, seed, topK });
  noveltyReport(
    samples,
    { train: split.train, val: undefined, test: split.test },
    { unique: booleanFlag('UNIQUE') },
  );
  drawSeed();

  // @makemore/bigram
  const bigram = BigramModel.fit(split.train, vocab, { smoothing });
  bigram.sample(count ?? 5, { seed: seed ?? 1, maxLength });
  NGramModel.fromItems(split.train, vocab, { n: 3, smoothing });
  heatmapSvg(BigramCounts.fromItems(names, vocab), { cellSize: numberFlag('CELL_SIZE') });

  // @makemore/train: one call to train, one to sample
  const trainOptions: TrainModelOptions = {
    model,
    steps,
    seed,
    onProgress: onEvent,
    signal,
    hyperparameters: { nEmbd: numberFlag('N_EMBD') },
    recipe,
    split: scheme,
    source: flag('SOURCE'),
    smoothing,
    n: numberFlag('N'),
    layout,
    gradClip,
    dtype,
    save,
    evalRows,
    logEvery,
  };
  const trained = await trainModel(names, trainOptions);
  await trainModel(names, { model, steps, seed, onProgress: onEvent, signal });
  const sampleOptions: SampleOptions = {
    count,
    seed,
    topK,
    topP,
    temperature,
    greedy,
    maxLength,
    prefix,
    batchSize,
  };
  const { items: generated } = await trained.sample(sampleOptions);
  await trained.sample({ count: 5, seed, topK });

  // @makemore/data/node
  const cached = await loadDataset(flag('DATASET') ?? 'names', {
    cacheDirectory: flag('CACHE'),
    lowercase: flag('LOWERCASE') === '1',
  });

  // @makemore/train/node
  const dir = flag('OUT') ?? 'runs/m';
  await writeModelDirectory(dir, trained.save());
  const loaded = loadModel(await readModelDirectory(dir));
  console.log(selection.reason, cached.length, generated, await loaded.score(['emma']));
}
