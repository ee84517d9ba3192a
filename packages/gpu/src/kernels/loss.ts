import { type Kernels, sizeOf, type TensorInfo } from '@makemore/tensor';
import { lit } from '../codegen.js';
import type { DeviceValue, Runtime } from '../runtime.js';
import { assignTo, buf, launchInto, launchOf, perElement, withTemps } from './launch.js';
import { reduceRows } from './reduce.js';

/** (1): how many targets are not `ignoreIndex`. */
function countKept(rt: Runtime, targets: TensorInfo, n: number, ignoreIndex: number): DeviceValue {
  const body = `return tg[this.thread.x] === ${lit(ignoreIndex)} ? 0.0 : 1.0;`;
  return withTemps(rt, (temp) => {
    const mask = temp(rt.launch(launchOf('crossEntropy', { tg: buf(targets) }, body, n)));
    return reduceRows(rt, mask, 1, n, 'sum');
  });
}

/** Throws on a target outside `[0, C)` that is not `ignoreIndex` (a kernel cannot throw). */
function checkTargets(rt: Runtime, targets: TensorInfo, C: number, ignoreIndex: number): void {
  for (const target of rt.readFloats(buf(targets))) {
    if (target !== ignoreIndex && !(target >= 0 && target < C)) {
      throw new Error(
        `crossEntropy: target ${target} is out of range for ${C} classes (ignoreIndex is ${ignoreIndex}).`,
      );
    }
  }
}

/** The cross-entropy kernels: the loss (keeping the probabilities) and its gradient. */
export function lossKernels(rt: Runtime): Pick<Kernels, 'crossEntropy' | 'crossEntropyGrad'> {
  return {
    crossEntropy(logits, targets, probs, loss, ignoreIndex, reduction) {
      const C = logits.shape[logits.shape.length - 1]!;
      const N = sizeOf(targets.shape);
      checkTargets(rt, targets, C, ignoreIndex);
      withTemps(rt, (temp) => {
        // (N): log-sum-exp of each row, max-shifted
        const lseBody = [
          `const base = this.thread.x * ${lit(C)};`,
          'let m = x[base];',
          `for (let c = 1; c < ${C}; c++) { m = Math.max(m, x[base + c]); }`,
          'let s = 0.0;',
          `for (let c = 0; c < ${C}; c++) { s += Math.exp(x[base + c] - m); }`,
          'return m + Math.log(s);',
        ].join('\n');
        const lse = temp(rt.launch(launchOf('crossEntropy', { x: buf(logits) }, lseBody, N, C)));
        // (N, C): probabilities, kept for the gradient
        const pBody = ['return Math.exp(x[i] - lse[c0]);'];
        launchInto(
          rt,
          probs,
          perElement({ op: 'crossEntropy', inputs: { x: buf(logits), lse }, shape: [N, C], body: pBody }),
        );
        // (N): per-row loss, 0 on ignored rows
        const rowBody = [
          'const n = this.thread.x;',
          'const t = tg[n];',
          `if (t === ${lit(ignoreIndex)}) { return 0.0; }`,
          `return lse[n] - x[n * ${lit(C)} + t];`,
        ].join('\n');
        const rowInputs = { x: buf(logits), lse, tg: buf(targets) };
        const rows = rt.launch(launchOf('crossEntropy', rowInputs, rowBody, N));
        if (reduction === 'none') {
          assignTo(rt, loss, rows);
          return;
        }
        const total = reduceRows(rt, temp(rows), 1, N, 'sum');
        if (reduction === 'sum') {
          assignTo(rt, loss, total);
          return;
        }
        const count = temp(countKept(rt, targets, N, ignoreIndex));
        const mean = launchOf('crossEntropy', { s: temp(total), n: count }, 'return s[0] / n[0];', 1);
        launchInto(rt, loss, mean);
      });
    },

    crossEntropyGrad(probs, targets, dy, out, ignoreIndex, reduction) {
      const C = probs.shape[probs.shape.length - 1]!;
      const N = sizeOf(targets.shape);
      const scale = reduction === 'none' ? 'g[c0]' : reduction === 'mean' ? 'g[0] / cnt[0]' : 'g[0]';
      const body = [
        'const t = tg[c0];',
        `if (t === ${lit(ignoreIndex)}) { return 0.0; }`,
        `const sc = ${scale};`,
        'return sc * (p[i] - (t === c1 ? 1.0 : 0.0));',
      ];
      withTemps(rt, (temp) => {
        const cnt = temp(
          reduction === 'mean' ? countKept(rt, targets, N, ignoreIndex) : new Float32Array([1]),
        );
        const inputs = { p: buf(probs), tg: buf(targets), g: buf(dy), cnt };
        launchInto(rt, out, perElement({ op: 'crossEntropyGrad', inputs, shape: [N, C], body }));
      });
    },
  };
}
