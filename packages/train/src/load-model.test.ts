import { getModelEntry, listModels } from '@makemore/models';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { loadModelDirectory } from './load-model.js';
import { resumeTrainingRun } from './loop/training-run.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';
import { smallHyperparameters, smallNames, trainAndSave } from './test-support/fixtures.js';

const names = await smallNames(200);

describe('loadModelDirectory', () => {
  // Every registered model, at small sizes read from its specs.
  it.each(listModels())(
    'loads a saved %s into a LanguageModel that matches the trained one',
    async (model) => {
      const { run, files } = await trainAndSave(names, {
        model,
        hyperparameters: smallHyperparameters(getModelEntry(model)),
        recipe: { steps: 3, evalEvery: 3, batchSize: 4 },
      });
      const loaded = loadModelDirectory(files);
      expect(loaded.config.model).toBe(model);
      expect(loaded.model.training).toBe(false);
      const seqs = [[0], [0, 1, 2, 3]];
      expect(Array.from(await loaded.languageModel.nextTokenLogProbs(seqs))).toEqual(
        Array.from(await run.languageModel().nextTokenLogProbs(seqs)),
      );
    },
  );

  it('loads the files as Node Buffers in a shared pool, as fs.readFile gives them', async () => {
    const { run, files } = await trainAndSave(names, {
      model: 'mlp',
      recipe: { steps: 3, evalEvery: 3, batchSize: 4 },
    });
    // Each file copied into its own slice of one larger Buffer, as Node's pooled Buffers are.
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

  it("checks the hyperparameters of config.json against the model's specs", async () => {
    const saved = await trainAndSave(names, {
      model: 'wavenet',
      hyperparameters: { nEmbd: 4, nHidden: 8 },
      recipe: { steps: 1, evalEvery: 1 },
    });
    const files = new Map(saved.files);
    const config = JSON.parse(new TextDecoder().decode(files.get('config.json')));
    config.hyperparameters.blockSize = 6;
    files.set('config.json', new TextEncoder().encode(JSON.stringify(config)));
    const message =
      "config.json does not fit the wavenet model: The hyperparameter 'blockSize' of 'wavenet' must be a power of 2 from 2 to 1024, got 6. Restore the file or train the model again.";
    expect(() => loadModelDirectory(files)).toThrow(expect.objectContaining({ code: 'BAD_CONFIG', message }));
    expect(() => resumeTrainingRun(files, { split: names.split, data: names.data })).toThrow(
      expect.objectContaining({ code: 'BAD_CONFIG', message }),
    );
  });

  it('explains weights that do not fit the config', async () => {
    const saved = await trainAndSave(names, {
      model: 'mlp',
      hyperparameters: { nHidden: 8 },
      recipe: { steps: 1, evalEvery: 1 },
    });
    const files = new Map(saved.files);
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
