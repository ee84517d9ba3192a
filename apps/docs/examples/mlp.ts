import { buildContexts, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
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
  zeros,
} from '@makemore/tensor';

const names = loadEmbeddedDataset('first-names');
const vocab = Vocab.fromItems(names);
const { train, val } = splitItems(names, { seed: 42 });

// Bengio et al. 2003: predict a character from the 3 before it (the lecture's build_dataset).
const blockSize = 3;
const toTensors = (items: readonly string[]): [Tensor, Tensor] => {
  const { X, Y, count } = buildContexts(items, vocab, blockSize);
  return [tensor(X, { dtype: 'int32' }).view(count, blockSize), tensor(Y, { dtype: 'int32' })];
};
const [Xtr, Ytr] = toTensors(train);
const [Xval, Yval] = toTensors(val);
console.log(Xtr.shape, Ytr.shape, Xval.shape); // [ 47310, 3 ] [ 47310 ] [ 5929, 3 ]

// A 10-dimensional embedding per character, a tanh hidden layer of 200, a softmax over 28 characters.
const g = new Generator(2147483647);
const [emb, hidden] = [10, 200];
const C = randn([vocab.size, emb], { generator: g, requiresGrad: true });
const W1 = randn([blockSize * emb, hidden], { generator: g, std: 0.2, requiresGrad: true });
const b1 = zeros([hidden], { requiresGrad: true });
const W2 = randn([hidden, vocab.size], { generator: g, std: 0.01, requiresGrad: true });
const b2 = zeros([vocab.size], { requiresGrad: true });
const params = [C, W1, b1, W2, b2];
console.log(params.reduce((n, p) => n + p.size, 0)); // 12108

const logitsOf = (X: Tensor): Tensor =>
  C.index(X) // (B, 3, 10)
    .view(X.shape[0]!, blockSize * emb) // (B, 30)
    .matmul(W1)
    .add(b1)
    .tanh() // (B, 200)
    .matmul(W2)
    .add(b2); // (B, 28)

// Mini-batches of 32 random examples: a noisy gradient, but many more steps per second.
for (let step = 0; step < 1000; step++) {
  tidy(() => {
    const ix = randint(0, Xtr.shape[0]!, [32], { generator: g });
    const loss = crossEntropy(logitsOf(Xtr.index(ix)), Ytr.index(ix));
    for (const p of params) p.zeroGrad();
    loss.backward();
    noGrad(() => {
      for (const p of params) p.sub_(p.grad!, step < 800 ? 0.1 : 0.01);
    });
  });
}
const lossOn = (X: Tensor, Y: Tensor) => noGrad(() => tidy(() => crossEntropy(logitsOf(X), Y).item()));
console.log(lossOn(Xtr, Ytr).toFixed(4), lossOn(Xval, Yval).toFixed(4)); // 2.3658 2.3983

// Any object with nextTokenLogProbs is a LanguageModel, so @makemore/sampling can sample from it.
const mlp: LanguageModel = {
  vocab,
  nextTokenLogProbs(sequences) {
    const contexts = sequences.flatMap((seq) => {
      const tail = seq.slice(-blockSize);
      return [...Array<number>(blockSize - tail.length).fill(vocab.startId), ...tail];
    });
    const X = tensor(contexts, { dtype: 'int32' }).view(sequences.length, blockSize);
    const logProbs = noGrad(() => tidy(() => logitsOf(X).logSoftmax())); // (B, 28)
    const rows = Float32Array.from(logProbs.dataSync());
    dispose([X, logProbs]); // tensors live in the backend's buffers until disposed
    return rows;
  },
};
console.log(await generate(mlp, { count: 5, seed: 3407 })); // [ 'soudhea', 'sarsolminda', 'naramdup', 'cladila', 'onetty' ]
