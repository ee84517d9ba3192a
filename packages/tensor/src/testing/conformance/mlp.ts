import {
  type Backend,
  crossEntropy,
  Generator,
  noGrad,
  type Tensor,
  type TypedArray,
  tensor,
  tidy,
} from '../../index.js';

/** The lecture's MLP: vocab 27, block 3, embedding 10, hidden 200 (with tanh), batch 32. */
export const MLP_SIZES = { vocab: 27, block: 3, emb: 10, hidden: 200, batch: 32 } as const;

/** The MLP's parameters and one batch, on one backend. */
export interface MlpFixture {
  /** Embedding `C`, hidden layer `W1`, `b1` and output layer `W2`, `b2`; all require grad. */
  readonly params: {
    readonly C: Tensor;
    readonly W1: Tensor;
    readonly b1: Tensor;
    readonly W2: Tensor;
    readonly b2: Tensor;
  };
  /** Contexts `[batch, block]` (int32). */
  readonly X: Tensor;
  /** Targets `[batch]` (int32). */
  readonly Y: Tensor;
}

function normal(g: Generator, shape: number[], std: number, device: Backend): Tensor {
  const v = new Float64Array(shape.reduce((a, b) => a * b, 1));
  g.fillNormal(v, 0, std);
  return tensor(Float32Array.from(v), { shape, device, requiresGrad: true });
}

/**
 * Parameters and a batch of data, identical on every backend for the same seed; `sizes` other than
 * the lecture's make matmuls big enough to be shared by a thread pool, say.
 */
export function mlpFixture(
  device: Backend,
  seed = 2147483647,
  sizes: Readonly<Record<keyof typeof MLP_SIZES, number>> = MLP_SIZES,
): MlpFixture {
  const { vocab, block, emb, hidden, batch } = sizes;
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

/**
 * A tensor's values, read synchronously where its backend can (one readback, as `item()` makes)
 * and with `await data()` where it cannot (WebGPU).
 */
export async function readValues(t: Tensor): Promise<TypedArray> {
  return t.tryDataSync() ?? (await t.data());
}

/**
 * One SGD step of the MLP: forward, backward (leaving the gradients on the parameters) and the
 * update. Resolves to the loss, the step's one readback.
 */
export async function mlpTrainingStep(fixture: MlpFixture, lr = 0.1): Promise<number> {
  const { params, X, Y } = fixture;
  const { C, W1, b1, W2, b2 } = params;
  // The fixture's sizes, read back from its shapes.
  const [batch, block] = X.shape as [number, number];
  const emb = C.shape[1]!;
  const loss = tidy(() => {
    const h = C.index(X)
      .view(batch, block * emb)
      .matmul(W1)
      .add(b1)
      .tanh(); // (32, 200)
    const logits = h.matmul(W2).add(b2); // (32, 27)
    const l = crossEntropy(logits, Y);
    for (const p of Object.values(params)) p.zeroGrad();
    l.backward();
    noGrad(() => {
      for (const p of Object.values(params)) p.sub_(p.grad!, lr);
    });
    return l;
  });
  try {
    return (await readValues(loss))[0]!;
  } finally {
    loss.dispose();
  }
}

/** Disposes the fixture's parameters (and their gradients) and its batch. */
export function disposeMlpFixture(fixture: MlpFixture): void {
  for (const t of [...Object.values(fixture.params), fixture.X, fixture.Y]) t.dispose();
}
