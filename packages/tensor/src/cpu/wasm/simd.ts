import type { AdamWScalars } from '../../backend.js';
import type { ThreadPool } from '../threads/pool.js';
import { WasmArena } from './arena.js';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels-wasm.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmulScratch(K: number, N: number): number;
  matmul(
    a: number,
    b: number,
    c: number,
    scratch: number,
    batch: number,
    aStride: number,
    bStride: number,
    M: number,
    K: number,
    N: number,
    tA: number,
    tB: number,
    rowStart: number,
    rowEnd: number,
  ): void;
  tanh(x: number, y: number, n: number): void;
  gelu(x: number, y: number, n: number): void;
  geluGrad(dy: number, x: number, out: number, n: number): void;
  exp(x: number, y: number, n: number): void;
  sigmoid(x: number, y: number, n: number): void;
  binarySame(op: number, a: number, b: number, out: number, n: number): void;
  binaryBroadcast(
    op: number,
    full: number,
    part: number,
    out: number,
    outer: number,
    inner: number,
    partLength: number,
    row: number,
    swapped: number,
  ): void;
  axpy(a: number, b: number, alpha: number, out: number, n: number): void;
  sumMiddle(x: number, out: number, outer: number, red: number, inner: number): void;
  crossEntropyRows(
    x: number,
    targets: number,
    p: number,
    rowLoss: number,
    lead: number,
    N: number,
    C: number,
    ignoreIndex: number,
  ): number;
  sumF64(x: number, n: number): number;
  crossEntropyGrad(
    p: number,
    targets: number,
    dy: number,
    out: number,
    N: number,
    C: number,
    ignoreIndex: number,
    perRow: number,
    scale: number,
  ): void;
  layerNorm(x: number, out: number, rstd: number, rows: number, C: number, eps: number): void;
  batchNorm(
    x: number,
    out: number,
    rstd: number,
    runningMean: number,
    runningVar: number,
    stats: number,
    N: number,
    C: number,
    eps: number,
    momentum: number,
    running: number,
  ): void;
  batchNormGrad(
    xhat: number,
    rstd: number,
    dy: number,
    out: number,
    stats: number,
    N: number,
    C: number,
  ): void;
  layerNormGrad(xhat: number, rstd: number, dy: number, out: number, rows: number, C: number): void;
  causalAttention(qkv: number, y: number, p: number, B: number, T: number, nh: number, hs: number): void;
  causalAttentionGrad(
    qkv: number,
    p: number,
    dy: number,
    out: number,
    dS: number,
    B: number,
    T: number,
    nh: number,
    hs: number,
  ): void;
  lstmCell(part: number, gates: number, c: number, out: number, B: number, H: number): void;
  lstmCellGrad(
    part: number,
    gates: number,
    c: number,
    d: number,
    dGates: number,
    dc: number,
    B: number,
    H: number,
    hasDc: number,
  ): void;
  adamw(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    decay: number,
    beta1: number,
    beta2: number,
    stepSize: number,
    bc2Sqrt: number,
    eps: number,
  ): void;
}

/** The binary functions with a wasm loop, by the code assembly/elementwise.ts gives them. */
export const SIMD_BINARY_CODES = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  tanhGrad: 4,
  sigmoidGrad: 5,
  reluGrad: 6,
} as const;

/** The sizes of a causal attention call: batch, time, heads and head size. */
export interface AttentionDims {
  /** Batch. */
  B: number;
  /** Time (sequence length). */
  T: number;
  /** Heads. */
  nh: number;
  /** Head size. */
  hs: number;
}

/** The halves of the LSTM cell, by the code assembly/lstm.ts gives them. */
const LSTM_PART_CODES = { state: 0, output: 1 } as const;

/** A half of the LSTM cell: the new cell state, or the hidden state from it. */
export type LstmPart = keyof typeof LSTM_PART_CODES;

