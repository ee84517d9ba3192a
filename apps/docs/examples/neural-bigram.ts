// #region xy
import { Vocab } from '@makemore/data';
import { loadDataset } from '@makemore/data/node';
import { Generator, noGrad, oneHot, randn, type Tensor, tensor, tidy } from '@makemore/tensor';

// names.txt and the lecture's 28-token vocabulary, as in chapter 1.
const names = await loadDataset('names', {
  cacheDirectory: new URL('../../../../shared/data/', import.meta.url),
});
const vocab = Vocab.fromItems(names, { layout: 'split' });

// The training set of bigrams: X holds the previous token, Y the next one.
function bigramsOf(items: readonly string[]): [Tensor, Tensor] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const item of items) {
    const ids = vocab.encodeWithBoundaries(item);
    for (let i = 0; i + 1 < ids.length; i++) {
      xs.push(ids[i]!);
      ys.push(ids[i + 1]!);
    }
  }
  return [tensor(xs, { dtype: 'int32' }), tensor(ys, { dtype: 'int32' })];
}
const [xs, ys] = bigramsOf(['emma']);
console.log(xs.tolist(), ys.tolist());
// #endregion xy

// #region one-hot
// One-hot encoding: token i becomes a row of 28 numbers, all 0 but a 1 at column i. (5, 28)
const xenc = oneHot(xs, vocab.size, { dtype: 'float32' });
console.log(xenc.shape);
// The lecture's plt.imshow(xenc), in text: one row per example, █ where the 1 is.
const rows = xenc.tolist() as number[][];
rows.forEach((row, i) => {
  const name = vocab.tokenName(xs.dataSync()[i]!).padEnd(7);
  console.log(`${name} ${row.map((x) => (x === 1 ? '█' : '·')).join('')}`);
});
// #endregion one-hot

// #region neurons
// One neuron: W of shape (28, 1). xenc @ W picks the row of W of each input token.
const g = new Generator(2147483647);
const w1 = randn([vocab.size, 1], { generator: g });
const fmt = (values: ArrayLike<number>) => Array.from(values, (v) => v.toFixed(4)).join(' ');
console.log(xenc.matmul(w1).shape, fmt(xenc.matmul(w1).dataSync()));
console.log(fmt(w1.index(xs).dataSync())); // the same numbers: W[26], W[4], W[12], W[12], W[0]

// 28 neurons: W of shape (28, 28), one logit per possible next token for each of the 5 inputs.
const W = randn([vocab.size, vocab.size], { generator: g, requiresGrad: true });
const logits = xenc.matmul(W); // (5, 28)
console.log(logits.shape);
// #endregion neurons

// #region softmax
// Softmax by hand: logits are log-counts, so exp gives counts, and normalising gives probabilities.
const counts = logits.exp(); // (5, 28)
const probs = counts.div(counts.sum(1, true)); // (5, 28)
console.log(probs.shape, probs.select(0, 0).sum().item().toFixed(4));
// #endregion softmax

// #region nll
// The NLL by indexing: the probability each row gives to the true next token, probs[arange(5), ys].
const picked = probs.gather(1, ys.view(-1, 1)).view(-1); // (5)
console.log(fmt(picked.dataSync()));
console.log(picked.log().mean().neg().item().toFixed(4));
// #endregion nll

// #region train
// Gradient descent on every bigram of names.txt: the mean NLL plus the L2 term λ·(W**2).sum(),
// learning rate 1, 100 epochs (every epoch is one step on all 228,146 examples).
const [X, Y] = bigramsOf(names);
const Xenc = oneHot(X, vocab.size, { dtype: 'float32' }); // (228146, 28)
const lambda = 0.01;
const losses: string[] = [];
for (let epoch = 0; epoch < 100; epoch++) {
  const [loss, nll] = tidy(() => {
    const counts = Xenc.matmul(W).exp(); // (228146, 28)
    const probs = counts.div(counts.sum(1, true));
    const nll = probs.gather(1, Y.view(-1, 1)).log().mean().neg();
    const loss = nll.add(W.pow(2).sum().mul(lambda));
    W.zeroGrad();
    loss.backward();
    noGrad(() => W.sub_(W.grad!, 1)); // W -= 1 · W.grad
    return [loss.item(), nll.item()];
  });
  if (epoch % 20 === 0 || epoch === 99)
    losses.push(`${epoch + 1}: ${loss.toFixed(4)} (NLL ${nll.toFixed(4)})`);
}
console.log(X.shape, Xenc.shape);
for (const line of losses) console.log(line);
// #endregion train

// #region counts
// What it has learned: softmax(W[<START>]) is row <START> of P. The counts of chapter 2 give 0.1377 to 'a';
// 100 steps at learning rate 1, held back by the L2 term, are not there yet.
const startRow = noGrad(() => W.select(0, vocab.startId).softmax());
console.log(startRow.select(0, vocab.stoi('a')).item().toFixed(4));
// #endregion counts
