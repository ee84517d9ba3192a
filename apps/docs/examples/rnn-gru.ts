import { fingerprintItems, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
import { buildSequences, getModelEntry, type RecurrentModel, resolveHyperparameters } from '@makemore/models';
import { RNNCell } from '@makemore/nn';
import { Generator, noGrad, tensor, zeros } from '@makemore/tensor';
import { createTrainingRun } from '@makemore/train';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);

// makemore's data for sequence models: one row per name, the start token then the name as input, the
// name then the end token as target; -1 (shown as _) pads the targets and is left out of the loss.
const { X, Y } = buildSequences(['emma'], vocab, 8);
const show = (ids: Int32Array) => [...ids].map((id) => (id < 0 ? '_' : vocab.tokenName(id))).join('');
console.log(show(X), show(Y)); // .emma... emma.___

// The block size is the longest name plus one, so that every name fits in one row.
const rnn = getModelEntry('rnn');
const h = resolveHyperparameters(rnn, {}, { items: names });
console.log(h); // { blockSize: 16, nEmbd: 64, nEmbd2: 64 }

// One step of the vanilla RNN cell: h_t = tanh(W · [x_t, h_(t-1)] + b). The model unrolls it along the
// sequence from a learned start state, and its head turns every h_t into logits for character t + 1.
const cell = new RNNCell(64, 64, { generator: new Generator(42) });
const step = noGrad(() => cell.step(zeros([1, 64]), zeros([1, 64])));
console.log(step.shape, cell.numParameters()); // [ 1, 64 ] 8256

// So one forward pass predicts every position of every row at once: (B, T) → (B, T, vocab).
const model = rnn.create(h, { vocabSize: vocab.size, generator: new Generator(42) }) as RecurrentModel;
const ids = tensor(buildSequences(['emma', 'olivia'], vocab, h['blockSize']!).X, { shape: [2, 16] });
console.log(noGrad(() => model.logits(ids)).shape); // [ 2, 16, 28 ]

// The GRU replaces the cell with three: an update gate z, a reset gate r and a candidate state; with
// h_t = (1 - z) · h_(t-1) + z · candidate, a unit can keep its value over many steps, and its gradient
// with it. Parameters on names.txt (27 tokens):
const gru = getModelEntry('gru');
console.log(rnn.parameterCount(h, 27), gru.parameterCount(h, 27)); // 11803 28315

// Both trained for 50 steps with makemore's recipe (AdamW at 5e-4, batches of 32) on 500 names; makemore's
// split has no validation set, only a test set (of up to 1,000 names).
const { train, val, test } = splitItems(names, { seed: 3407, scheme: 'makemore-torch' });
const split = { train: train.slice(0, 500), val, test: test.slice(0, 50) };
const data = { source: 'first-names', fingerprint: await fingerprintItems(names), items: names.length };
async function trainBriefly(model: string): Promise<string> {
  const run = createTrainingRun({ model, split, vocab, data, recipe: { steps: 50, evalEvery: 50 } });
  const losses: string[] = [];
  const done = await run.train({
    logEvery: 1,
    onEvent: (event) => {
      if (event.event === 'step' && [1, 50].includes(event.step)) losses.push(event.loss.toFixed(2));
    },
  });
  return `${model}: ${losses.join(' → ')}, test ${done.test?.toFixed(4)}`;
}
console.log(await trainBriefly('rnn')); // rnn: 3.36 → 2.76, test 2.7393
console.log(await trainBriefly('gru')); // gru: 3.36 → 2.74, test 2.7825
