import { loadEmbeddedDataset, Vocab } from '@makemore/data';
import { crossEntropy, Generator, noGrad, oneHot, randn, tensor, tidy } from '@makemore/tensor';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);

// The training set of bigrams: xs is the previous character, ys the next one.
const xs: number[] = [];
const ys: number[] = [];
for (const name of names) {
  const ids = vocab.encodeWithBoundaries(name);
  for (let i = 0; i + 1 < ids.length; i++) {
    xs.push(ids[i]!);
    ys.push(ids[i + 1]!);
  }
}
const X = tensor(xs, { dtype: 'int32' });
const Y = tensor(ys, { dtype: 'int32' });
console.log(X.shape, Y.shape); // [ 59167 ] [ 59167 ]

// One layer of 28 neurons: logits = onehot(x) @ W, read as log-counts; softmax turns them into P.
const g = new Generator(2147483647);
const W = randn([vocab.size, vocab.size], { generator: g, requiresGrad: true });
const xenc = oneHot(X, vocab.size, { dtype: 'float32' }); // (59167, 28)

const losses: number[] = [];
for (let step = 0; step < 50; step++) {
  const loss = tidy(() => {
    const logits = xenc.matmul(W); // (59167, 28)
    // cross-entropy is the average NLL; the L2 term pulls W towards 0, like smoothing pulls P to uniform.
    const loss = crossEntropy(logits, Y).add(W.pow(2).mean().mul(0.01));
    W.zeroGrad();
    loss.backward();
    noGrad(() => W.sub_(W.grad!, 50));
    return loss.item();
  });
  losses.push(loss);
}
// Gradient descent approaches the counting model's loss (2.42 with smoothing 1, chapter 3).
console.log(losses[0]!.toFixed(4), losses[9]!.toFixed(4), losses[49]!.toFixed(4)); // 3.8282 2.6976 2.4864
