import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { loadModelDirectory } from './load-model.js';
import { createTrainingRun } from './loop/training-run.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';
import { recorder, smallNames } from './test-support/fixtures.js';

const { split, vocab, data } = await smallNames(200);

const tiny: Record<string, Record<string, number>> = {
  'bigram-nn': {},
  mlp: { nHidden: 8 },
  'mlp-bn': { nHidden: 8 },
  wavenet: { nEmbd: 4, nHidden: 8 },
  rnn: { nEmbd: 4, nEmbd2: 4 },
  gru: { nEmbd: 4, nEmbd2: 4 },
  transformer: { nLayer: 1, nEmbd: 8, nHead: 2 },
};

describe('loadModelDirectory', () => {
  it.each(Object.keys(tiny))(
    'loads a saved %s into a LanguageModel that matches the trained one',
    async (model) => {
      const rec = recorder();
      const run = createTrainingRun({
        model,
        hyperparameters: tiny[model],
        recipe: { steps: 3, evalEvery: 3, batchSize: 4 },
        split,
        vocab,
        data,
      });
      await run.train({ save: rec.save });
      const loaded = loadModelDirectory(rec.saves.at(-1)!);
      expect(loaded.config.model).toBe(model);
      expect(loaded.model.training).toBe(false);
      const seqs = [[0], [0, 1, 2, 3]];
      expect(Array.from(await loaded.languageModel.nextTokenLogProbs(seqs))).toEqual(
        Array.from(await run.languageModel().nextTokenLogProbs(seqs)),
      );
    },
  );

  it('loads the files as Node Buffers in a shared pool, as fs.readFile gives them', async () => {
    const rec = recorder();
    const run = createTrainingRun({
      model: 'mlp',
      recipe: { steps: 3, evalEvery: 3, batchSize: 4 },
      split,
      vocab,
      data,
    });
    await run.train({ save: rec.save });
    // Each file copied into its own slice of one larger Buffer, as Node's pooled Buffers are.
    const files = rec.saves.at(-1)!;
    const total = [...files.values()].reduce((n, b) => n + b.length + 13, 0);
    const pool = Buffer.alloc(total);
    let at = 5;
    const buffers = new Map<string, Uint8Array>();
    for (const [name, bytes] of files) {
      pool.set(bytes, at);
      buffers.set(name, pool.subarray(at, at + bytes.length));
      at += bytes.length + 13;
    }
    const loaded = loadModelDirectory(buffers);
    const seqs = [[0, 1, 2]];
    expect(Array.from(await loaded.languageModel.nextTokenLogProbs(seqs))).toEqual(
      Array.from(await run.languageModel().nextTokenLogProbs(seqs)),
    );
  });

  it('explains weights that do not fit the config', async () => {
    const rec = recorder();
    await createTrainingRun({
      model: 'mlp',
      hyperparameters: { nHidden: 8 },
      recipe: { steps: 1, evalEvery: 1 },
      split,
      vocab,
      data,
    }).train({ save: rec.save });
    const files = new Map(rec.saves.at(-1)!);
    const weights = decodeSafetensors(files.get('model.safetensors')!, 'model.safetensors').tensors;
    weights.set('W1', { dtype: 'F32', shape: [30, 9], data: new Float32Array(270) });
    files.set('model.safetensors', encodeSafetensors(weights));
    let error: unknown;
    try {
      loadModelDirectory(files);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('WEIGHTS_MISMATCH');
    expect((error as Error).message).toMatch(
      /model\.safetensors does not fit the mlp model of config\.json: State 'W1' has shape \[30, 9\]/,
    );
  });
});
