import { type Kernels, sizeOf } from '@makemore/tensor';
import { lit } from '../codegen.js';
import type { Runtime } from '../runtime.js';
import { buf, launchInto, perElement } from './launch.js';

/** The matmul kernel: one thread per output element, the transposes read as strides. */
export function matmulKernels(rt: Runtime): Pick<Kernels, 'matmul'> {
  return {
    matmul(a, b, out, transA, transB) {
      const [B, M, N] = out.shape as [number, number, number];
      const K = transA ? a.shape[1]! : a.shape[2]!;
      const aBatch = a.shape[0] === 1 ? 0 : M * K;
      const bBatch = b.shape[0] === 1 ? 0 : K * N;
      // (b, m, n) -> a[b, m, k] and b[b, k, n] with the transposes read as strides
      const aOff = `c0 * ${lit(aBatch)} + ${transA ? 'c1' : `c1 * ${lit(K)}`}`;
      const aK = transA ? lit(M) : '1.0';
      const bOff = `c0 * ${lit(bBatch)} + ${transB ? `c2 * ${lit(K)}` : 'c2'}`;
      const bK = transB ? '1.0' : lit(N);
      const body = [
        `const ao = ${aOff};`,
        `const bo = ${bOff};`,
        'let s = 0.0;',
        `for (let k = 0; k < ${K}; k++) {\ns += a[ao + k * ${aK}] * b[bo + k * ${bK}];\n}`,
        'return s;',
      ];
      rt.checkSize('matmul', sizeOf(a.shape));
      rt.checkSize('matmul', sizeOf(b.shape));
      const inputs = { a: buf(a), b: buf(b) };
      launchInto(rt, out, perElement({ op: 'matmul', inputs, shape: [B, M, N], body, loop: K }));
    },
  };
}
