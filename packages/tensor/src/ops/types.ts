import type { Backend } from '../backend.js';
import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** Attributes of an op that takes none. */
export type NoAttrs = Record<string, never>;

/** What an op's forward function may ask of the engine. */
export interface ForwardContext {
  /** The backend all inputs live on; outputs are allocated there. */
  readonly backend: Backend;
  /** Allocates an uninitialised output tensor (the kernel must write every element). */
  empty(shape: Shape, dtype: DType): Tensor;
  /** A tensor of `shape` that shares `x`'s buffer (a view; sizes must match). */
  view(x: Tensor, shape: Shape): Tensor;
  /** Keeps an extra tensor made in forward (e.g. softmax probabilities) for the backward rule. */
  save(t: Tensor): void;
}

/** What a backward rule sees. */
export interface BackwardContext<A> {
  /** The op's inputs, as passed to forward. */
  readonly inputs: readonly Tensor[];
  /** The op's output. */
  readonly output: Tensor;
  /** The op's attributes. */
  readonly attrs: A;
  /** Tensors the forward function saved with {@link ForwardContext.save}. */
  readonly saved: readonly Tensor[];
  /** Which inputs need a gradient; a rule may return null for the others and skip their work. */
  readonly needsGrad: readonly boolean[];
}

/**
 * Gradient rule: maps the gradient of the output to one gradient per input (or null). A gradient may
 * have the broadcast (output) shape: the engine sums it back to the input's shape, so no rule has to
 * undo broadcasting. Rules are written with ordinary tensor ops.
 */
export type BackwardRule<A> = (dy: Tensor, ctx: BackwardContext<A>) => (Tensor | null)[];

/** One primitive op: a forward function that calls a kernel by name and an optional gradient rule. */
export interface OpDef<A> {
  /** Validates inputs, allocates the output and calls the backend kernel. */
  forward(inputs: readonly Tensor[], attrs: A, ctx: ForwardContext): Tensor;
  /** The gradient rule, or null for ops that are not differentiable (comparisons, argmax, ...). */
  backward: BackwardRule<A> | null;
}
