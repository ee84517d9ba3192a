// #region setup
import { buildContexts, splitItems, Vocab } from '@makemore/data';
import { loadDataset } from '@makemore/data/node';
import {
  crossEntropy,
  Generator,
  oneHot,
  onesLike,
  randint,
  randn,
  type Tensor,
  tensor,
  zerosLike,
} from '@makemore/tensor';
import { compareGradients, formatGradientComparison } from '@makemore/tensor/testing';

// names.txt, the lecture's 27 tokens ('.' both starts and ends a name) and its 80% training split.
const names = await loadDataset('names', {
  cacheDirectory: new URL('../../../../shared/data/', import.meta.url),
});
const vocab = Vocab.fromItems(names);
const blockSize = 3;
const train = buildContexts(splitItems(names, { seed: 42 }).train, vocab, blockSize);
const Xtr = tensor(train.X, { dtype: 'int32' }).view(train.count, blockSize);
const Ytr = tensor(train.Y, { dtype: 'int32' });

// The lecture's MLP with BatchNorm, in float64 so that only the maths can differ. Every parameter is
// random, even the biases, as in the lecture: a zero could hide a wrong gradient.
const [nEmbd, nHidden, vocabSize] = [10, 64, vocab.size];
const g = new Generator(2147483647);
const param = (shape: number[], std: number, mean = 0) =>
  randn(shape, { generator: g, dtype: 'float64', std, mean, requiresGrad: true });
const C = param([vocabSize, nEmbd], 1);
const W1 = param([nEmbd * blockSize, nHidden], 5 / 3 / Math.sqrt(nEmbd * blockSize)); // Kaiming
const b1 = param([nHidden], 0.1); // useless under BatchNorm, but it has a gradient to check
const W2 = param([nHidden, vocabSize], 0.1);
const b2 = param([vocabSize], 0.1);
const bngain = param([1, nHidden], 0.1, 1);
const bnbias = param([1, nHidden], 0.1);
const parameters = [C, W1, b1, W2, b2, bngain, bnbias];
const parameterCount = parameters.reduce((count, p) => count + p.numel(), 0);
console.log(vocabSize, parameterCount); // the lecture's 4,137 parameters

// One batch of 32 contexts.
const n = 32;
const ix = randint(0, train.count, [n], { generator: g });
const [Xb, Yb] = [Xtr.index(ix), Ytr.index(ix)];

// The lecture's cmp: prints how a gradient derived by hand compares with autograd's, and stops the
// example if they differ by 1e-6 or more, so the guide can never show a wrong derivation.
function cmp(name: string, manual: Tensor, autograd: Tensor | null): void {
  const comparison = compareGradients(name, manual, autograd);
  console.log(formatGradientComparison(comparison));
  if (!(comparison.maxDiff < 1e-6)) throw new Error(`${name}: the manual gradient is wrong`);
}
// #endregion setup

// #region forward
// The tensor core keeps gradients only on leaves (it has no retain_grad), so each intermediate gets a
// zero leaf added to it, a probe: the probe's gradient is the intermediate's, and its value is unchanged.
const probes = new Map<string, Tensor>();
function watch(name: string, t: Tensor): Tensor {
  const probe = zerosLike(t, { requiresGrad: true });
  probes.set(name, probe);
  return t.add(probe);
}
const grad = (name: string) => probes.get(name)!.grad;

