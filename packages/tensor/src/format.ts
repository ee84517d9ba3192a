import type { DType, TypedArray } from './dtype.js';
import type { Shape } from './shape.js';

const EDGE = 3;
const THRESHOLD = 1000;

/** Indices shown along an axis of size `n`: all, or the first and last three around a gap (null). */
function shownIndices(n: number, summarize: boolean): (number | null)[] {
  if (!summarize || n <= 2 * EDGE) return Array.from({ length: n }, (_, i) => i);
  return [0, 1, 2, null, n - 3, n - 2, n - 1];
}

function sci(v: number): string {
  const [m, e] = v.toExponential(4).split('e') as [string, string];
  const sign = e.startsWith('-') ? '-' : '+';
  const digits = e.replace(/^[+-]/, '').padStart(2, '0');
  return `${m}e${sign}${digits}`;
}

function special(v: number): string | null {
  if (Number.isNaN(v)) return 'nan';
  if (v === Number.POSITIVE_INFINITY) return 'inf';
  if (v === Number.NEGATIVE_INFINITY) return '-inf';
  return null;
}

/** Picks PyTorch's number format for a set of values: integers, fixed 4 decimals, or scientific. */
function makeFormatter(values: number[], dtype: DType): (v: number) => string {
  if (dtype === 'int32') return (v) => String(v);
  const finite = values.filter((v) => Number.isFinite(v));
  const nonzero = finite.filter((v) => v !== 0).map(Math.abs);
  const allInt = finite.every((v) => Number.isInteger(v));
  const max = nonzero.length ? Math.max(...nonzero) : 0;
  const min = nonzero.length ? Math.min(...nonzero) : 0;
  let body: (v: number) => string;
  if (allInt) {
    body = max > 1e8 ? sci : (v) => `${v.toFixed(0)}.`;
  } else if (nonzero.length && (max / min > 1000 || max > 1e8 || min < 1e-4)) {
    body = sci;
  } else {
    body = (v) => v.toFixed(4);
  }
  return (v) => special(v) ?? body(Object.is(v, -0) ? 0 : v);
}

/**
 * Formats data like PyTorch's `repr`: `tensor([[ 1.0000, -2.0000], ...])`, right-aligned to a common
 * width, summarised with `...` beyond 1,000 elements, with `extras` (dtype, grad_fn) appended.
 */
export function formatTensor(
  values: TypedArray,
  shape: Shape,
  dtype: DType,
  extras: readonly string[],
): string {
  const size = values.length;
  const rank = shape.length;
  const summarize = size > THRESHOLD;
  const strides: number[] = new Array<number>(rank);
  let acc = 1;
  for (let i = rank - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= shape[i]!;
  }
  // Gather the values that will be shown, to pick the format and the column width.
  const shown: number[] = [];
  const walk = (axis: number, offset: number): void => {
    if (axis === rank) {
      shown.push(values[offset]!);
      return;
    }
    for (const i of shownIndices(shape[axis]!, summarize))
      if (i !== null) walk(axis + 1, offset + i * strides[axis]!);
  };
  if (size > 0) walk(0, 0);
  const fmt = makeFormatter(shown, dtype);
  const width = shown.reduce((w, v) => Math.max(w, fmt(v).length), 0);
  const cell = (v: number) => fmt(v).padStart(width);

  const render = (axis: number, offset: number): string => {
    if (axis === rank) return cell(values[offset]!);
    const parts = shownIndices(shape[axis]!, summarize).map((i) =>
      i === null
        ? axis === rank - 1
          ? '...'.padStart(width)
          : '...'
        : render(axis + 1, offset + i * strides[axis]!),
    );
    if (axis === rank - 1) return `[${parts.join(', ')}]`;
    const indent = ' '.repeat(8 + axis);
    const sep = `,${'\n'.repeat(rank - axis - 1)}${indent}`;
    return `[${parts.join(sep)}]`;
  };

  let body: string;
  if (size === 0) body = `[]`;
  else body = render(0, 0);
  const tail = extras.length ? `, ${extras.join(', ')}` : '';
  const shapeNote = size === 0 && rank > 1 ? `, size=(${shape.join(', ')})` : '';
  return `tensor(${body}${shapeNote}${tail})`;
}
