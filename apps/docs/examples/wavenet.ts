import { buildContexts, fingerprintItems, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
import { getModelEntry, resolveHyperparameters, type WaveNet } from '@makemore/models';
import { type BatchNorm1d, FlattenConsecutive } from '@makemore/nn';
import { Generator, noGrad, type Tensor, tensor } from '@makemore/tensor';
import { createTrainingRun } from '@makemore/train';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);

// A context of 8 characters instead of 3: the windows the model reads for "emma".
const { X, Y, count } = buildContexts(['emma'], vocab, 8);
const rows = Array.from({ length: count }, (_, i) => {
  const context = [...X.subarray(8 * i, 8 * i + 8)].map((id) => vocab.tokenName(id)).join('');
  return `${context} → ${vocab.tokenName(Y[i]!)}`;
});
console.log(rows.join(', ')); // ........ → e, .......e → m, ......em → m, .....emm → a, ....emma → .

// FlattenConsecutive(2) concatenates neighbours: (B, T, C) → (B, T/2, 2C), the time axis dropped at 1.
const flatten = new FlattenConsecutive(2);
console.log(flatten.forward(tensor(new Float32Array(4 * 8 * 24), { shape: [4, 8, 24] })).shape); // [ 4, 4, 48 ]

// The lecture's final model: embeddings of 24, three levels of FlattenConsecutive(2) → Linear →
// BatchNorm1d → Tanh with 128 units, and the output layer. On names.txt it has 76,579 parameters;
// the first hierarchical version (embeddings of 10, 68 units) had 22,397.
const entry = getModelEntry('wavenet');
const h = resolveHyperparameters(entry);
const smaller = resolveHyperparameters(entry, { nEmbd: 10, nHidden: 68 });
console.log(h, entry.parameterCount(h, 27), entry.parameterCount(smaller, 27)); // { blockSize: 8, nEmbd: 24, nHidden: 128 } 76579 22397

// The shape after each layer, for a batch of 4 contexts: characters are fused two at a time, in a tree.
const model = entry.create(h, { vocabSize: vocab.size, generator: new Generator(42) }) as WaveNet;
const shapes: string[] = [];
noGrad(() => {
  let out: Tensor = tensor(X.subarray(0, 4 * 8), { shape: [4, 8] });
  for (const layer of model.net.layers) {
    out = layer.forward(out);
    shapes.push(`${layer.constructor.name} (${out.shape.join(', ')})`);
  }
});
console.log(shapes.join(', ')); // Embedding (4, 8, 24), FlattenConsecutive (4, 4, 48), Linear (4, 4, 128), BatchNorm1d (4, 4, 128), Tanh (4, 4, 128), FlattenConsecutive (4, 2, 256), Linear (4, 2, 128), BatchNorm1d (4, 2, 128), Tanh (4, 2, 128), FlattenConsecutive (4, 256), Linear (4, 128), BatchNorm1d (4, 128), Tanh (4, 128), Linear (4, 28)

// The lecture's BatchNorm bug: on (B, T, C) the statistics must be taken over B and T, giving one
// mean per channel, not one per position and channel.
const bn = model.net.layers[3] as BatchNorm1d;
console.log(bn.runningMean.shape); // [ 128 ]

// A short training on 1,000 names with the lecture's recipe, to see the loss fall.
const { train, val, test } = splitItems(names, { seed: 3407 });
const split = { train: train.slice(0, 1000), val: val.slice(0, 200), test: test.slice(0, 200) };
const data = { source: 'first-names', fingerprint: await fingerprintItems(names), items: names.length };
const run = createTrainingRun({
  model: 'wavenet',
  split,
  vocab,
  data,
  recipe: { steps: 200, evalEvery: 200 },
});
const losses: string[] = [];
const done = await run.train({
  logEvery: 1,
  onEvent: (event) => {
    if (event.event === 'step' && [1, 50, 200].includes(event.step)) losses.push(event.loss.toFixed(2));
  },
});
console.log(losses.join(' → '), done.val?.toFixed(4)); // 3.33 → 2.82 → 2.21 2.4893
