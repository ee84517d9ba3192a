// Fused causal self-attention over a (B, T, 3C) query/key/value tensor, four lanes of a head at a
// time (the head size is a multiple of 4). Mirrors src/cpu/attention.ts, the reference loop.

/** Σ_d a[d] · b[d] over `hs` floats (a multiple of 4). */
@inline
function dot(a: usize, b: usize, hs: i32): f32 {
  let acc = f32x4.splat(0);
  const end = (<usize>hs) << 2;
  for (let i: usize = 0; i < end; i += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + i), v128.load(b + i)));
  return f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
}

/** dst[d] += w · src[d] over `hs` floats. */
@inline
function axpy(dst: usize, src: usize, w: f32, hs: i32): void {
  const wv = f32x4.splat(w);
  const end = (<usize>hs) << 2;
  for (let i: usize = 0; i < end; i += 16) v128.store(dst + i, f32x4.add(v128.load(dst + i), f32x4.mul(wv, v128.load(src + i))));
}

/**
 * y (B, T, C) and the weights P (B, nh, T, T), zero above the diagonal, from qkv (B, T, 3C): for each
 * batch, head and query t, softmax over s ≤ t of q_t · k_s / √hs, then y_t = Σ_s P[t, s] v_s.
 */
export function causalAttention(qkv: usize, y: usize, p: usize, B: i32, T: i32, nh: i32, hs: i32): void {
  const C = nh * hs;
  const rowBytes = (<usize>(3 * C)) << 2;
  const scale: f32 = 1 / Mathf.sqrt(<f32>hs);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      const headBytes = (<usize>(h * hs)) << 2;
      for (let t = 0; t < T; t++) {
        const q = qkv + <usize>(b * T + t) * rowBytes + headBytes;
        const pr = p + ((<usize>(((b * nh + h) * T + t) * T)) << 2);
        let m: f32 = -Infinity;
        for (let s = 0; s <= t; s++) {
          const k = qkv + <usize>(b * T + s) * rowBytes + (<usize>C << 2) + headBytes;
          const sc = dot(q, k, hs) * scale;
          store<f32>(pr + ((<usize>s) << 2), sc);
          m = max(m, sc);
        }
        let sum: f32 = 0;
        for (let s = 0; s <= t; s++) {
          const e = Mathf.exp(load<f32>(pr + ((<usize>s) << 2)) - m);
          store<f32>(pr + ((<usize>s) << 2), e);
          sum += e;
        }
        const inv: f32 = 1 / sum;
        for (let s = 0; s <= t; s++) store<f32>(pr + ((<usize>s) << 2), load<f32>(pr + ((<usize>s) << 2)) * inv);
        for (let s = t + 1; s < T; s++) store<f32>(pr + ((<usize>s) << 2), 0);
        const yt = y + ((<usize>((b * T + t) * C + h * hs)) << 2);
        memory.fill(yt, 0, (<usize>hs) << 2);
        for (let s = 0; s <= t; s++) {
          const v = qkv + <usize>(b * T + s) * rowBytes + (<usize>(2 * C) << 2) + headBytes;
          axpy(yt, v, load<f32>(pr + ((<usize>s) << 2)), hs);
        }
      }
    }
  }
}

/**
 * d qkv (B, T, 3C) from the weights P and dy (B, T, C): per query row, dP_s = dy_t · v_s,
 * dS_s = P[t, s] (dP_s − Σ P ⊙ dP), dq_t = Σ_s dS_s k_s / √hs, dk_s += dS_s q_t / √hs, dv_s += P[t, s] dy_t.
 * `dS` is scratch for T floats.
 */
export function causalAttentionGrad(qkv: usize, p: usize, dy: usize, out: usize, dS: usize, B: i32, T: i32, nh: i32, hs: i32): void {
  const C = nh * hs;
  const rowBytes = (<usize>(3 * C)) << 2;
  const scale: f32 = 1 / Mathf.sqrt(<f32>hs);
  memory.fill(out, 0, <usize>(B * T) * rowBytes);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      const headBytes = (<usize>(h * hs)) << 2;
      for (let t = 0; t < T; t++) {
        const pr = p + ((<usize>(((b * nh + h) * T + t) * T)) << 2);
        const gy = dy + ((<usize>((b * T + t) * C + h * hs)) << 2);
        let total: f32 = 0;
        for (let s = 0; s <= t; s++) {
          const v = qkv + <usize>(b * T + s) * rowBytes + (<usize>(2 * C) << 2) + headBytes;
          const dp = dot(gy, v, hs);
          store<f32>(dS + ((<usize>s) << 2), dp);
          total += load<f32>(pr + ((<usize>s) << 2)) * dp;
        }
        const qOff = <usize>(b * T + t) * rowBytes + headBytes;
        for (let s = 0; s <= t; s++) {
          const w = load<f32>(pr + ((<usize>s) << 2));
          const ds = w * (load<f32>(dS + ((<usize>s) << 2)) - total) * scale;
          const kOff = <usize>(b * T + s) * rowBytes + (<usize>C << 2) + headBytes;
          const vOff = kOff + (<usize>C << 2);
          axpy(out + qOff, qkv + kOff, ds, hs);
          axpy(out + kOff, qkv + qOff, ds, hs);
          axpy(out + vOff, gy, w, hs);
        }
      }
    }
  }
}
