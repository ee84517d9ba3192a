import type { Kernels, TensorInfo } from '@makemore/tensor';
import { lit } from '../codegen.js';
import type { DeviceValue, Runtime } from '../runtime.js';
import { buf, type KernelInputs, launchInto, perElement, withTemps } from './launch.js';

// Fused causal self-attention for gpu.js: a few launches, each one thread per output element. The
// head layout follows the CPU kernel: qkv (B, T, 3C) with q, k, v side by side and head h in columns
// h·hs .. (h+1)·hs of each; the weights P (B, nh, T, T) are zero above the diagonal.

/** The sizes and index expressions shared by the launches. */
function layout(qkv: TensorInfo, nHead: number) {
  const [B, T, C3] = qkv.shape as [number, number, number];
  const C = C3 / 3;
  const hs = C / nHead;
  return {
    B,
    T,
    C,
    hs,
    nh: nHead,
    scale: lit(1 / Math.sqrt(hs)),
    /** Offset of row (b, t) of qkv, part (0 q, 1 k, 2 v), head h. */
    at: (b: string, t: string, part: number, h: string) =>
      `((${b}) * ${lit(T)} + (${t})) * ${lit(C3)} + ${lit(part * C)} + (${h}) * ${lit(hs)}`,
    /** Offset of row (b, h, t) of the (B, nh, T, T) weights. */
    prow: (b: string, h: string, t: string) =>
      `(((${b}) * ${lit(nHead)} + (${h})) * ${lit(T)} + (${t})) * ${lit(T)}`,
  };
}

type Layout = ReturnType<typeof layout>;

