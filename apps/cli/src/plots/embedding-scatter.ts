import { axes, escapeXml, linearScale, MARGIN, niceTicks } from './svg.js';

const SIZE = 560;

/**
 * The lecture's scatter of 2-D character embeddings: one point per token, labelled with it.
 *
 * @param points - (V × 2) row-major coordinates
 * @param labels - the token of each row
 * @param title - the chart's title
 * @returns a standalone SVG document
 */
export function embeddingScatterSvg(
  points: ArrayLike<number>,
  labels: readonly string[],
  title: string,
): string {
  const xs = labels.map((_, i) => points[2 * i]!);
  const ys = labels.map((_, i) => points[2 * i + 1]!);
  const pad = (lo: number, hi: number): [number, number] => [lo - (hi - lo) * 0.08, hi + (hi - lo) * 0.08];
  const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
  const x = linearScale([x0, x1], [MARGIN.left, SIZE - MARGIN.right]);
  const y = linearScale([y0, y1], [SIZE - MARGIN.bottom, MARGIN.top]);
  const marks = labels
    .map(
      (label, i) =>
        `<circle cx="${x(xs[i]!).toFixed(1)}" cy="${y(ys[i]!).toFixed(1)}" r="11" fill="#6a51a3" fill-opacity="0.85"/>` +
        `<text x="${x(xs[i]!).toFixed(1)}" y="${(y(ys[i]!) + 4).toFixed(1)}" text-anchor="middle" font-size="11" fill="white">${escapeXml(label)}</text>`,
    )
    .join('\n');
  const frame = axes({
    width: SIZE,
    height: SIZE,
    title,
    xLabel: 'dimension 0',
    yLabel: 'dimension 1',
    xTicks: niceTicks(x0, x1),
    yTicks: niceTicks(y0, y1),
    x,
    y,
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" font-family="sans-serif">\n${frame}\n${marks}\n</svg>\n`;
}
