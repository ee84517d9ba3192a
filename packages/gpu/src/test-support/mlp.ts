import { type Backend, crossEntropy, Generator, noGrad, type Tensor, tensor, tidy } from '@makemore/tensor';

/** The lecture's MLP: vocab 27, block 3, embedding 10, hidden 200 (with tanh), batch 32. */
export const MLP = { vocab: 27, block: 3, emb: 10, hidden: 200, batch: 32 } as const;

function normal(g: Generator, shape: number[], std: number, device: Backend): Tensor {
  const v = new Float64Array(shape.reduce((a, b) => a * b, 1));
  g.fillNormal(v, 0, std);
  return tensor(Float32Array.from(v), { shape, device, requiresGrad: true });
}

/** Parameters and a batch of data, identical on every backend for the same seed. */
export function mlpSetup(device: Backend, seed = 2147483647) {
  const { vocab, block, emb, hidden, batch } = MLP;
  const g = new Generator(seed);
  const params = {
    C: normal(g, [vocab, emb], 1, device),
    W1: normal(g, [block * emb, hidden], 0.2, device),
    b1: normal(g, [hidden], 0.01, device),
    W2: normal(g, [hidden, vocab], 0.01, device),
    b2: normal(g, [vocab], 0, device),
  };
  const xs = new Int32Array(batch * block);
  const ys = new Int32Array(batch);
  g.fillIntegers(xs, 0, vocab);
  g.fillIntegers(ys, 0, vocab);
  const X = tensor(xs, { shape: [batch, block], dtype: 'int32', device });
  const Y = tensor(ys, { shape: [batch], dtype: 'int32', device });
  return { params, X, Y };
}

/** One SGD step of the MLP; returns the loss tensor (alive) and leaves the grads on the parameters. */
function mlpStepLoss(setup: ReturnType<typeof mlpSetup>, lr: number): Tensor {
  const { params, X, Y } = setup;
  const { C, W1, b1, W2, b2 } = params;
  const { block, emb, batch } = MLP;
  return tidy(() => {
    const h = C.index(X)
      .view(batch, block * emb)
      .matmul(W1)
      .add(b1)
      .tanh(); // (32, 200)
    const logits = h.matmul(W2).add(b2); // (32, 27)
    const loss = crossEntropy(logits, Y);
    for (const p of Object.values(params)) p.zeroGrad();
    loss.backward();
    noGrad(() => {
      for (const p of Object.values(params)) p.sub_(p.grad!, lr);
    });
    return loss;
  });
}

/** One SGD step of the MLP; returns the loss (read back with `item()`) and leaves the grads on the parameters. */
export function mlpStep(setup: ReturnType<typeof mlpSetup>, lr = 0.1): number {
  const loss = mlpStepLoss(setup, lr);
  const value = loss.item();
  loss.dispose();
  return value;
}

/** {@link mlpStep} reading the loss with `await data()`, as a WebGPU backend requires. */
export async function mlpStepAsync(setup: ReturnType<typeof mlpSetup>, lr = 0.1): Promise<number> {
  const loss = mlpStepLoss(setup, lr);
  try {
    return (await loss.data())[0]!;
  } finally {
    loss.dispose();
  }
}
