import { fingerprintItems, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
import {
  buildDataset,
  getModelEntry,
  type MLP,
  type MLPBatchNorm,
  resolveHyperparameters,
} from '@makemore/models';
import { BatchNorm1d } from '@makemore/nn';
import { Generator, noGrad, type Tensor, tidy } from '@makemore/tensor';
import { createTrainingRun, randomBatch } from '@makemore/train';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);
const split = splitItems(names, { seed: 3407 });

// The lecture's model: the part-2 MLP plus BatchNorm's gain and bias; on names.txt (27 tokens) it has
// 12,297 parameters, the figure lecture 3 prints.
const mlpBn = getModelEntry('mlp-bn');
const h = resolveHyperparameters(mlpBn);
console.log(h, mlpBn.parameterCount(h, 27)); // { blockSize: 3, nEmbd: 10, nHidden: 200 } 12297

// Both models, built with the same seed, on the same batch of 1,000 training contexts.
const create = (name: string) =>
  getModelEntry(name).create(h, { vocabSize: vocab.size, generator: new Generator(2147483647) });
const mlp = create('mlp') as MLP;
const bn = create('mlp-bn') as MLPBatchNorm;
const { x, y } = randomBatch(buildDataset('window', split.train, vocab, 3), 1000, new Generator(42));

// 1. The loss at initialisation: a uniform guess costs -log(1/28). Plain randn weights make the MLP
// confidently wrong; mlp-bn scales W2 by 0.01 and zeroes b2, so it starts at the uniform guess.
const initialLoss = (model: MLP | MLPBatchNorm) => noGrad(() => tidy(() => model.loss(x, y).item()));
console.log((-Math.log(1 / vocab.size)).toFixed(4), initialLoss(mlp).toFixed(2), initialLoss(bn).toFixed(2)); // 3.3322 28.63 3.34

// 2. The hidden layer: how spread the pre-activations are, and how many tanh outputs are saturated
// (|h| > 0.99, where tanh's gradient 1 - h² vanishes).
const hpreact = (model: MLP | MLPBatchNorm): Tensor =>
  model.C.index(x).reshape(1000, -1).matmul(model.W1).add(model.b1); // (1000, 200)
const describe = (pre: Tensor) =>
  noGrad(() =>
    tidy(() => {
      const saturated = pre.tanh().abs().gt(0.99).float().mean().item();
      return `std ${pre.std().item().toFixed(2)}, ${(100 * saturated).toFixed(0)}% saturated`;
    }),
  );
console.log(describe(hpreact(mlp))); // std 5.54, 63% saturated
// Kaiming init, W1 ~ N(0, 1) · (5/3) / √30: a spread of 5/3, the gain that makes up for tanh's squashing.
console.log(describe(hpreact(bn))); // std 1.67, 11% saturated

// 3. BatchNorm makes each unit zero-mean, unit-variance over the batch, then scales and shifts it by
// the trained gamma and beta (the lecture's bngain and bnbias). Training also updates running
// estimates, which eval mode uses, so that one context can be scored without a batch.
const layer = new BatchNorm1d(200, { momentum: 0.001 });
const normalised = noGrad(() => layer.forward(hpreact(mlp)));
console.log(describe(normalised)); // std 1.00, 1% saturated
const keys = (tensors: [string, Tensor][]) => tensors.map(([name]) => name);
console.log(keys(layer.namedParameters()), keys(layer.namedBuffers())); // [ 'gamma', 'beta' ] [ 'runningMean', 'runningVar' ]

// 4. Both trained for 500 steps with the lecture's recipe (SGD at 0.1, batches of 32) on the same
// 2,000 names: mlp-bn does not spend its first steps undoing a bad initialisation.
const data = { source: 'first-names', fingerprint: await fingerprintItems(names), items: names.length };
const small = {
  train: split.train.slice(0, 2000),
  val: split.val.slice(0, 500),
  test: split.test.slice(0, 500),
};
async function train(model: string): Promise<string> {
  const run = createTrainingRun({ model, split: small, vocab, data, recipe: { steps: 500, evalEvery: 500 } });
  const losses: string[] = [];
  const done = await run.train({
    logEvery: 1,
    onEvent: (event) => {
      if (event.event === 'step' && [1, 10, 100, 500].includes(event.step))
        losses.push(event.loss.toFixed(2));
    },
  });
  return `${model}: ${losses.join(' → ')}, validation ${done.val?.toFixed(4)}`;
}
console.log(await train('mlp')); // mlp: 28.82 → 20.95 → 6.87 → 5.81, validation 5.2247
console.log(await train('mlp-bn')); // mlp-bn: 3.34 → 3.23 → 2.43 → 2.85, validation 2.5199
