/**
 * out[b, j] = Σ_r x[b, r, j] over `outer` × `red` × `inner` float32s: the sum over a run of axes, as a
 * bias gradient (inner = features) or a row sum (inner = 1) needs it. `out` must not alias `x`.
 */
export function sumMiddle(x: usize, out: usize, outer: i32, red: i32, inner: i32): void {
  const innerBytes = (<usize>inner) << 2;
  const blockBytes = <usize>red * innerBytes;
  if (inner == 1) {
    for (let b = 0; b < outer; b++) {
      const row = x + <usize>b * blockBytes;
      let acc = f32x4.splat(0);
      let r = 0;
      for (; r + 4 <= red; r += 4) acc = f32x4.add(acc, v128.load(row + ((<usize>r) << 2)));
      let s: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
      for (; r < red; r++) s += load<f32>(row + ((<usize>r) << 2));
      store<f32>(out + ((<usize>b) << 2), s);
    }
    return;
  }
  const inner4 = inner & ~3;
  for (let b = 0; b < outer; b++) {
    const o = out + <usize>b * innerBytes;
    const block = x + <usize>b * blockBytes;
    let j = 0;
    for (; j < inner4; j += 4) {
      const at = (<usize>j) << 2;
      let acc = f32x4.splat(0);
      for (let r = 0; r < red; r++) acc = f32x4.add(acc, v128.load(block + <usize>r * innerBytes + at));
      v128.store(o + at, acc);
    }
    for (; j < inner; j++) {
      const at = (<usize>j) << 2;
      let s: f32 = 0;
      for (let r = 0; r < red; r++) s += load<f32>(block + <usize>r * innerBytes + at);
      store<f32>(o + at, s);
    }
  }
}