// The forward pass in small steps, each one simple enough to differentiate by hand.
const emb = watch('emb', C.index(Xb)); // (32, 3, 10): each context's three embeddings
const embcat = watch('embcat', emb.view(n, -1)); // (32, 30): side by side
const hprebn = watch('hprebn', embcat.matmul(W1).add(b1)); // (32, 64): hidden layer before BatchNorm
const bnmeani = watch('bnmeani', hprebn.sum(0, true).mul(1 / n)); // (1, 64): the batch mean
const bndiff = watch('bndiff', hprebn.sub(bnmeani));
const bndiff2 = watch('bndiff2', bndiff.square());
const bnvar = watch('bnvar', bndiff2.sum(0, true).mul(1 / (n - 1))); // (1, 64): Bessel's n - 1
const bnvarInv = watch('bnvar_inv', bnvar.add(1e-5).pow(-0.5));
const bnraw = watch('bnraw', bndiff.mul(bnvarInv)); // (32, 64): zero mean, unit variance
const hpreact = watch('hpreact', bngain.mul(bnraw).add(bnbias));
const h = watch('h', hpreact.tanh());
const logits = watch('logits', h.matmul(W2).add(b2)); // (32, 27)
const logitMaxes = watch('logit_maxes', logits.max(1, true)); // (32, 1): for a safe exp
const normLogits = watch('norm_logits', logits.sub(logitMaxes));
const counts = watch('counts', normLogits.exp());
const countsSum = watch('counts_sum', counts.sum(1, true)); // (32, 1)
const countsSumInv = watch('counts_sum_inv', countsSum.pow(-1));
const probs = watch('probs', counts.mul(countsSumInv)); // (32, 27): softmax
const logprobs = watch('logprobs', probs.log());
const loss = logprobs.gather(1, Yb.view(n, 1)).mean().neg(); // -logprobs[range(n), Yb].mean()
loss.backward(); // autograd's gradients, to check ours against
console.log(loss.item().toFixed(4));
// #endregion forward

// #region cross-entropy
// Exercise 1: backward through every step, from the loss to the logits. Each gradient is the local
// derivative times the gradient flowing in (the chain rule); where the forward pass broadcast a tensor,
// the backward pass sums over the broadcast axis, since the one value was used in every row.
const targets = oneHot(Yb, vocabSize, { dtype: 'float64' }); // (32, 27): 1 at each row's next token
const dlogprobs = targets.mul(-1 / n); // the loss picks one logprob per row and averages -it
cmp('logprobs', dlogprobs, grad('logprobs'));
const dprobs = probs.pow(-1).mul(dlogprobs); // d log(x) = 1/x
cmp('probs', dprobs, grad('probs'));
const dcountsSumInv = counts.mul(dprobs).sum(1, true); // broadcast along the row: sum over it
cmp('counts_sum_inv', dcountsSumInv, grad('counts_sum_inv'));
const dcountsSum = countsSum.pow(-2).neg().mul(dcountsSumInv); // d x⁻¹ = -x⁻²
cmp('counts_sum', dcountsSum, grad('counts_sum'));
// counts feeds probs directly and through counts_sum: the two gradients add up.
const dcounts = countsSumInv.mul(dprobs).add(onesLike(counts).mul(dcountsSum));
cmp('counts', dcounts, grad('counts'));
const dnormLogits = counts.mul(dcounts); // d eˣ = eˣ, and counts is eˣ
cmp('norm_logits', dnormLogits, grad('norm_logits'));
const dlogitMaxes = dnormLogits.neg().sum(1, true); // about zero: the max does not change the loss
cmp('logit_maxes', dlogitMaxes, grad('logit_maxes'));
// logits feeds norm_logits directly and through the max, which routes its gradient to the largest.
const dlogits = dnormLogits.add(oneHot(logits.argmax(1), vocabSize, { dtype: 'float64' }).mul(dlogitMaxes));
cmp('logits', dlogits, grad('logits'));
// #endregion cross-entropy

// #region linear
// logits = h @ W2 + b2: a matrix product's gradient is another matrix product, with the shapes as the
// guide (dh is (32, 64) like h), and b2, broadcast over the rows, sums its gradient over them.
const dh = dlogits.matmul(W2.transpose());
cmp('h', dh, grad('h'));
cmp('W2', h.transpose().matmul(dlogits), W2.grad);
cmp('b2', dlogits.sum(0), b2.grad);
// h = tanh(hpreact): d tanh(x) = 1 - tanh(x)², and h is tanh(x).
const dhpreact = onesLike(h).sub(h.square()).mul(dh);
cmp('hpreact', dhpreact, grad('hpreact'));
// #endregion linear

