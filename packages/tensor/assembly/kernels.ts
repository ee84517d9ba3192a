// WebAssembly SIMD kernels for the CPU backend's float32 fast path, written in AssemblyScript.
// Build: `pnpm --filter @makemore/tensor build:wasm` (compiles and embeds the module as
// src/cpu/wasm/kernels-wasm.ts). The JavaScript side owns the memory above `heapBase()`: tensors
// live there (see src/cpu/wasm/arena.ts) and kernels get their byte offsets.

/** First free byte of linear memory (everything above belongs to the JavaScript side). */
export function heapBase(): usize {
  return __heap_base;
}

export { matmul, matmulScratch } from './matmul';

import { tanh4 } from './tanh';

/** y[i] = tanh(x[i]) for `n` floats (`n` rounded up to 4; the caller's buffers have room). */
export function tanh(x: usize, y: usize, n: i32): void {
  const end = x + ((<usize>n) << 2);
  let o = y;
  for (let p = x; p < end; p += 16) {
    v128.store(o, tanh4(v128.load(p)));
    o += 16;
  }
}

// GELU, tanh approximation (makemore's NewGELU): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
const SQRT_2_OVER_PI: f32 = 0.7978845608028654;
const GELU_C: f32 = 0.044715;

/** The tanh of GELU's inner polynomial, four lanes. */
@inline
function geluTanh4(x: v128): v128 {
  const x3 = f32x4.mul(f32x4.mul(x, x), x);
  return tanh4(f32x4.mul(f32x4.splat(SQRT_2_OVER_PI), f32x4.add(x, f32x4.mul(f32x4.splat(GELU_C), x3))));
}

/** y[i] = gelu(x[i]) for `n` floats (`n` rounded up to 4; the caller's buffers have room). */
export function gelu(x: usize, y: usize, n: i32): void {
  const end = x + ((<usize>n) << 2);
  const half = f32x4.splat(0.5);
  const one = f32x4.splat(1);
  let o = y;
  for (let p = x; p < end; p += 16) {
    const v = v128.load(p);
    v128.store(o, f32x4.mul(f32x4.mul(half, v), f32x4.add(one, geluTanh4(v))));
    o += 16;
  }
}

/** out[i] = dy[i] · gelu'(x[i]) for `n` floats (`n` rounded up to 4); `out` may alias either input. */
export function geluGrad(dy: usize, x: usize, out: usize, n: i32): void {
  const half = f32x4.splat(0.5);
  const one = f32x4.splat(1);
  const k = f32x4.splat(SQRT_2_OVER_PI);
  const k3 = f32x4.splat(3 * GELU_C);
  const bytes = (<usize>n) << 2;
  for (let i: usize = 0; i < bytes; i += 16) {
    const v = v128.load(x + i);
    const t = geluTanh4(v);
    // d/dx = 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)
    const inner = f32x4.mul(k, f32x4.add(one, f32x4.mul(k3, f32x4.mul(v, v))));
    const sech2 = f32x4.sub(one, f32x4.mul(t, t));
    const d = f32x4.mul(half, f32x4.add(f32x4.add(one, t), f32x4.mul(f32x4.mul(v, sech2), inner)));
    v128.store(out + i, f32x4.mul(v128.load(dy + i), d));
  }
}

export { axpy, binaryBroadcast, binarySame, exp, sigmoid } from './elementwise';
export { adamw } from './optim';
export { sumMiddle } from './reduce';
export { crossEntropyGrad, crossEntropyRows, sumF64 } from './cross-entropy';
export { causalAttention, causalAttentionGrad } from './attention';
export { layerNorm, layerNormGrad } from './layernorm';
export { batchNorm, batchNormGrad } from './batchnorm';
export { lstmCell, lstmCellGrad } from './lstm';
