/**
 * One AdamW update of `n` parameters in place, as torch.optim.AdamW does it, with no temporaries:
 * p ·= 1 − lr·wd; m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²; p −= stepSize · m / (√v / bc2 + eps).
 */
export function adamw(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  decay: f32,
  beta1: f32,
  beta2: f32,
  stepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const bytes = (<usize>n) << 2;
  const dv = f32x4.splat(decay);
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2);
  const c2 = f32x4.splat(1 - beta2);
  const ss = f32x4.splat(stepSize);
  const bc = f32x4.splat(bc2Sqrt);
  const ep = f32x4.splat(eps);
  for (let i: usize = 0; i < bytes; i += 16) {
    const gi = v128.load(g + i);
    const mi = f32x4.add(f32x4.mul(v128.load(m + i), b1), f32x4.mul(gi, c1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + i), b2), f32x4.mul(f32x4.mul(gi, gi), c2));
    v128.store(m + i, mi);
    v128.store(v + i, vi);
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(vi), bc), ep);
    const pi = f32x4.mul(v128.load(p + i), dv);
    v128.store(p + i, f32x4.sub(pi, f32x4.mul(ss, f32x4.div(mi, denom))));
  }
}