// #region batchnorm
// hpreact = bngain · bnraw + bnbias, with the (1, 64) gain and bias broadcast over the batch.
cmp('bngain', bnraw.mul(dhpreact).sum(0, true), bngain.grad);
cmp('bnbias', dhpreact.sum(0, true), bnbias.grad);
const dbnraw = bngain.mul(dhpreact);
cmp('bnraw', dbnraw, grad('bnraw'));
const dbnvarInv = bndiff.mul(dbnraw).sum(0, true);
cmp('bnvar_inv', dbnvarInv, grad('bnvar_inv'));
const dbnvar = bnvar.add(1e-5).pow(-1.5).mul(-0.5).mul(dbnvarInv); // d (x + ε)^-½ = -½ (x + ε)^-³ᐟ²
cmp('bnvar', dbnvar, grad('bnvar'));
const dbndiff2 = onesLike(bndiff2)
  .mul(1 / (n - 1))
  .mul(dbnvar); // a sum's gradient: copied to every row
cmp('bndiff2', dbndiff2, grad('bndiff2'));
const dbndiff = bnvarInv.mul(dbnraw).add(bndiff.mul(2).mul(dbndiff2)); // via bnraw and via bndiff2
cmp('bndiff', dbndiff, grad('bndiff'));
const dbnmeani = dbndiff.neg().sum(0, true);
cmp('bnmeani', dbnmeani, grad('bnmeani'));
const dhprebn = dbndiff.add(
  onesLike(hprebn)
    .mul(1 / n)
    .mul(dbnmeani),
); // via bndiff and via the mean
cmp('hprebn', dhprebn, grad('hprebn'));
// #endregion batchnorm

// #region embedding
// hprebn = embcat @ W1 + b1, the same rule as the output layer.
const dembcat = dhprebn.matmul(W1.transpose());
cmp('embcat', dembcat, grad('embcat'));
cmp('W1', embcat.transpose().matmul(dhprebn), W1.grad);
cmp('b1', dhprebn.sum(0), b1.grad);
const demb = dembcat.view(emb.shape); // a view only rearranges: undo it
cmp('emb', demb, grad('emb'));
// emb = C[Xb] copied rows of C; each row's gradient is the sum over every place it was copied to.
// Multiplying by the one-hot matrix of the indices does that scatter-add in one product.
const picked = oneHot(Xb.view(-1), vocabSize, { dtype: 'float64' }); // (96, 27)
cmp('C', picked.transpose().matmul(demb.view(-1, nEmbd)), C.grad);
// #endregion embedding

// #region fused-cross-entropy
// Exercise 2: the whole of cross-entropy at once. Its forward is one call; its backward is
// (softmax(logits) - onehot(Yb)) / n: push every wrong token's probability down, the right one's up.
const lossFast = crossEntropy(logits, Yb);
console.log(`${lossFast.item().toFixed(4)} diff: ${lossFast.sub(loss).abs().item()}`);
cmp('logits', logits.softmax(1).sub(targets).div(n), grad('logits'));
// #endregion fused-cross-entropy

// #region fused-batchnorm
// Exercise 3: the whole of BatchNorm at once, from hpreact's gradient back to hprebn's, on paper:
// bngain · bnvar_inv / n · (n · dhpreact - Σ dhpreact - n/(n-1) · bnraw · Σ (dhpreact · bnraw)).
const hpreactFast = bngain
  .mul(hprebn.sub(hprebn.mean(0, true)))
  .div(hprebn.var(0, true).add(1e-5).sqrt())
  .add(bnbias);
console.log(`max diff: ${hpreactFast.sub(hpreact).abs().max().item()}`);
const sum0 = (t: Tensor) => t.sum(0, true);
const dhprebnFast = bngain
  .mul(bnvarInv)
  .mul(1 / n)
  .mul(
    dhpreact
      .mul(n)
      .sub(sum0(dhpreact))
      .sub(bnraw.mul(n / (n - 1)).mul(sum0(dhpreact.mul(bnraw)))),
  );
cmp('hprebn', dhprebnFast, grad('hprebn'));
// #endregion fused-batchnorm
