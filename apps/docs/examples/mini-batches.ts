// #region setup
import { buildContexts, splitItems, Vocab } from '@makemore/data';
import { loadDataset } from '@makemore/data/node';
import { generate, type LanguageModel } from '@makemore/sampling';
import {
  crossEntropy,
  dispose,
  Generator,
  noGrad,
  randint,
  randn,
  type Tensor,
  tensor,
  tidy,
} from '@makemore/tensor';

// The MLP of chapter 5, as it was there: names.txt, the 28-token vocabulary, the same seeded randn draws.
const names = await loadDataset('names', {
  cacheDirectory: new URL('../../../../shared/data/', import.meta.url),
});
const vocab = Vocab.fromItems(names, { layout: 'split' });
const blockSize = 3;
const { X: xs, Y: ys, count } = buildContexts(names, vocab, blockSize);
const X = tensor(xs, { dtype: 'int32' }).view(count, blockSize); // (228146, 3)
const Y = tensor(ys, { dtype: 'int32' }); // (228146)

const g = new Generator(2147483647);
const C = randn([vocab.size, 2], { generator: g, requiresGrad: true }); // (28, 2)
const W1 = randn([blockSize * 2, 100], { generator: g, requiresGrad: true }); // (6, 100)
const b1 = randn([100], { generator: g, requiresGrad: true });
const W2 = randn([100, vocab.size], { generator: g, requiresGrad: true }); // (100, 28)
const b2 = randn([vocab.size], { generator: g, requiresGrad: true });
const parameters = [C, W1, b1, W2, b2];
const forward = (x: Tensor) =>
  C.index(x)
    .view(-1, blockSize * 2)
    .matmul(W1)
    .add(b1)
    .tanh()
    .matmul(W2)
    .add(b2); // (B, 28)

// One step of gradient descent on the examples x, y at learning rate 0.1; returns the loss before it.
const step = (x: Tensor, y: Tensor): number =>
  tidy(() => {
    const loss = crossEntropy(forward(x), y);
    for (const p of parameters) p.zeroGrad();
    loss.backward();
    noGrad(() => {
      for (const p of parameters) p.sub_(p.grad!, 0.1);
    });
    return loss.item();
  });
// #endregion setup

// #region full-batch
// Three full-batch steps, timed: each one reads all 228,146 examples.
let start = performance.now();
const full = [step(X, Y), step(X, Y), step(X, Y)];
const fullMs = (performance.now() - start) / full.length;
console.log(full.map((loss) => loss.toFixed(4)).join(' '));
// #endregion full-batch

// #region mini-batches
// Mini-batches: each step takes 64 random examples, so its gradient is a noisy estimate of the full one.
const batchSize = 64;
const losses: string[] = [];
start = performance.now();
for (let i = 1; i <= 1000; i++) {
  const ix = randint(0, count, [batchSize], { generator: g }); // (64)
  const loss = tidy(() => step(X.index(ix), Y.index(ix)));
  ix.dispose();
  if (i === 1 || i % 250 === 0) losses.push(`step ${i}: ${loss.toFixed(4)}`);
}
const miniMs = (performance.now() - start) / 1000;
for (const line of losses) console.log(line);
// The loss on one batch is noisy; the loss on all 228,146 examples is the one to compare.
console.log('all examples:', noGrad(() => tidy(() => crossEntropy(forward(X), Y).item())).toFixed(4));
// #endregion mini-batches

// #region why
// Why is the full batch slow? Each of its steps does the work of count / 64 mini-batch steps.
console.log(`work per step: ${count} / ${batchSize} = ${(count / batchSize).toFixed(1)}× as many examples`);
const speed = `a full-batch step ${fullMs.toFixed(0)} ms, a mini-batch step ${miniMs.toFixed(2)} ms`;
console.log(`${speed}: ${(fullMs / miniMs).toFixed(0)}× (measured)`);
// #endregion why

// #region sample
// Any object with a vocab and nextTokenLogProbs is a LanguageModel, so @makemore/sampling samples from it.
const mlp: LanguageModel = {
  vocab,
  nextTokenLogProbs(sequences) {
    const contexts = sequences.flatMap((seq) => {
      const tail = seq.slice(-blockSize);
      return [...Array<number>(blockSize - tail.length).fill(vocab.startId), ...tail];
    });
    const x = tensor(contexts, { dtype: 'int32' }).view(sequences.length, blockSize);
    const logProbs = noGrad(() => tidy(() => forward(x).logSoftmax())); // (B, 28)
    const rows = Float32Array.from(logProbs.dataSync());
    dispose([x, logProbs]); // tensors live in the backend's buffers until disposed
    return rows;
  },
};
console.log(await generate(mlp, { count: 5, seed: 3407 }));
// #endregion sample

// #region next
// The video goes on with an 80/10/10 split, shuffled as Python's random.seed(42) does it.
const { train, val, test } = splitItems(names, { seed: 42, scheme: 'lecture' });
console.log(train.length, val.length, test.length, train.slice(0, 3));
// #endregion next
