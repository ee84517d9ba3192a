import { keep, noGrad, type Tensor } from '@makemore/tensor';
import { NnError } from './nn-error.js';
import type { ActivationProbe } from './probe.js';

/** A tensor's values as a state dict entry carries them: shape plus flat row-major data. */
export interface TensorValues {
  /** Dimensions, outermost first. */
  readonly shape: readonly number[];
  /** Row-major values; `data.length` is the product of `shape`. */
  readonly data: ArrayLike<number>;
}

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /** Reject missing and unexpected names (default true). Shapes are always checked. */
  strict?: boolean | undefined;
}

/**
 * The base of every layer and model, as `torch.nn.Module`: it owns named parameters (tensors that
 * require grad), named buffers (state that is saved but not trained, e.g. BatchNorm's running
 * statistics) and named child modules. Names are dotted paths (`layers.0.weight`) in the order things
 * were registered, so a state dict always lists its tensors in the same order.
 *
 * @example
 * ```ts
 * class Affine extends Module {
 *   readonly w = this.addParameter('w', ones([3]));
 *   forward(x: Tensor): Tensor {
 *     return x.mul(this.w);
 *   }
 * }
 * new Affine().namedParameters().map(([name]) => name); // ['w']
 * ```
 */
export abstract class Module {
  /** True in training mode (the default); see {@link Module.train} and {@link Module.eval}. */
  training = true;
  readonly #parameters = new Map<string, Tensor>();
  readonly #buffers = new Map<string, Tensor>();
  readonly #children = new Map<string, Module>();
  /** Installed by {@link Module.setProbe}; null (the default) makes {@link Module.observe} a no-op. */
  #probe: ActivationProbe | null = null;
  /** This module's dotted path from the module the probe was installed on (`''` there, `bn.` below it). */
  #probePrefix = '';

  /**
   * Registers a trainable tensor: it is made a leaf that requires grad and kept out of tidy scopes.
   *
   * @returns the same tensor
   */
  protected addParameter(name: string, tensor: Tensor): Tensor {
    this.#assertFreeName(name);
    tensor.requiresGrad = true;
    this.#parameters.set(name, keep(tensor));
    return tensor;
  }

  /**
   * Registers state that is saved and loaded but not trained (running statistics).
   *
   * @returns the same tensor
   */
  protected addBuffer(name: string, tensor: Tensor): Tensor {
    this.#assertFreeName(name);
    this.#buffers.set(name, keep(tensor));
    return tensor;
  }

  /**
   * Registers a child module; its tensors appear under `name.`.
   *
   * @returns the same module
   */
  protected addModule<M extends Module>(name: string, module: M): M {
    this.#assertFreeName(name);
    this.#children.set(name, module);
    return module;
  }