/** A binary function the wasm kernels implement. */
export type SimdBinaryName = keyof typeof SIMD_BINARY_CODES;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A matmul operand: its (batch of) matrices and their storage order. */
export interface MatOperand {
  /** Backing array, from the first (batch) matrix on. */
  data: Float32Array;
  /** Stored transposed (`[cols, rows]`). */
  trans: boolean;
}

/**
 * The WebAssembly SIMD kernels (see assembly/): one module instance whose memory is the
 * {@link WasmArena} the CPU backend allocates tensors from, so a kernel gets its operands' byte
 * offsets and copies nothing. An operand that lives elsewhere (a typed array of its own) is copied
 * into a temporary block and back. `create()` returns null where WebAssembly SIMD is unavailable, and
 * the backend then uses its JavaScript loops.
 */
export class SimdKernels {
  /** The memory tensors live in. */
  readonly arena: WasmArena;

  private constructor(
    private readonly wasm: KernelExports,
    /** Whether this is the relaxed-SIMD build (fused multiply-add in the matmul). */
    readonly relaxed: boolean,
    /** Workers that share large matmuls by rows, or null. */
    readonly pool: ThreadPool | null = null,
  ) {
    this.memory = pool?.memory ?? wasm.memory;
    this.arena = new WasmArena(this.memory, pool?.arenaBase ?? wasm.heapBase());
  }

  /** The memory tensors live in (the pool's shared one, or the module's own). */
  private readonly memory: WebAssembly.Memory;

  /** The kernels over a thread pool's shared memory, its large matmuls shared out by rows. */
  static fromPool(pool: ThreadPool): SimdKernels {
    return new SimdKernels(pool.instance.exports as unknown as KernelExports, true, pool);
  }

