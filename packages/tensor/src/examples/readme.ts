import { crossEntropy, Generator, noGrad, randint, randn, tidy, zeros } from '../index.js';

const g = new Generator(2147483647); // all randomness comes from an explicit generator
const [vocab, block, emb, hidden, batch] = [27, 3, 10, 200, 32];
const C = randn([vocab, emb], { generator: g, requiresGrad: true });
const W1 = randn([block * emb, hidden], { generator: g, std: 0.1, requiresGrad: true });
const b1 = zeros([hidden], { requiresGrad: true });
const W2 = randn([hidden, vocab], { generator: g, std: 0.01, requiresGrad: true });
const b2 = zeros([vocab], { requiresGrad: true });
const params = [C, W1, b1, W2, b2];

// Random stand-in data; real code takes X (N, 3) and Y (N) from @makemore/data.
const X = randint(0, vocab, [batch, block], { generator: g });
const Y = randint(0, vocab, [batch], { generator: g });

const losses: number[] = [];
for (let step = 0; step < 20; step++) {
  const loss = tidy(() => {
    const h = C.index(X)
      .view(batch, block * emb)
      .matmul(W1)
      .add(b1)
      .tanh(); // (32, 200)
    const logits = h.matmul(W2).add(b2); // (32, 27)
    const loss = crossEntropy(logits, Y);
    for (const p of params) p.zeroGrad();
    loss.backward();
    noGrad(() => {
      for (const p of params) p.sub_(p.grad!, 0.1); // SGD
    });
    return loss.item(); // every tensor made in this step is freed here
  });
  losses.push(loss);
}
// The loss goes down over the 20 steps.
console.log(losses[19]! < losses[0]!); // true
