import { crossEntropy, Generator, noGrad, randn, type Tensor, tensor, tidy, zeros } from '@makemore/tensor';
import type { Tf } from './tfjs.js';

/** The lecture's MLP step: batch 32, context 3, embedding 10, hidden 200, vocab 27, SGD. */
export const MLP = { batch: 32, block: 3, embd: 10, hidden: 200, vocab: 27, lr: 0.1 } as const;

/** Pre-drawn mini-batches, so data generation stays out of the timing. Same data for every impl. */
export interface Batches {
  /** Context indices per batch, (batch * block) int32. */
  X: Int32Array[];
  /** Targets per batch, (batch) int32. */
  Y: Int32Array[];
}

/** Draws `n` random mini-batches from a seeded generator. */
export function makeBatches(n: number, seed = 1): Batches {
  const g = new Generator(seed);
  const X: Int32Array[] = [];
  const Y: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const x = new Int32Array(MLP.batch * MLP.block);
    g.fillIntegers(x, 0, MLP.vocab);
    const y = new Int32Array(MLP.batch);
    g.fillIntegers(y, 0, MLP.vocab);
    X.push(x);
    Y.push(y);
  }
  return { X, Y };
}

/** A training step with @makemore/tensor on its CPU backend. Returns `step()` and a loss probe. */
export function makemoreStep(batches: Batches): {
  step: () => void;
  loss: () => number;
  dispose: () => void;
} {
  const { batch, block, embd, hidden, vocab, lr } = MLP;
  const g = new Generator(2147483647);
  const C = randn([vocab, embd], { generator: g, requiresGrad: true });
  const W1 = randn([block * embd, hidden], { generator: g, std: 0.2, requiresGrad: true });
  const b1 = zeros([hidden], { requiresGrad: true });
  const W2 = randn([hidden, vocab], { generator: g, std: 0.01, requiresGrad: true });
  const b2 = zeros([vocab], { requiresGrad: true });
  const params = [C, W1, b1, W2, b2];
  const X = batches.X.map((x) => tensor(x, { shape: [batch, block] }));
  const Y = batches.Y.map((y) => tensor(y));
  let i = 0;
  const forward = (x: Tensor, y: Tensor) => {
    const h = C.index(x)
      .view(batch, block * embd)
      .matmul(W1)
      .add(b1)
      .tanh(); // (32, 200)
    return crossEntropy(h.matmul(W2).add(b2), y); // logits (32, 27)
  };
  return {
    step() {
      tidy(() => {
        const k = i++ % X.length;
        const loss = forward(X[k]!, Y[k]!);
        for (const p of params) p.zeroGrad();
        loss.backward();
        noGrad(() => {
          for (const p of params) p.sub_(p.grad!, lr);
        });
      });
    },
    loss: () => tidy(() => noGrad(() => forward(X[0]!, Y[0]!).item())),
    dispose() {
      for (const t of [...params, ...X, ...Y]) t.dispose();
    },
  };
}

/**
 * The same step with TensorFlow.js. `oneHotEmbedding` computes `C[X]` as `oneHot(X) @ C`, which
 * the wasm backend needs because it cannot differentiate through gather.
 */
export function tfjsStep(
  tf: Tf,
  batches: Batches,
  oneHotEmbedding: boolean,
): { step: () => void; loss: () => number; dispose: () => void } {
  const { batch, block, embd, hidden, vocab, lr } = MLP;
  const C = tf.variable(tf.randomNormal([vocab, embd], 0, 1, 'float32', 1));
  const W1 = tf.variable(tf.randomNormal([block * embd, hidden], 0, 0.2, 'float32', 2));
  const b1 = tf.variable(tf.zeros([hidden]));
  const W2 = tf.variable(tf.randomNormal([hidden, vocab], 0, 0.01, 'float32', 3));
  const b2 = tf.variable(tf.zeros([vocab]));
  const X = batches.X.map((x) => tf.tensor1d(x, 'int32'));
  const Y = batches.Y.map((y) => tf.oneHot(tf.tensor1d(y, 'int32'), vocab));
  const opt = tf.train.sgd(lr);
  let i = 0;
  const forward = (x: (typeof X)[number], y: (typeof Y)[number]) => {
    const emb = oneHotEmbedding ? tf.matMul(tf.oneHot(x, vocab), C) : tf.gather(C, x); // (96, 10)
    const h = tf.tanh(tf.add(tf.matMul(tf.reshape(emb, [batch, block * embd]), W1), b1)); // (32, 200)
    const logits = tf.add(tf.matMul(h, W2), b2); // (32, 27)
    return tf.losses.softmaxCrossEntropy(y, logits) as ReturnType<typeof tf.scalar>;
  };
  return {
    step() {
      const k = i++ % X.length;
      tf.tidy(() => {
        opt.minimize(() => forward(X[k]!, Y[k]!), false);
      });
    },
    loss: () => tf.tidy(() => forward(X[0]!, Y[0]!).dataSync()[0]!),
    dispose() {
      tf.dispose([C, W1, b1, W2, b2, ...X, ...Y]);
      opt.dispose();
    },
  };
}