  /**
   * Instantiates the embedded module, or returns null without WebAssembly SIMD. The relaxed-SIMD
   * build (fused multiply-add in the matmul) is taken where the runtime validates it (browsers since
   * Chrome 114; Node 20 only after `v8.setFlagsFromString('--experimental-wasm-relaxed-simd')`, which
   * the makemore CLI sets), unless `relaxed` is false.
   */
  static create(relaxed = true): SimdKernels | null {
    try {
      if (typeof WebAssembly !== 'object') return null;
      const candidates = relaxed ? [KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64] : [KERNELS_WASM_BASE64];
      for (const b64 of candidates) {
        const bytes = decodeBase64(b64);
        if (!WebAssembly.validate(bytes)) continue;
        const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
          env: {
            abort: () => {
              throw new Error('wasm kernel aborted');
            },
          },
        });
        return new SimdKernels(
          instance.exports as unknown as KernelExports,
          b64 === KERNELS_RELAXED_WASM_BASE64,
        );
      }
      return null;
    } catch {
      return null;
    }
  }

  /**
   * Batched `C[b] = op(A[b]) @ op(B[b])` for `b < batch`, each batch `aStride`/`bStride` floats
   * after the last (0 repeats one matrix, which is then packed once); A is `[M, K]` (stored `[K, M]`
   * when transposed), B is `[K, N]` (stored `[N, K]`), C is written row-major.
   */
  matmul(
    A: MatOperand,
    B: MatOperand,
    C: Float32Array,
    batch: number,
    aStride: number,
    bStride: number,
    M: number,
    K: number,
    N: number,
  ): void {
    const scratchBytes = this.wasm.matmulScratch(K, N) * 4;
    const pool = this.pool;
    // Waking the workers costs tens of microseconds here, so only products of two million
    // multiply-adds or more are shared (wavenet's 0.8-million ones ran slower shared).
    const shared = pool !== null && M >= 8 * pool.threads && batch * M * N * K >= 1 << 21;
    const threads = shared ? pool.threads : 1;
    this.call(
      [
        [A.data, 0, aStride * (batch - 1) + M * K],
        [B.data, 0, bStride * (batch - 1) + K * N],
      ],
      [[C, 0, batch * M * N]],
      scratchBytes * threads,
      ([a, b, c], scratch) => {
        const rows = (s: number, r0: number, r1: number) =>
          this.wasm.matmul(
            a!,
            b!,
            c!,
            s,
            batch,
            aStride,
            bStride,
            M,
            K,
            N,
            A.trans ? 1 : 0,
            B.trans ? 1 : 0,
            r0,
            r1,
          );
        if (!shared) {
          rows(scratch, 0, M);
          return;
        }
        pool.matmul(
          {
            a: a!,
            b: b!,
            c: c!,
            scratch,
            scratchBytes,
            batch,
            aStride,
            bStride,
            M,
            K,
            N,
            transA: A.trans,
            transB: B.trans,
          },
          rows,
        );
      },
    );
  }

  /** `out = tanh(x)` (float32, a few ulp from the exact value). `out` may alias `x`. */
  tanh(x: Float32Array, out: Float32Array): void {
    this.map(x, out, this.wasm.tanh);
  }

  /** `out = gelu(x)`, the tanh approximation (float32, a few ulp). `out` may alias `x`. */
  gelu(x: Float32Array, out: Float32Array): void {
    this.map(x, out, this.wasm.gelu);
  }

  /** `out = e^x` (float32, within 2 ulp). `out` may alias `x`. */
  exp(x: Float32Array, out: Float32Array): void {
    this.map(x, out, this.wasm.exp);
  }

  /** `out = 1 / (1 + e^−x)`. `out` may alias `x`. */
  sigmoid(x: Float32Array, out: Float32Array): void {
    this.map(x, out, this.wasm.sigmoid);
  }

  /** `out = dy · gelu'(x)`, the gradient of {@link SimdKernels.gelu}. `out` may alias either input. */
  geluGrad(dy: Float32Array, x: Float32Array, out: Float32Array): void {
    this.zip(dy, x, out, (d, xp, o) => this.wasm.geluGrad(d, xp, o, out.length));
  }

  /** `out = f(a, b)` for same-length operands. `out` may alias either input. */
  binarySame(f: SimdBinaryName, a: Float32Array, b: Float32Array, out: Float32Array): void {
    this.zip(a, b, out, (ap, bp, o) => this.wasm.binarySame(SIMD_BINARY_CODES[f], ap, bp, o, out.length));
  }

  /**
   * `out = f(full, part)` over `outer` blocks of `inner` elements, `part` repeating as a row (`row`)
   * or constant over each block (`part[k % part.length]` for block k); `swapped` puts `part` on the
   * left. `out` may alias `full`.
   */
  binaryBroadcast(
    f: SimdBinaryName,
    full: Float32Array,
    part: Float32Array,
    out: Float32Array,
    inner: number,
    row: boolean,
    swapped: boolean,
  ): void {
    const n = out.length;
    this.call(
      [
        [full, 0, n],
        [part, 0, part.length],
      ],
      [[out, 0, n]],
      0,
      ([fp, pp, o]) =>
        this.wasm.binaryBroadcast(
          SIMD_BINARY_CODES[f],
          fp!,
          pp!,
          o!,
          n / inner,
          inner,
          part.length,
          row ? 1 : 0,
          swapped ? 1 : 0,
        ),
    );
  }

  /** `out = a + alpha · b`, same lengths. `out` may alias `a`. */
  axpy(a: Float32Array, b: Float32Array, alpha: number, out: Float32Array): void {
    this.zip(a, b, out, (ap, bp, o) => this.wasm.axpy(ap, bp, alpha, o, out.length));
  }

  /** `out[b, j] = Σ_r x[b, r, j]` for `x` of `outer × red × inner` floats. `out` must not alias `x`. */
  sumMiddle(x: Float32Array, out: Float32Array, outer: number, red: number, inner: number): void {
    this.call([[x, 0, x.length]], [[out, 0, out.length]], 0, ([xp, o]) =>
      this.wasm.sumMiddle(xp!, o!, outer, red, inner),
    );
  }

  /**
   * Softmax of each of the `N` rows of `C` logits `x` into `p`, and each row's cross-entropy
   * `log Σ e^x − x[target]` against int32 `targets` (0 on rows whose target is `ignoreIndex`), into
   * `rowLoss` when it is given. Returns how many rows were counted and their total loss (float64), or
   * `counted` −(i + 1) for the first row `i` whose target is out of range.
   */
  crossEntropy(
    x: Float32Array,
    targets: Int32Array,
    p: Float32Array,
    rowLoss: Float32Array | null,
    C: number,
    ignoreIndex: number,
  ): { counted: number; total: number } {
    const N = targets.length;
    const rowBytes = align16(N * 4);
    let counted = 0;
    let total = 0;
    this.call(
      [
        [x, 0, N * C],
        [targets, 0, N],
      ],
      rowLoss
        ? [
            [p, 0, N * C],
            [rowLoss, 0, N],
          ]
        : [[p, 0, N * C]],
      rowLoss ? rowBytes : 2 * rowBytes,
      ([xp, tp, pp, lp], scratch) => {
        const losses = lp ?? scratch + rowBytes;
        counted = this.wasm.crossEntropyRows(xp!, tp!, pp!, losses, scratch, N, C, ignoreIndex);
        if (counted > 0) total = this.wasm.sumF64(losses, N);
      },
    );
    return { counted, total };
  }

  /**
   * Gradient of {@link SimdKernels.crossEntropy} with respect to the logits, into `out`:
   * `scale · (p − onehot(target))` per row, 0 on ignored rows, where the scale is `dy[i]` per row
   * when `perRow` and `scale` otherwise.
   */
  crossEntropyGrad(
    p: Float32Array,
    targets: Int32Array,
    dy: Float32Array,
    out: Float32Array,
    C: number,
    ignoreIndex: number,
    perRow: boolean,
    scale: number,
  ): void {
    const N = targets.length;
    this.call(
      [
        [p, 0, N * C],
        [targets, 0, N],
        [dy, 0, dy.length],
      ],
      [[out, 0, N * C]],
      0,
      ([pp, tp, dp, op]) =>
        this.wasm.crossEntropyGrad(pp!, tp!, dp!, op!, N, C, ignoreIndex, perRow ? 1 : 0, scale),
    );
  }

  /** Layer norm over rows of `C` (a multiple of 4): `out = (x − mean) · rstd`, `rstd` per row. */
  layerNorm(x: Float32Array, out: Float32Array, rstd: Float32Array, C: number, eps: number): void {
    this.call(
      [[x, 0, x.length]],
      [
        [out, 0, out.length],
        [rstd, 0, rstd.length],
      ],
      0,
      ([xp, o, r]) => this.wasm.layerNorm(xp!, o!, r!, rstd.length, C, eps),
    );
  }

  /** The gradient of {@link SimdKernels.layerNorm} from its output `xhat` and `rstd`. */
  layerNormGrad(
    xhat: Float32Array,
    rstd: Float32Array,
    dy: Float32Array,
    out: Float32Array,
    C: number,
  ): void {
    this.call(
      [
        [xhat, 0, xhat.length],
        [rstd, 0, rstd.length],
        [dy, 0, dy.length],
      ],
      [[out, 0, out.length]],
      0,
      ([xp, r, g, o]) => this.wasm.layerNormGrad(xp!, r!, g!, o!, rstd.length, C),
    );
  }

  /**
   * Batch norm over the rows of `x` viewed as `[N, C]` (C a multiple of 4, unbiased variance); with
   * `running`, its mean and variance move toward the batch's by `momentum`, in place.
   */
  batchNorm(
    x: Float32Array,
    out: Float32Array,
    rstd: Float32Array,
    eps: number,
    running: { mean: Float32Array; var: Float32Array; momentum: number } | null,
  ): void {
    const C = rstd.length;
    const outputs: [Float32Array, number, number][] = [
      [out, 0, out.length],
      [rstd, 0, C],
    ];
    if (running) outputs.push([running.mean, 0, C], [running.var, 0, C]);
    this.call([[x, 0, x.length]], outputs, 8 * C, ([xp, o, r, m, v], stats) =>
      // Without running statistics the kernel never reads its two pointers; it is handed the scratch.
      this.wasm.batchNorm(
        xp!,
        o!,
        r!,
        m ?? stats,
        v ?? stats,
        stats,
        x.length / C,
        C,
        eps,
        running?.momentum ?? 0,
        running ? 1 : 0,
      ),
    );
  }

  /** The gradient of {@link SimdKernels.batchNorm} from its output `xhat` and `rstd`. */
  batchNormGrad(xhat: Float32Array, rstd: Float32Array, dy: Float32Array, out: Float32Array): void {
    const C = rstd.length;
    this.call(
      [
        [xhat, 0, xhat.length],
        [rstd, 0, C],
        [dy, 0, dy.length],
      ],
      [[out, 0, out.length]],
      8 * C,
      ([xh, r, g, o], stats) => this.wasm.batchNormGrad(xh!, r!, g!, o!, stats, xhat.length / C, C),
    );
  }

  /** Causal self-attention: `qkv (B, T, 3C)` → `y (B, T, C)` and weights `p (B, nh, T, T)`; `hs` a multiple of 4. */
  causalAttention(
    qkv: Float32Array,
    y: Float32Array,
    p: Float32Array,
    { B, T, nh, hs }: AttentionDims,
  ): void {
    this.call(
      [[qkv, 0, qkv.length]],
      [
        [y, 0, y.length],
        [p, 0, p.length],
      ],
      0,
      ([q, yp, pp]) => this.wasm.causalAttention(q!, yp!, pp!, B, T, nh, hs),
    );
  }

  /** The gradient of {@link SimdKernels.causalAttention} with respect to `qkv`, into `out (B, T, 3C)`. */
  causalAttentionGrad(
    qkv: Float32Array,
    p: Float32Array,
    dy: Float32Array,
    out: Float32Array,
    { B, T, nh, hs }: AttentionDims,
  ): void {
    this.call(
      [
        [qkv, 0, qkv.length],
        [p, 0, p.length],
        [dy, 0, dy.length],
      ],
      [[out, 0, out.length]],
      T * 4,
      ([q, pp, g, o], scratch) => this.wasm.causalAttentionGrad(q!, pp!, g!, o!, scratch, B, T, nh, hs),
    );
  }

  /**
   * One half of the LSTM cell from gates `(B, 4H)` (i, f, g, o) and a state `c (B, H)` into `out`:
   * the new cell state `σ(f) ⊙ c + σ(i) ⊙ tanh(g)`, or the hidden state `σ(o) ⊙ tanh(c)` from it.
   */
  lstmCell(
    part: LstmPart,
    gates: Float32Array,
    c: Float32Array,
    out: Float32Array,
    B: number,
    H: number,
  ): void {
    const n = B * H;
    this.call(
      [
        [gates, 0, 4 * n],
        [c, 0, n],
      ],
      [[out, 0, n]],
      0,
      ([g, cp, o]) => this.wasm.lstmCell(LSTM_PART_CODES[part], g!, cp!, o!, B, H),
    );
  }

  /**
   * Gradient of {@link SimdKernels.lstmCell} from `d`, its output's gradient: ∂L/∂gates into `dGates`
   * (zero in the gate columns the part does not read) and ∂L/∂c into `dc`, which only the state
   * part may skip (null).
   */
  lstmCellGrad(
    part: LstmPart,
    gates: Float32Array,
    c: Float32Array,
    d: Float32Array,
    dGates: Float32Array,
    dc: Float32Array | null,
    B: number,
    H: number,
  ): void {
    const n = B * H;
    const outputs: [Float32Array, number, number][] = [[dGates, 0, 4 * n]];
    if (dc) outputs.push([dc, 0, n]);
    this.call(
      [
        [gates, 0, 4 * n],
        [c, 0, n],
        [d, 0, n],
      ],
      outputs,
      0,
      // Without dc the kernel never writes its pointer; it is handed dGates'.
      ([g, cp, dp, dg, dcp]) =>
        this.wasm.lstmCellGrad(LSTM_PART_CODES[part], g!, cp!, dp!, dg!, dcp ?? dg!, B, H, dc ? 1 : 0),
    );
  }

  /** One AdamW update of `p` in place with gradient `g` and moments `m`, `v` (updated in place). */
  adamw(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, s: AdamWScalars): void {
    const n = p.length;
    this.call(
      [[g, 0, n]],
      [
        [p, 0, n],
        [m, 0, n],
        [v, 0, n],
      ],
      0,
      ([gp, pp, mp, vp]) =>
        this.wasm.adamw(pp!, gp!, mp!, vp!, n, s.decay, s.beta1, s.beta2, s.stepSize, s.bc2Sqrt, s.eps),
    );
  }

  /** Runs an elementwise kernel `kernel(x, out, n)`. */
  private map(x: Float32Array, out: Float32Array, kernel: (x: number, y: number, n: number) => void): void {
    const n = out.length;
    this.call([[x, 0, n]], [[out, 0, n]], 0, ([xp, o]) => kernel(xp!, o!, n));
  }

  /** Runs a kernel over two same-length inputs into `out`, with the three byte offsets. */
  private zip(
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
    kernel: (a: number, b: number, out: number) => void,
  ): void {
    const n = out.length;
    this.call(
      [
        [a, 0, n],
        [b, 0, n],
      ],
      [[out, 0, n]],
      0,
      ([ap, bp, o]) => kernel(ap!, bp!, o!),
    );
  }

  /**
   * Calls `kernel` with the byte offsets of `inputs` then `outputs` (each `[array, element offset,
   * length]`) and of `scratchBytes` of scratch. Arrays that are views of the arena's memory are passed
   * in place; others are copied into temporary blocks (inputs in, outputs in and out, since a kernel
   * may read what it updates). Offsets are taken before anything is allocated, because growing the
   * memory detaches the views but keeps the offsets.
   */
  private call(
    inputs: readonly (readonly [KernelArray, number, number])[],
    outputs: readonly (readonly [KernelArray, number, number])[],
    scratchBytes: number,
    kernel: (offsets: number[], scratch: number) => void,
  ): void {
    const memory = this.memory.buffer;
    const operands = inputs.length === 0 ? outputs : outputs.length === 0 ? inputs : [...inputs, ...outputs];
    const offsets: number[] = [];
    let copied = false;
    for (const [data, offset] of operands) {
      const inPlace = data.buffer === memory;
      offsets.push(inPlace ? data.byteOffset + offset * 4 : -1);
      if (!inPlace) copied = true;
    }
    const scratch = scratchBytes > 0 ? this.arena.alloc(scratchBytes) : 0;
    if (!copied) {
      kernel(offsets, scratch);
      if (scratchBytes > 0) this.arena.release(scratch, scratchBytes);
      return;
    }
    // Operands of their own: through temporary blocks (16 bytes of slack for the 4-lane loops).
    const temps: number[] = [];
    operands.forEach(([data, offset, length], i) => {
      if (offsets[i] !== -1) return;
      const block = this.arena.alloc(length * 4 + 16);
      temps.push(i);
      offsets[i] = block;
      viewLike(data, this.memory.buffer, block, length).set(data.subarray(offset, offset + length));
    });
    kernel(offsets, scratch);
    for (const i of temps) {
      const [data, offset, length] = operands[i]!;
      if (i >= inputs.length) data.set(viewLike(data, this.memory.buffer, offsets[i]!, length), offset);
      this.arena.release(offsets[i]!, length * 4 + 16);
    }
    if (scratchBytes > 0) this.arena.release(scratch, scratchBytes);
  }
}

/** The element types a kernel reads: float32 values and int32 indices (both four bytes). */
type KernelArray = Float32Array | Int32Array;

/** A view of `length` elements at byte `offset` of `buffer`, of the same element type as `like`. */
function viewLike<T extends KernelArray>(
  like: T,
  buffer: ArrayBufferLike,
  offset: number,
  length: number,
): T {
  return (
    like instanceof Int32Array
      ? new Int32Array(buffer, offset, length)
      : new Float32Array(buffer, offset, length)
  ) as T;
}

function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}
