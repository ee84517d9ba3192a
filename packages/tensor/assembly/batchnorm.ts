// Batch norm over the rows of an [N, C] float32 matrix (C a multiple of 4), four columns at a time.
// Mirrors src/cpu/norm.ts: mean, then the unbiased variance of the centred values, per column.

/**
 * out = (x − mean) / √(var + eps) per column, var unbiased (divisor max(1, N − 1)); rstd[c] =
 * 1 / √(var + eps). With `running`, runningMean/runningVar move toward the batch's by `momentum`.
 * `stats` is scratch for 2·C floats.
 */
export function batchNorm(
  x: usize,
  out: usize,
  rstd: usize,
  runningMean: usize,
  runningVar: usize,
  stats: usize,
  N: i32,
  C: i32,
  eps: f32,
  momentum: f32,
  running: bool,
): void {
  const rowBytes = (<usize>C) << 2;
  const mean = stats;
  const variance = stats + rowBytes;
  memory.fill(stats, 0, rowBytes << 1);
  for (let n = 0; n < N; n++) {
    const xr = x + <usize>n * rowBytes;
    for (let i: usize = 0; i < rowBytes; i += 16) v128.store(mean + i, f32x4.add(v128.load(mean + i), v128.load(xr + i)));
  }
  const invN = f32x4.splat(1 / <f32>N);
  for (let i: usize = 0; i < rowBytes; i += 16) v128.store(mean + i, f32x4.mul(v128.load(mean + i), invN));
  for (let n = 0; n < N; n++) {
    const xr = x + <usize>n * rowBytes;
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const d = f32x4.sub(v128.load(xr + i), v128.load(mean + i));
      v128.store(variance + i, f32x4.add(v128.load(variance + i), f32x4.mul(d, d)));
    }
  }
  const invDiv = f32x4.splat(1 / <f32>max(1, N - 1));
  const one = f32x4.splat(1);
  const e = f32x4.splat(eps);
  for (let i: usize = 0; i < rowBytes; i += 16) {
    const v = f32x4.mul(v128.load(variance + i), invDiv);
    v128.store(variance + i, v);
    v128.store(rstd + i, f32x4.div(one, f32x4.sqrt(f32x4.add(v, e))));
  }
  for (let n = 0; n < N; n++) {
    const xr = x + <usize>n * rowBytes;
    const orow = out + <usize>n * rowBytes;
    for (let i: usize = 0; i < rowBytes; i += 16) {
      v128.store(orow + i, f32x4.mul(f32x4.sub(v128.load(xr + i), v128.load(mean + i)), v128.load(rstd + i)));
    }
  }
  if (running) {
    const m = f32x4.splat(momentum);
    const keep = f32x4.splat(1 - momentum);
    for (let i: usize = 0; i < rowBytes; i += 16) {
      v128.store(runningMean + i, f32x4.add(f32x4.mul(keep, v128.load(runningMean + i)), f32x4.mul(m, v128.load(mean + i))));
      v128.store(runningVar + i, f32x4.add(f32x4.mul(keep, v128.load(runningVar + i)), f32x4.mul(m, v128.load(variance + i))));
    }
  }
}

/**
 * out = rstd · (dy − mean(dy) − xhat · Σ(dy · xhat) / max(1, N − 1)) per column. `stats` is scratch
 * for 2·C floats.
 */
export function batchNormGrad(xhat: usize, rstd: usize, dy: usize, out: usize, stats: usize, N: i32, C: i32): void {
  const rowBytes = (<usize>C) << 2;
  const sg = stats;
  const sgx = stats + rowBytes;
  memory.fill(stats, 0, rowBytes << 1);
  for (let n = 0; n < N; n++) {
    const off = <usize>n * rowBytes;
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const g = v128.load(dy + off + i);
      v128.store(sg + i, f32x4.add(v128.load(sg + i), g));
      v128.store(sgx + i, f32x4.add(v128.load(sgx + i), f32x4.mul(g, v128.load(xhat + off + i))));
    }
  }
  const invN = f32x4.splat(1 / <f32>N);
  const invDiv = f32x4.splat(1 / <f32>max(1, N - 1));
  for (let i: usize = 0; i < rowBytes; i += 16) {
    v128.store(sg + i, f32x4.mul(v128.load(sg + i), invN));
    v128.store(sgx + i, f32x4.mul(v128.load(sgx + i), invDiv));
  }
  for (let n = 0; n < N; n++) {
    const off = <usize>n * rowBytes;
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const v = f32x4.sub(f32x4.sub(v128.load(dy + off + i), v128.load(sg + i)), f32x4.mul(v128.load(xhat + off + i), v128.load(sgx + i)));
      v128.store(out + off + i, f32x4.mul(v128.load(rstd + i), v));
    }
  }
}
