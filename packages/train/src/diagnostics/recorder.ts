import type { ActivationProbe, Module } from '@makemore/nn';
import { keep, type Tensor, zerosLike } from '@makemore/tensor';
import {
  DEFAULT_HISTOGRAM_BINS,
  type DiagnosticsRecord,
  type LayerDiagnostics,
  type ParameterDiagnostics,
  SATURATION_MAP_ROWS,
  SATURATION_THRESHOLD,
} from './diagnostics-format.js';
import { fractionAbove, histogram, moments } from './statistics.js';

/** Options of {@link startDiagnostics}. */
export interface DiagnosticsOptions {
  /** Bins of each histogram (default {@link DEFAULT_HISTOGRAM_BINS}). */
  bins?: number | undefined;
}

/** What {@link DiagnosticsRecorder.finish} records the step as. */
export interface StepInfo {
  /** Steps completed once this batch's update is applied. */
  step: number;
  /** The learning rate of the step (for the update-to-data ratio). */
  lr: number;
  /** The batch's loss. */
  loss: number;
}

/** One report of an output: its values (a handle on the same buffer) and the zero leaf that catches its gradient. */
interface Observation {
  readonly values: Tensor;
  readonly gradCatcher: Tensor;
  readonly tanh: boolean;
}

/**
 * Watches a model through one training step: created by {@link startDiagnostics} before the
 * forward pass, finished after `backward()` (and before the optimizer zeroes the gradients).
 */
export interface DiagnosticsRecorder {
  /**
   * Reads the layers' outputs and gradients and the parameters' gradients, removes the probe from
   * the model and frees what it kept.
   */
  finish(info: StepInfo): Promise<DiagnosticsRecord>;
  /** Removes the probe and frees what it kept, recording nothing (on a failed step). */
  cancel(): void;
}

/**
 * Installs a probe on `model` (see `Module.setProbe`) that keeps every output the model reports
 * until {@link DiagnosticsRecorder.finish}. Each output continues as `output + 0`, the zero a leaf
 * that requires grad, so `backward()` leaves the output's gradient in that leaf's `.grad` without
 * changing any value. The model must not be used for anything else until the recorder finishes.
 *
 * @example
 * ```ts
 * const recorder = startDiagnostics(model);
 * const loss = tidy(() => { const l = model.loss(x, y); l.backward(); return l; });
 * const record = await recorder.finish({ step: 1, lr: 0.1, loss: (await loss.data())[0]! });
 * record.layers.find((l) => l.name === 'h')!.saturated;
 * ```
 */
export function startDiagnostics(model: Module, options: DiagnosticsOptions = {}): DiagnosticsRecorder {
  const bins = options.bins ?? DEFAULT_HISTOGRAM_BINS;
  if (!Number.isInteger(bins) || bins <= 0) {
    throw new RangeError(`The histograms need a positive whole number of bins, got ${bins}.`);
  }
  const seen = new Map<string, Observation[]>();
  const probe: ActivationProbe = {
    observe(name, output) {
      // Outputs that carry no gradient (an integer tensor, or under noGrad) are passed on untouched.
      if (!output.requiresGrad) return output;
      const gradCatcher = keep(zerosLike(output));
      gradCatcher.requiresGrad = true;
      const observation = { values: keep(output.detach()), gradCatcher, tanh: output.gradFn === 'tanh' };
      seen.set(name, [...(seen.get(name) ?? []), observation]);
      return output.add(gradCatcher);
    },
  };
  model.setProbe(probe);
  const release = () => {
    model.setProbe(null);
    for (const observations of seen.values()) {
      for (const { values, gradCatcher } of observations) {
        values.dispose();
        gradCatcher.dispose();
      }
    }
    seen.clear();
  };
  return {
    async finish(info) {
      model.setProbe(null);
      try {
        const layers: LayerDiagnostics[] = [];
        for (const [name, observations] of seen)
          layers.push(await layerDiagnostics(name, observations, bins));
        const parameters: ParameterDiagnostics[] = [];
        for (const [name, p] of model.namedParameters())
          parameters.push(await parameterDiagnostics(name, p, info.lr));
        return { step: info.step, lr: info.lr, loss: info.loss, layers, parameters };
      } finally {
        release();
      }
    },
    cancel: release,
  };
}

/** The values of every report under one name, one after the other. */
async function concatenated(tensors: readonly Tensor[]): Promise<Float64Array> {
  const parts = await Promise.all(tensors.map((t) => t.data()));
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function layerDiagnostics(
  name: string,
  observations: readonly Observation[],
  bins: number,
): Promise<LayerDiagnostics> {
  const values = await concatenated(observations.map((o) => o.values));
  const grads = observations.map((o) => o.gradCatcher.grad);
  const flowed = grads.every((g) => g !== null);
  const grad = flowed ? await concatenated(grads as Tensor[]) : null;
  const tanh = observations.every((o) => o.tanh);
  const first = observations[0]!.values;
  return {
    name,
    count: values.length,
    tanh,
    activation: moments(values),
    saturated: tanh ? fractionAbove(values, SATURATION_THRESHOLD) : null,
    histogram: histogram(values, bins),
    grad: grad ? moments(grad) : null,
    gradHistogram: grad ? histogram(grad, bins) : null,
    deadUnits: tanh ? deadFraction(values, first.shape.at(-1) ?? 1) : null,
    saturationMap:
      tanh && observations.length === 1 && first.ndim === 2 ? saturationMap(values, first.shape[1]!) : null,
  };
}

/** Fraction of the last axis's units saturated in every row (a unit that no example moves: it learns nothing). */
function deadFraction(values: ArrayLike<number>, units: number): number {
  const alive = new Uint8Array(units);
  for (let i = 0; i < values.length; i++) {
    if (Math.abs(values[i]!) <= SATURATION_THRESHOLD) alive[i % units] = 1;
  }
  return alive.reduce((dead, a) => dead + (a ? 0 : 1), 0) / units;
}

function saturationMap(values: ArrayLike<number>, units: number): string[] {
  const rows = Math.min(values.length / units, SATURATION_MAP_ROWS);
  return Array.from({ length: rows }, (_, r) => {
    let row = '';
    for (let u = 0; u < units; u++)
      row += Math.abs(values[r * units + u]!) > SATURATION_THRESHOLD ? '1' : '0';
    return row;
  });
}

async function parameterDiagnostics(name: string, p: Tensor, lr: number): Promise<ParameterDiagnostics> {
  const data = moments(await p.data());
  const grad = p.grad ? moments(await p.grad.data()) : null;
  const ratio = grad && data.std > 0 ? grad.std / data.std : null;
  // JSON has no infinities: a zero gradient (or lr) has no log10 ratio.
  const update = ratio !== null && ratio > 0 && lr > 0 ? Math.log10(lr * ratio) : null;
  return { name, shape: [...p.shape], dataStd: data.std, grad, gradToData: ratio, updateToData: update };
}