/** The attention kernels of the gpu.js backend. */
export function attentionKernels(rt: Runtime): Pick<Kernels, 'causalAttention' | 'causalAttentionGrad'> {
  /**
   * (B, nh, T, T): for each query t (c2) and key s ≤ t (c3) of head c1, the dot product over the
   * head's hs dimensions of `left[lo + d]` and `right[ro + d]`, times `factor`; 0 above the diagonal.
   * `lo` and `ro` are offset expressions of the coordinates.
   */
  const pairDots = (
    op: string,
    L: Layout,
    inputs: KernelInputs,
    [left, lo]: readonly [string, string],
    [right, ro]: readonly [string, string],
    factor: string,
  ): DeviceValue => {
    const body = [
      'if (c3 > c2) { return 0.0; }',
      `const lo = ${lo};`,
      `const ro = ${ro};`,
      'let acc = 0.0;',
      `for (let d = 0; d < ${L.hs}; d++) { acc += ${left}[lo + d] * ${right}[ro + d]; }`,
      `return acc${factor};`,
    ];
    return rt.launch(perElement({ op, inputs, shape: [L.B, L.nh, L.T, L.T], body, loop: L.hs }));
  };

  /**
   * (B, nh, T): per row (b, h, t), `acc` folded by `step` over the row's keys s ≤ t from `init`;
   * `base` is the row's offset in a (B, nh, T, T) tensor.
   */
  const rowwise = (op: string, L: Layout, inputs: KernelInputs, init: string, step: string): DeviceValue => {
    const body = [
      `const base = i * ${lit(L.T)};`,
      `let acc = ${init};`,
      `for (let s = 0; s < ${L.T}; s++) { if (s <= r2) { ${step} } }`,
      'return acc;',
    ];
    return rt.launch(perElement({ op, inputs, shape: [L.B, L.nh, L.T], body, loop: L.T, coords: 'r' }));
  };

  /**
   * (B, nh, T, T): `expr` (of the inputs at i, with c0 the row and c1 the key) for keys up to the
   * query, 0 above the diagonal.
   */
  const perWeight = (op: string, L: Layout, inputs: KernelInputs, expr: string): DeviceValue => {
    const body = [
      `if (c1 > c0 - Math.floor((c0 + 0.5) / ${lit(L.T)}) * ${lit(L.T)}) { return 0.0; }`,
      `return ${expr};`,
    ];
    return rt.launch(perElement({ op, inputs, shape: [L.B * L.nh * L.T, L.T], body }));
  };

  return {
    causalAttention(qkv, out, probs, nHead) {
      const L = layout(qkv, nHead);
      const op = 'causalAttention';
      const x = buf(qkv);
      withTemps(rt, (temp) => {
        // (B, nh, T, T): scaled scores q_t · k_s for s ≤ t (the rest is never read)
        const q = L.at('c0', 'c2', 0, 'c1');
        const k = L.at('c0', 'c3', 1, 'c1');
        const sc = temp(pairDots(op, L, { x }, ['x', q], ['x', k], ` * ${L.scale}`));
        const mx = temp(rowwise(op, L, { sc }, 'sc[base]', 'acc = Math.max(acc, sc[base + s]);'));
        const sm = temp(rowwise(op, L, { sc, mx }, '0.0', 'acc += Math.exp(sc[base + s] - mx[i]);'));
        rt.assign(buf(probs), perWeight(op, L, { sc, mx, sm }, 'Math.exp(sc[i] - mx[c0]) / sm[c0]'));
        // (B, T, C): y_t = Σ_s≤t P[t, s] v_s, head by head
        const body = [
          `const h = Math.floor((c2 + 0.5) / ${lit(L.hs)});`,
          `const d = c2 - h * ${lit(L.hs)};`,
          `const pr = ${L.prow('c0', 'h', 'c1')};`,
          'let acc = 0.0;',
          `for (let s = 0; s < ${L.T}; s++) { if (s <= c1) { acc += p[pr + s] * x[${L.at('c0', 's', 2, 'h')} + d]; } }`,
          'return acc;',
        ];
        const inputs = { x, p: buf(probs) };
        launchInto(rt, out, perElement({ op, inputs, shape: [L.B, L.T, L.C], body, loop: L.T }));
      });
    },

    causalAttentionGrad(qkv, probs, dy, out, nHead) {
      const L = layout(qkv, nHead);
      const op = 'causalAttentionGrad';
      const x = buf(qkv);
      const p = buf(probs);
      withTemps(rt, (temp) => {
        // (B, nh, T, T): dP[t, s] = dy_t · v_s for s ≤ t
        const gy = `(c0 * ${lit(L.T)} + c2) * ${lit(L.C)} + c1 * ${lit(L.hs)}`;
        const v = L.at('c0', 'c3', 2, 'c1');
        const dp = temp(pairDots(op, L, { x, g: buf(dy) }, ['g', gy], ['x', v], ''));
        const rd = temp(rowwise(op, L, { p, dp }, '0.0', 'acc += p[base + s] * dp[base + s];'));
        // (B, nh, T, T): dS = P ⊙ (dP − Σ P ⊙ dP), scaled for q and k
        const ds = temp(perWeight(op, L, { p, dp, rd }, `p[i] * (dp[i] - rd[c0]) * ${L.scale}`));
        // (B, T, 3C): dq_t = Σ_s dS[t, s] k_s; dk_s = Σ_t dS[t, s] q_t; dv_s = Σ_t P[t, s] dy_t
        const body = [
          `const part = Math.floor((c2 + 0.5) / ${lit(L.C)});`,
          `const cc = c2 - part * ${lit(L.C)};`,
          `const h = Math.floor((cc + 0.5) / ${lit(L.hs)});`,
          `const d = cc - h * ${lit(L.hs)};`,
          'let acc = 0.0;',
          `for (let u = 0; u < ${L.T}; u++) {`,
          `  if (part < 0.5) { acc += ds[${L.prow('c0', 'h', 'c1')} + u] * x[${L.at('c0', 'u', 1, 'h')} + d]; }`,
          `  else if (part < 1.5) { acc += ds[${L.prow('c0', 'h', 'u')} + c1] * x[${L.at('c0', 'u', 0, 'h')} + d]; }`,
          `  else { acc += p[${L.prow('c0', 'h', 'u')} + c1] * g[(c0 * ${lit(L.T)} + u) * ${lit(L.C)} + cc]; }`,
          '}',
          'return acc;',
        ];
        const inputs = { x, p, g: buf(dy), ds };
        launchInto(rt, out, perElement({ op, inputs, shape: [L.B, L.T, 3 * L.C], body, loop: L.T }));
      });
    },
  };
}
