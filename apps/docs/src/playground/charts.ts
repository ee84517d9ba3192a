import type { EmbeddingPoint } from './mlp.js';

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A line chart of the loss per step, as a standalone SVG.
 *
 * @param losses - one value per step
 * @param width - in pixels
 * @param height - in pixels
 * @returns the SVG markup
 */
export function lossChartSvg(losses: readonly number[], width = 480, height = 220): string {
  const pad = { left: 44, right: 10, top: 10, bottom: 28 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const finite = losses.filter(Number.isFinite);
  const max = finite.length > 0 ? Math.max(...finite) : 1;
  const min = finite.length > 0 ? Math.min(0, ...finite) : 0;
  const x = (i: number) => pad.left + (losses.length > 1 ? (i / (losses.length - 1)) * w : 0);
  const y = (v: number) => pad.top + h - ((v - min) / (max - min || 1)) * h;
  const points = losses.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const ticks = [min, (min + max) / 2, max]
    .map(
      (v) =>
        `<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(1)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="Training loss per step">`,
    `<rect x="${pad.left}" y="${pad.top}" width="${w}" height="${h}" fill="none" stroke="currentColor" stroke-opacity="0.3"/>`,
    ticks,
    `<text x="${pad.left + w / 2}" y="${height - 6}" text-anchor="middle" font-size="11">step (${losses.length})</text>`,
    losses.length > 0 ? `<polyline fill="none" stroke="#3451b2" stroke-width="1.5" points="${points}"/>` : '',
    '</svg>',
  ].join('');
}

/**
 * The lecture's scatter plot of 2-D character embeddings, each point labelled with its character.
 *
 * @param points - one per character
 * @param size - width and height in pixels
 * @returns the SVG markup
 */
export function embeddingScatterSvg(points: readonly EmbeddingPoint[], size = 320): string {
  const pad = 16;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (v: number) => pad + ((v - x0) / (x1 - x0 || 1)) * (size - 2 * pad);
  const sy = (v: number) => size - pad - ((v - y0) / (y1 - y0 || 1)) * (size - 2 * pad);
  const dots = points
    .map(
      (p) =>
        `<g><circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="9" fill="#3451b2"/>` +
        `<text x="${sx(p.x).toFixed(1)}" y="${(sy(p.y) + 4).toFixed(1)}" text-anchor="middle" font-size="11" fill="white">${escapeXml(p.label)}</text></g>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="Character embeddings">${dots}</svg>`;
}
