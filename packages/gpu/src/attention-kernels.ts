import type { Kernels, TensorInfo } from '@makemore/tensor';
import { decompose, kernelSource, lit } from './codegen.js';
import type { DeviceValue, GpuBuffer, Runtime } from './runtime.js';

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

/** The attention kernels of the gpu.js backend, over its runtime and buffer accessor. */
export function attentionKernels(
  rt: Runtime,
  buf: (t: TensorInfo) => GpuBuffer,
): Pick<Kernels, 'causalAttention' | 'causalAttentionGrad'> {
  /** (B, nh, T) per-row values over the s ≤ t entries of a (B, nh, T, T) tensor. */
  const rowwise = (
    op: string,
    L: ReturnType<typeof layout>,
    names: string[],
    term: string,
    args: (GpuBuffer | DeviceValue)[],
  ) =>
    rt.launch({
      op,
      source: kernelSource(
        names,
        [
          'const i = this.thread.x;',
          decompose('i', [L.B, L.nh, L.T], 'r'),
          `const base = i * ${lit(L.T)};`,
          'let acc = 0.0;',
          `for (let s = 0; s < ${L.T}; s++) { if (s <= r2) { ${term} } }`,
          'return acc;',
        ].join('\n'),
      ),
      size: L.B * L.nh * L.T,
      loop: L.T,
      args,
    });

  /**
   * (B, nh, T, T): `expr` (of the args at i, with c0 the row and c1 the key) for keys up to the
   * query, 0 above the diagonal.
   */
  const perWeight = (
    op: string,
    L: ReturnType<typeof layout>,
    names: string[],
    expr: string,
    args: (GpuBuffer | DeviceValue)[],
  ) =>
    rt.launch({
      op,
      source: kernelSource(
        names,
        [
          'const i = this.thread.x;',
          decompose('i', [L.B * L.nh * L.T, L.T], 'c'),
          `if (c1 > c0 - Math.floor((c0 + 0.5) / ${lit(L.T)}) * ${lit(L.T)}) { return 0.0; }`,
          `return ${expr};`,
        ].join('\n'),
      ),
      size: L.B * L.nh * L.T * L.T,
      loop: 0,
      args,
    });

  return {
    causalAttention(qkv, out, probs, nHead) {
      const L = layout(qkv, nHead);
      const tmps: DeviceValue[] = [];
      try {
        // (B, nh, T, T): scaled scores q_t · k_s for s ≤ t (the rest is never read)
        const scores = rt.launch({
          op: 'causalAttention',
          source: kernelSource(
            ['x'],
            [
              'const i = this.thread.x;',
              decompose('i', [L.B, L.nh, L.T, L.T], 'c'),
              'if (c3 > c2) { return 0.0; }',
              `const q = ${L.at('c0', 'c2', 0, 'c1')};`,
              `const k = ${L.at('c0', 'c3', 1, 'c1')};`,
              'let d0 = 0.0;',
              `for (let d = 0; d < ${L.hs}; d++) { d0 += x[q + d] * x[k + d]; }`,
              `return d0 * ${L.scale};`,
            ].join('\n'),
          ),
          size: L.B * L.nh * L.T * L.T,
          loop: L.hs,
          args: [buf(qkv)],
        });
        tmps.push(scores);
        const rowMax = rt.launch({
          op: 'causalAttention',
          source: kernelSource(
            ['sc'],
            [
              'const i = this.thread.x;',
              decompose('i', [L.B, L.nh, L.T], 'r'),
              `const base = i * ${lit(L.T)};`,
              'let m = sc[base];',
              `for (let s = 0; s < ${L.T}; s++) { if (s <= r2) { m = Math.max(m, sc[base + s]); } }`,
              'return m;',
            ].join('\n'),
          ),
          size: L.B * L.nh * L.T,
          loop: L.T,
          args: [scores],
        });
        tmps.push(rowMax);
        const rowSum = rowwise('causalAttention', L, ['sc', 'mx'], 'acc += Math.exp(sc[base + s] - mx[i]);', [
          scores,
          rowMax,
        ]);
        tmps.push(rowSum);
        const p = perWeight('causalAttention', L, ['sc', 'mx', 'sm'], 'Math.exp(sc[i] - mx[c0]) / sm[c0]', [
          scores,
          rowMax,
          rowSum,
        ]);
        rt.assign(buf(probs), p);
        // (B, T, C): y_t = Σ_s≤t P[t, s] v_s, head by head
        const y = rt.launch({
          op: 'causalAttention',
          source: kernelSource(
            ['x', 'p'],
            [
              'const i = this.thread.x;',
              decompose('i', [L.B, L.T, L.C], 'c'),
              `const h = Math.floor((c2 + 0.5) / ${lit(L.hs)});`,
              `const d = c2 - h * ${lit(L.hs)};`,
              `const pr = ${L.prow('c0', 'h', 'c1')};`,
              'let acc = 0.0;',
              `for (let s = 0; s < ${L.T}; s++) { if (s <= c1) { acc += p[pr + s] * x[${L.at('c0', 's', 2, 'h')} + d]; } }`,
              'return acc;',
            ].join('\n'),
          ),
          size: L.B * L.T * L.C,
          loop: L.T,
          args: [buf(qkv), buf(probs)],
        });
        rt.assign(buf(out), y);
      } finally {
        for (const v of tmps) rt.free(v);
      }
    },

    causalAttentionGrad(qkv, probs, dy, out, nHead) {
      const L = layout(qkv, nHead);
      const tmps: DeviceValue[] = [];
      try {
        // (B, nh, T, T): dP[t, s] = dy_t · v_s for s ≤ t
        const dP = rt.launch({
          op: 'causalAttentionGrad',
          source: kernelSource(
            ['x', 'g'],
            [
              'const i = this.thread.x;',
              decompose('i', [L.B, L.nh, L.T, L.T], 'c'),
              'if (c3 > c2) { return 0.0; }',
              `const gy = (c0 * ${lit(L.T)} + c2) * ${lit(L.C)} + c1 * ${lit(L.hs)};`,
              `const v = ${L.at('c0', 'c3', 2, 'c1')};`,
              'let acc = 0.0;',
              `for (let d = 0; d < ${L.hs}; d++) { acc += g[gy + d] * x[v + d]; }`,
              'return acc;',
            ].join('\n'),
          ),
          size: L.B * L.nh * L.T * L.T,
          loop: L.hs,
          args: [buf(qkv), buf(dy)],
        });
        tmps.push(dP);
        const rowDot = rowwise('causalAttentionGrad', L, ['p', 'dp'], 'acc += p[base + s] * dp[base + s];', [
          buf(probs),
          dP,
        ]);
        tmps.push(rowDot);
        // (B, nh, T, T): dS = P ⊙ (dP − Σ P ⊙ dP), scaled for q and k
        const dS = perWeight(
          'causalAttentionGrad',
          L,
          ['p', 'dp', 'rd'],
          `p[i] * (dp[i] - rd[c0]) * ${L.scale}`,
          [buf(probs), dP, rowDot],
        );
        tmps.push(dS);
        // (B, T, 3C): dq_t = Σ_s dS[t, s] k_s; dk_s = Σ_t dS[t, s] q_t; dv_s = Σ_t P[t, s] dy_t
        const dx = rt.launch({
          op: 'causalAttentionGrad',
          source: kernelSource(
            ['x', 'p', 'g', 'ds'],
            [
              'const i = this.thread.x;',
              decompose('i', [L.B, L.T, 3 * L.C], 'c'),
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
            ].join('\n'),
          ),
          size: L.B * L.T * 3 * L.C,
          loop: L.T,
          args: [buf(qkv), buf(probs), buf(dy), dS],
        });
        rt.assign(buf(out), dx);
      } finally {
        for (const v of tmps) rt.free(v);
      }
    },
  };
}
