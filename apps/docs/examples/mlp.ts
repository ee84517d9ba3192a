// #region ngrams
import { buildContexts, Vocab } from '@makemore/data';
import { loadDataset } from '@makemore/data/node';
import { crossEntropy, Generator, noGrad, randn, type Tensor, tensor, tidy } from '@makemore/tensor';

// names.txt and the lecture's 28-token vocabulary, as in chapter 1.
const names = await loadDataset('names', {
  cacheDirectory: new URL('../../../../shared/data/', import.meta.url),
});
const vocab = Vocab.fromItems(names, { layout: 'split' });

// get_ngrams(end, start, block_size): every context of block_size tokens in names[start:end] and the
// token that follows it; a name's first contexts are padded with <START>, its last target is <END>.
const blockSize = 3;
function getNgrams(end: number, start = 0, size = blockSize): [Tensor, Tensor] {
  const { X, Y, count } = buildContexts(names.slice(start, end), vocab, size);
  return [tensor(X, { dtype: 'int32' }).view(count, size), tensor(Y, { dtype: 'int32' })];
}
const [X, Y] = getNgrams(1); // emma
console.log(X.shape, Y.shape);
const rows = X.tolist() as number[][];
rows.forEach((row, i) => {
  const context = row.map((id) => vocab.tokenName(id)).join(' ');
  console.log(`${context} → ${vocab.tokenName(Y.dataSync()[i]!)}`);
});
// #endregion ngrams

// #region parameters
// Bengio et al. 2003 with the lecture's sizes: a 2-D embedding per token, 100 tanh units, 28 outputs.
// Every parameter is drawn from randn, as in the lecture.
const g = new Generator(2147483647);
const C = randn([vocab.size, 2], { generator: g, requiresGrad: true }); // (28, 2)
const W1 = randn([blockSize * 2, 100], { generator: g, requiresGrad: true }); // (6, 100)
const b1 = randn([100], { generator: g, requiresGrad: true });
const W2 = randn([100, vocab.size], { generator: g, requiresGrad: true }); // (100, 28)
const b2 = randn([vocab.size], { generator: g, requiresGrad: true });
const parameters = [C, W1, b1, W2, b2];
console.log(parameters.map((p) => p.shape));
console.log(parameters.reduce((n, p) => n + p.numel(), 0));
// #endregion parameters

// #region forward
// The forward pass on emma's five examples, shape by shape.
const emb = C.index(X); // C[X]: (5, 3, 2)
const flat = emb.view(-1, blockSize * 2); // (5, 6): the three embeddings side by side
const h = flat.matmul(W1).add(b1).tanh(); // (5, 100)
const logits = h.matmul(W2).add(b2); // (5, 28)
console.log(X.shape, emb.shape, flat.shape, h.shape, logits.shape);
// #endregion forward

// #region cross-entropy
// Cross-entropy by hand (softmax, then the NLL by indexing) and the fused crossEntropy: the same number.
const counts = logits.exp();
const prob = counts.div(counts.sum(1, true)); // (5, 28)
const byHand = prob.gather(1, Y.view(-1, 1)).log().mean().neg();
console.log(byHand.item().toFixed(4), crossEntropy(logits, Y).item().toFixed(4));
// #endregion cross-entropy

// #region full-batch
// Full-batch gradient descent: every epoch is one step on all 228,146 examples of names.txt.
const [Xall, Yall] = getNgrams(names.length);
console.log(Xall.shape, Yall.shape);
const forward = (x: Tensor) =>
  C.index(x)
    .view(-1, blockSize * 2)
    .matmul(W1)
    .add(b1)
    .tanh()
    .matmul(W2)
    .add(b2);
for (let epoch = 1; epoch <= 10; epoch++) {
  const loss = tidy(() => {
    const loss = crossEntropy(forward(Xall), Yall);
    for (const p of parameters) p.zeroGrad();
    loss.backward();
    noGrad(() => {
      for (const p of parameters) p.sub_(p.grad!, 0.1); // p -= 0.1 · p.grad
    });
    return loss.item();
  });
  if (epoch === 1 || epoch % 3 === 1 || epoch === 10) console.log(`epoch ${epoch}: ${loss.toFixed(4)}`);
}
// #endregion full-batch
