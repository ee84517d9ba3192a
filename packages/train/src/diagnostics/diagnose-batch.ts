import type { CharModel } from '@makemore/models';
import { tidy } from '@makemore/tensor';
import type { Batch } from '../loop/batches.js';
import type { DiagnosticsRecord } from './diagnostics-format.js';
import { type DiagnosticsOptions, startDiagnostics } from './recorder.js';

/** Options of {@link diagnoseBatch}. */
export interface DiagnoseBatchOptions extends DiagnosticsOptions {
  /** Learning rate the update-to-data ratios assume. */
  lr: number;
  /** Step the record is labelled with (default 0). */
  step?: number | undefined;
}

/**
 * Runs forward and backward on one batch with {@link startDiagnostics} watching and returns the
 * record, without updating the weights: what the part-3 lecture looks at on a fresh network (is the
 * tanh layer saturated at initialisation?). The model's gradients are cleared before and after.
 *
 * @example
 * ```ts
 * const record = await diagnoseBatch(model, randomBatch(dataset, 32, generator), { lr: 0.1 });
 * record.layers.find((l) => l.name === 'h')!.saturated; // high for the part-2 MLP's randn W1
 * ```
 */
export async function diagnoseBatch(
  model: CharModel,
  batch: Batch,
  options: DiagnoseBatchOptions,
): Promise<DiagnosticsRecord> {
  const zeroGrads = () => {
    for (const p of model.parameters()) p.zeroGrad();
  };
  zeroGrads();
  const recorder = startDiagnostics(model, options);
  try {
    const loss = tidy(() => {
      const l = model.loss(batch.x, batch.y);
      l.backward();
      return l;
    });
    const value = (await loss.data())[0]!;
    loss.dispose();
    return await recorder.finish({ step: options.step ?? 0, lr: options.lr, loss: value });
  } catch (error) {
    recorder.cancel();
    throw error;
  } finally {
    zeroGrads();
  }
}
