// Layer norm over rows of C float32s, four lanes at a time (C a multiple of 4). Mirrors the two-pass
// JavaScript kernels in src/cpu/norm.ts (mean, then the variance of the centred values).

@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** out = (x − mean) / √(var + eps) per row of C (biased variance); rstd[row] = 1 / √(var + eps). */
export function layerNorm(x: usize, out: usize, rstd: usize, rows: i32, C: i32, eps: f32): void {
  const rowBytes = (<usize>C) << 2;
  const invC: f32 = 1 / <f32>C;
  for (let n = 0; n < rows; n++) {
    const xr = x + <usize>n * rowBytes;
    const orow = out + <usize>n * rowBytes;
    let acc = f32x4.splat(0);
    for (let i: usize = 0; i < rowBytes; i += 16) acc = f32x4.add(acc, v128.load(xr + i));
    const mean = f32x4.splat(hsum(acc) * invC);
    let sq = f32x4.splat(0);
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const d = f32x4.sub(v128.load(xr + i), mean);
      sq = f32x4.add(sq, f32x4.mul(d, d));
    }
    const inv: f32 = 1 / Mathf.sqrt(hsum(sq) * invC + eps);
    const iv = f32x4.splat(inv);
    for (let i: usize = 0; i < rowBytes; i += 16) v128.store(orow + i, f32x4.mul(f32x4.sub(v128.load(xr + i), mean), iv));
    store<f32>(rstd + ((<usize>n) << 2), inv);
  }
}

/** out = rstd · (dy − mean(dy) − xhat · mean(dy · xhat)) per row of C. */
export function layerNormGrad(xhat: usize, rstd: usize, dy: usize, out: usize, rows: i32, C: i32): void {
  const rowBytes = (<usize>C) << 2;
  const invC: f32 = 1 / <f32>C;
  for (let n = 0; n < rows; n++) {
    const xr = xhat + <usize>n * rowBytes;
    const gr = dy + <usize>n * rowBytes;
    const orow = out + <usize>n * rowBytes;
    let sg = f32x4.splat(0);
    let sgx = f32x4.splat(0);
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const g = v128.load(gr + i);
      sg = f32x4.add(sg, g);
      sgx = f32x4.add(sgx, f32x4.mul(g, v128.load(xr + i)));
    }
    const meanG = f32x4.splat(hsum(sg) * invC);
    const meanGx = f32x4.splat(hsum(sgx) * invC);
    const r = f32x4.splat(load<f32>(rstd + ((<usize>n) << 2)));
    for (let i: usize = 0; i < rowBytes; i += 16) {
      const v = f32x4.sub(f32x4.sub(v128.load(gr + i), meanG), f32x4.mul(v128.load(xr + i), meanGx));
      v128.store(orow + i, f32x4.mul(r, v));
    }
  }
}
