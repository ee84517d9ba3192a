import { keep, noGrad, type Tensor, zerosLike } from '@makemore/tensor';
import type { TensorValues } from '../module.js';
import { NnError } from '../nn-error.js';

/** A named parameter, as {@link Module.namedParameters} lists them. */
export type NamedParameter = readonly [name: string, parameter: Tensor];

/**
 * An optimizer's full state, for checkpoints: JSON scalars (step count, hyperparameters) plus named
 * buffers (`momentum.W1`, `exp_avg.0.weight`, ...). Restoring it makes the next steps identical to those
 * of an uninterrupted run.
 */
export interface OptimizerState {
  /** Which optimizer wrote it (`sgd` or `adamw`). */
  type: string;
  /** Step count and hyperparameters. */
  scalars: Record<string, number>;
  /** Per-parameter buffers by `<buffer>.<parameter name>`. */
  tensors: Map<string, Tensor>;
}

/** An {@link OptimizerState} as read back from a file: the buffers are plain values. */
export interface OptimizerStateValues {
  /** Which optimizer wrote it. */
  type: string;
  /** Step count and hyperparameters. */
  scalars: Record<string, number>;
  /** Buffers by name. */
  tensors: ReadonlyMap<string, TensorValues>;
}

/**
 * The base of {@link SGD} and {@link AdamW}: holds named parameters, a learning rate the caller may
 * change between steps (see {@link learningRateAt}), and per-parameter buffers created lazily.
 */
export abstract class Optimizer {
  /** Learning rate of the next {@link Optimizer.step}. */
  lr: number;
  /** Steps taken so far. */
  stepCount = 0;
  /** The parameters, by name. */
  readonly parameters: readonly NamedParameter[];
  /** Buffers by `<buffer>.<parameter name>`. */
  protected readonly buffers = new Map<string, Tensor>();

  /** Creates the optimizer. */
  constructor(parameters: Iterable<NamedParameter>, lr: number) {
    this.parameters = [...parameters];
    const names = new Set<string>();
    for (const [name, p] of this.parameters) {
      if (names.has(name)) throw new NnError('BAD_ARGUMENT', `The parameter name '${name}' is given twice.`);
      names.add(name);
      if (!p.requiresGrad)
        throw new NnError('BAD_ARGUMENT', `The parameter '${name}' does not require grad.`);
    }
    assertRate('lr', lr);
    this.lr = lr;
  }

  /** Which optimizer this is, as stored in its state. */
  abstract readonly type: string;

  /** Updates every parameter that has a gradient, then counts the step. */
  abstract step(): void;

  /** Hyperparameters to store with the state (besides `lr` and `step`). */
  protected abstract hyperparameters(): Record<string, number>;

  /** Drops every parameter's gradient (PyTorch's `zero_grad(set_to_none=True)`). */
  zeroGrad(): void {
    for (const [, p] of this.parameters) p.zeroGrad();
  }

  /** The buffer `kind` of parameter `name`, created as zeros on first use. */
  protected buffer(kind: string, name: string, like: Tensor): Tensor {
    const key = `${kind}.${name}`;
    let b = this.buffers.get(key);
    if (!b) {
      b = keep(noGrad(() => zerosLike(like)));
      this.buffers.set(key, b);
    }
    return b;
  }

  /** The state to checkpoint; the tensors are the optimizer's own (read, do not dispose). */
  stateDict(): OptimizerState {
    return {
      type: this.type,
      scalars: { step: this.stepCount, lr: this.lr, ...this.hyperparameters() },
      tensors: new Map(this.buffers),
    };
  }

  /**
   * Restores a state from {@link Optimizer.stateDict}; hyperparameters stay as constructed.
   *
   * @throws {@link NnError} `STATE_MISMATCH` when the state is from another optimizer or does not fit the parameters
   */
  loadStateDict(state: OptimizerStateValues): void {
    if (state.type !== this.type) {
      throw new NnError(
        'STATE_MISMATCH',
        `The optimizer state is for ${state.type} but this optimizer is ${this.type}.`,
      );
    }
    const step = state.scalars['step'];
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
      throw new NnError('STATE_MISMATCH', 'The optimizer state has no valid step count.');
    }
    const byName = new Map(this.parameters);
    for (const [key, values] of state.tensors) {
      const dot = key.indexOf('.');
      const p = dot > 0 ? byName.get(key.slice(dot + 1)) : undefined;
      if (!p)
        throw new NnError('STATE_MISMATCH', `The optimizer state has '${key}', which matches no parameter.`);
      const same = values.shape.length === p.shape.length && values.shape.every((d, i) => d === p.shape[i]);
      if (!same || values.data.length !== p.numel()) {
        throw new NnError(
          'STATE_MISMATCH',
          `The optimizer state '${key}' has shape [${values.shape.join(', ')}] but the parameter has [${p.shape.join(', ')}].`,
        );
      }
    }
    for (const b of this.buffers.values()) b.dispose();
    this.buffers.clear();
    for (const [key, values] of state.tensors) {
      const dot = key.indexOf('.');
      const b = this.buffer(key.slice(0, dot), key.slice(dot + 1), byName.get(key.slice(dot + 1))!);
      b.backend.write(b.dataId, values.data);
    }
    this.stepCount = step;
  }

  /** Releases the buffers. */
  dispose(): void {
    for (const b of this.buffers.values()) b.dispose();
    this.buffers.clear();
  }
}

/** Throws unless `value` is a finite number ≥ 0 (> 0 for a learning rate). */
export function assertRate(name: string, value: number, allowZero = false): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new NnError(
      'BAD_ARGUMENT',
      `The optimizer's ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}.`,
    );
  }
}
