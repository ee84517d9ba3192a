import type { Vocab } from '@makemore/data';
import type { LanguageModel } from '@makemore/sampling';
import { noGrad, type Tensor, tensor, tidy } from '@makemore/tensor';
import type { CharModel } from './char-model.js';
import { ModelError } from './model-error.js';

/**
 * Runs `fn` with the model in eval mode (BatchNorm on running statistics, no dropout) and puts the
 * previous mode back.
 */
export function withEvalMode<T>(model: CharModel, fn: () => T): T {
  const wasTraining = model.training;
  model.eval();
  try {
    return fn();
  } finally {
    model.train(wasTraining);
  }
}

/**
 * The model as a {@link LanguageModel} for `@makemore/sampling`'s generate, scoreWords and averageNll.
 *
 * Window models read the last `blockSize` tokens of each sequence, left-padded with the start token,
 * exactly like the lecture's sampling loop. Sequence models follow makemore's `generate`: keep at most
 * the last `blockSize` tokens and read the logits at the last position (sequences of different lengths
 * are right-padded, which a causal model never looks at).
 *
 * @example
 * ```ts
 * const lm = asLanguageModel(model, vocab);
 * const words = generate(lm, { count: 5, seed: 42 });
 * ```
 */
export function asLanguageModel(model: CharModel, vocab: Vocab): LanguageModel {
  if (vocab.size !== model.vocabSize) {
    throw new ModelError(
      'BAD_DATA',
      `The vocabulary has ${vocab.size} tokens but the model was built for ${model.vocabSize}; use the vocab saved with the model.`,
    );
  }
  return {
    vocab,
    nextTokenLogProbs: (sequences) => nextTokenLogProbs(model, vocab, sequences),
  };
}

type Rows = Float32Array | Float64Array;

function nextTokenLogProbs(
  model: CharModel,
  vocab: Vocab,
  sequences: readonly (readonly number[])[],
): Rows | Promise<Rows> {
  const B = sequences.length;
  const V = model.vocabSize;
  if (B === 0) return new Float32Array(0);
  const bs = model.blockSize;
  const logProbs = withEvalMode(model, () =>
    noGrad(() =>
      tidy(() => {
        let logits: Tensor; // (B, V)
        if (model.dataFormat === 'window') {
          const X = new Int32Array(B * bs).fill(vocab.startId);
          sequences.forEach((seq, b) => {
            const tail = seq.slice(Math.max(0, seq.length - bs));
            X.set(tail, b * bs + bs - tail.length);
          });
          logits = model.logits(tensor(X, { shape: [B, bs] }));
        } else {
          const crops = sequences.map((seq) => seq.slice(Math.max(0, seq.length - bs)));
          const T = Math.max(...crops.map((c) => c.length));
          const X = new Int32Array(B * T).fill(vocab.startId);
          const last = new Int32Array(B);
          crops.forEach((crop, b) => {
            X.set(crop, b * T);
            last[b] = b * T + crop.length - 1;
          });
          const all = model.logits(tensor(X, { shape: [B, T] })); // (B, T, V)
          logits = all.reshape(B * T, V).index(tensor(last));
        }
        return logits.logSoftmax(-1);
      }),
    ),
  );
  // Synchronously where the backend can; a WebGPU backend reads back only with await.
  const now = logProbs.tryDataSync();
  if (now) {
    logProbs.dispose();
    return now as Rows;
  }
  return (logProbs.data() as Promise<Rows>).finally(() => logProbs.dispose());
}
