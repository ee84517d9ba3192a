import type { TensorInfo } from '../backend.js';
import { ENGINE } from '../engine.js';
import { fmtShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { OpAttrs } from './attrs.js';
import type { OpDef } from './types.js';

/** Attributes of `matmul`: whether each operand is stored transposed (its last two axes swapped). */
export interface MatmulAttrs {
  /** `a` is stored as `[..., K, M]`. */
  transA: boolean;
  /** `b` is stored as `[..., N, K]`. */
  transB: boolean;
}

function as3d(t: Tensor): TensorInfo {
  const s = t.shape;
  return { dataId: t.dataId, dtype: t.dtype, shape: s.length === 2 ? [1, s[0]!, s[1]!] : s };
}

/** Runs `op(x) @ op(y)` (op = transpose when the flag is set). */
function mm(x: Tensor, tx: boolean, y: Tensor, ty: boolean): Tensor {
  return ENGINE.run('matmul', [x, y], { transA: tx, transB: ty });
}

/** Matrix product of 2-D or batched 3-D operands (a 2-D operand broadcasts over the batch). */
export const MATMUL_OPS: { [P in 'matmul']: OpDef<OpAttrs[P]> } = {
  matmul: {
    forward([a, b], { transA, transB }, ctx) {
      const as = a!.shape;
      const bs = b!.shape;
      const bad = (why: string) =>
        new Error(`matmul: shapes ${fmtShape(as)} and ${fmtShape(bs)} are incompatible: ${why}.`);
      if (as.length < 2 || as.length > 3 || bs.length < 2 || bs.length > 3) {
        throw bad('both operands must be 2-D or 3-D');
      }
      const r = as.length;
      const M = transA ? as[r - 1]! : as[r - 2]!;
      const K = transA ? as[r - 2]! : as[r - 1]!;
      const rb = bs.length;
      const Kb = transB ? bs[rb - 1]! : bs[rb - 2]!;
      const N = transB ? bs[rb - 2]! : bs[rb - 1]!;
      if (K !== Kb) throw bad(`inner dims ${K} and ${Kb} differ`);
      const Ba = as.length === 3 ? as[0]! : 1;
      const Bb = bs.length === 3 ? bs[0]! : 1;
      if (Ba !== Bb && Ba !== 1 && Bb !== 1) throw bad(`batch sizes ${Ba} and ${Bb} differ`);
      const B = Math.max(Ba, Bb);
      const batched = as.length === 3 || bs.length === 3;
      if (a!.dtype !== b!.dtype)
        throw new Error(`matmul: dtypes ${a!.dtype} and ${b!.dtype} differ; cast one first.`);
      const out = ctx.empty(batched ? [B, M, N] : [M, N], a!.dtype);
      ctx.backend.kernels.matmul(
        as3d(a!),
        as3d(b!),
        { dataId: out.dataId, dtype: out.dtype, shape: [B, M, N] },
        transA,
        transB,
      );
      return out;
    },
    backward(dy, { inputs, attrs, needsGrad }) {
      const [a, b] = inputs as [Tensor, Tensor];
      const { transA: tA, transB: tB } = attrs;
      let da: Tensor | null = null;
      let db: Tensor | null = null;
      if (needsGrad[0]) {
        // d op(A) = dC @ op(B)^T; stored transposed: dA = op(B) @ dC^T.
        da = tA ? mm(b, tB, dy, true) : mm(dy, false, b, !tB);
      }
      if (needsGrad[1]) {
        if (b.shape.length === 2 && a.shape.length === 3) {
          // A 2-D weight shared across the batch: fold the batch into rows instead of summing B products.
          const a2 = tA ? null : a.reshape([a.shape[0]! * a.shape[1]!, a.shape[2]!]);
          const d2 = dy.reshape([dy.shape[0]! * dy.shape[1]!, dy.shape[2]!]);
          if (a2) db = tB ? mm(d2, true, a2, false) : mm(a2, true, d2, false);
        }
        // d op(B) = op(A)^T @ dC; stored transposed: dB = dC^T @ op(A).
        db ??= tB ? mm(dy, true, a, tA) : mm(a, !tA, dy, false);
      }
      return [da, db];
    },
  },
};