  #assertFreeName(name: string): void {
    if (name.length === 0 || name.includes('.')) {
      throw new NnError(
        'BAD_ARGUMENT',
        `A parameter, buffer or module name must be non-empty and have no '.', got '${name}'.`,
      );
    }
    if (this.#parameters.has(name) || this.#buffers.has(name) || this.#children.has(name)) {
      throw new NnError('BAD_ARGUMENT', `The name '${name}' is already registered on this module.`);
    }
  }

  /** Child modules by name, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.#children];
  }

  /** Every parameter of this module and its descendants with its dotted name, in a stable order. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, p] of this.#parameters) out.push([prefix + name, p]);
    for (const [name, child] of this.#children) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  /** Every parameter, in the order of {@link Module.namedParameters}. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Every buffer of this module and its descendants with its dotted name. */
  namedBuffers(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, b] of this.#buffers) out.push([prefix + name, b]);
    for (const [name, child] of this.#children) out.push(...child.namedBuffers(`${prefix}${name}.`));
    return out;
  }

  /** Number of trainable scalars (buffers excluded), as `sum(p.nelement() for p in parameters)`. */
  numParameters(): number {
    return this.parameters().reduce((n, p) => n + p.numel(), 0);
  }

  /**
   * Installs `probe` on this module and all descendants (or removes it with `null`): until removed,
   * every output a module reports with {@link Module.observe} goes through it, named by its dotted
   * path from this module. Without a probe, observing costs one null check.
   *
   * @param probe - the probe, or null to remove it
   * @param prefix - this module's dotted path from where the probe was installed (`''` there; the
   *   recursion passes `bn.` and the like to children)
   * @returns this module
   * @example
   * ```ts
   * const seen: string[] = [];
   * net.setProbe({
   *   observe(name, output) {
   *     seen.push(name);
   *     return output;
   *   },
   * });
   * net.forward(x); // seen: ['0', '1', '2'] for a Sequential of three layers
   * net.setProbe(null);
   * ```
   */
  setProbe(probe: ActivationProbe | null, prefix = ''): this {
    this.#probe = probe;
    this.#probePrefix = prefix;
    for (const [name, child] of this.#children) child.setProbe(probe, `${prefix}${name}.`);
    return this;
  }

  /**
   * Reports an intermediate output to the installed probe, if any; forward continues with the
   * returned tensor, which equals `output`. Layers call it on what they want seen (Sequential: each
   * layer's output; the MLP: its pre-activation and tanh layer).
   *
   * @param name - the output's name within this module (no dots needed; the path is prefixed); a
   *   number (Sequential's layer index) becomes text only when a probe is installed, so forward pays
   *   nothing for it otherwise
   * @param output - the output
   */
  protected observe(name: string | number, output: Tensor): Tensor {
    return this.#probe?.observe(this.#probePrefix + name, output) ?? output;
  }

  /** Sets training mode (`true`) or evaluation mode on this module and all descendants. */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.#children.values()) child.train(mode);
    return this;
  }

  /** Evaluation mode: BatchNorm uses its running statistics, Dropout does nothing. */
  eval(): this {
    return this.train(false);
  }

  /**
   * Parameters then buffers by dotted name: everything needed to restore the module. The tensors are
   * the module's own (not copies); read them, do not dispose them.
   */
  stateDict(): Map<string, Tensor> {
    return new Map([...this.namedParameters(), ...this.namedBuffers()]);
  }

  /**
   * Copies values into the module's parameters and buffers by name.
   *
   * @throws {@link NnError} `STATE_MISMATCH` for a wrong shape, or (when strict) a missing or unexpected name
   */
  loadStateDict(state: ReadonlyMap<string, TensorValues>, options: LoadStateDictOptions = {}): void {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    if (strict) {
      const missing = [...own.keys()].filter((name) => !state.has(name));
      const unexpected = [...state.keys()].filter((name) => !own.has(name));
      if (missing.length > 0 || unexpected.length > 0) {
        const parts = [];
        if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
        if (unexpected.length > 0) parts.push(`unexpected ${unexpected.join(', ')}`);
        throw new NnError(
          'STATE_MISMATCH',
          `The state dict does not match the module (${parts.join('; ')}); was it saved from a different model or hyperparameters?`,
        );
      }
    }
    for (const [name, target] of own) {
      const source = state.get(name);
      if (source === undefined) continue;
      const same =
        source.shape.length === target.shape.length && source.shape.every((d, i) => d === target.shape[i]);
      if (!same) {
        throw new NnError(
          'STATE_MISMATCH',
          `State '${name}' has shape [${source.shape.join(', ')}] but the module expects [${target.shape.join(', ')}]; ` +
            'were the hyperparameters changed?',
        );
      }
      if (source.data.length !== target.numel()) {
        throw new NnError(
          'STATE_MISMATCH',
          `State '${name}' has shape [${source.shape.join(', ')}] but holds ${source.data.length} values instead of ${target.numel()}; the data does not match its shape.`,
        );
      }
    }
    noGrad(() => {
      for (const [name, target] of own) {
        const source = state.get(name);
        if (source !== undefined) target.backend.write(target.dataId, source.data);
      }
    });
  }

  /** Releases every parameter and buffer; the module cannot be used afterwards. */
  dispose(): void {
    for (const t of this.stateDict().values()) {
      t.zeroGrad();
      t.dispose();
    }
  }
}

/** A module with one input and one output, the kind {@link Sequential} chains. */
export interface Layer {
  /** Applies the layer. */
  forward(x: Tensor): Tensor;
}
