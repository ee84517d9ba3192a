// Hand-written SVG for the playground's charts: small, dependency-free, and rendered with v-html.
// Issue #18 moves the charts to a plotting library; until then these stay deliberately simple.

/** One line of a {@link lossCurvesSvg} chart. */
export interface ChartSeries {
  /** Shown in the legend and as the line's `data-series` attribute. */
  name: string;
  /** Points in step order: `[step, loss]`. */
  points: readonly (readonly [number, number])[];
  /** Stroke colour. */
  color: string;
  /** Draws each point as a dot too: evaluations are few, and one alone would draw no line. */
  dots?: boolean;
}

/** A horizontal line across a {@link lossCurvesSvg} chart, such as the lecture's loss. */
export interface ChartReference {
  /** Its label, drawn above the line. */
  label: string;
  /** The loss it marks. */
  value: number;
}

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The exponential moving average of a curve, as loss plots smooth a noisy mini-batch loss; the first
 * value starts the average, so the curve starts where the losses do.
 *
 * @param values - one value per step
 * @param weight - how much of the previous average each step keeps, in [0, 1)
 * @returns the smoothed values, as many as given
 */
export function smoothed(values: readonly number[], weight = 0.9): number[] {
  const out: number[] = [];
  let average: number | undefined;
  for (const v of values) {
    average = average === undefined || !Number.isFinite(average) ? v : weight * average + (1 - weight) * v;
    out.push(average);
  }
  return out;
}

/**
 * Every `stride`-th point of a long curve, the last one always included: an SVG polyline of a few
 * hundred points draws as fast as the page needs, a 10,000-point one does not.
 *
 * @param points - the curve
 * @param most - how many points to keep at most
 * @returns the thinned curve
 */
export function thinned<T>(points: readonly T[], most = 400): T[] {
  if (points.length <= most) return [...points];
  const stride = Math.ceil(points.length / most);
  const kept = points.filter((_, i) => i % stride === 0);
  if ((points.length - 1) % stride !== 0) kept.push(points[points.length - 1] as T);
  return kept;
}

/**
 * A chart of losses against steps, as a standalone SVG: any number of series on the same axes (the
 * smoothed mini-batch loss, the evaluations' train and val losses), a legend, and optional reference
 * lines (the lecture's loss).
 *
 * @param series - the lines; empty ones are left out
 * @param options - size, the steps the x axis spans (the run's length, so the curve grows into it) and
 *   reference lines
 * @returns the SVG markup
 */
export function lossCurvesSvg(
  series: readonly ChartSeries[],
  options: { width?: number; height?: number; steps?: number; references?: readonly ChartReference[] } = {},
): string {
  const { width = 560, height = 240, references = [] } = options;
  const pad = { left: 44, right: 12, top: 12, bottom: 30 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const drawn = series.filter((s) => s.points.length > 0);
  const all = drawn.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const values = [...all.map(([, y]) => y), ...references.map((r) => r.value)];
  const max = values.length > 0 ? Math.max(...values) : 1;
  const min = values.length > 0 ? Math.min(0, ...values) : 0;
  const lastStep = Math.max(options.steps ?? 0, ...all.map(([x]) => x), 1);
  const x = (step: number) => pad.left + (step / lastStep) * w;
  const y = (v: number) => pad.top + h - ((v - min) / (max - min || 1)) * h;
  const ticks = [min, (min + max) / 2, max]
    .map(
      (v) =>
        `<text x="${pad.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${v.toFixed(1)}</text>`,
    )
    .join('');
  const lines = drawn.map((s) => {
    const finite = s.points.filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py));
    const coords = finite.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`);
    const dots = s.dots
      ? finite
          .map(
            ([px, py]) =>
              `<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="3" fill="${s.color}"/>`,
          )
          .join('')
      : '';
    return `<g data-series="${escapeXml(s.name)}"><polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${coords.join(' ')}"/>${dots}</g>`;
  });
  const refs = references.map(
    (r) =>
      `<g data-reference="${r.value}"><line x1="${pad.left}" x2="${pad.left + w}" y1="${y(r.value).toFixed(1)}" y2="${y(r.value).toFixed(1)}" stroke="currentColor" stroke-dasharray="4 3" stroke-opacity="0.6"/>` +
      `<text x="${pad.left + w - 4}" y="${(y(r.value) - 4).toFixed(1)}" text-anchor="end" font-size="11">${escapeXml(r.label)}</text></g>`,
  );
  const legend = drawn.map(
    (s, i) =>
      `<g transform="translate(${pad.left + 8 + i * 150},${pad.top + 14})"><rect width="12" height="3" y="-4" fill="${s.color}"/><text x="16" font-size="11">${escapeXml(s.name)}</text></g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="Loss per step">`,
    `<rect x="${pad.left}" y="${pad.top}" width="${w}" height="${h}" fill="none" stroke="currentColor" stroke-opacity="0.3"/>`,
    ticks,
    `<text x="${pad.left + w / 2}" y="${height - 8}" text-anchor="middle" font-size="11">step (of ${lastStep})</text>`,
    ...refs,
    ...lines,
    ...legend,
    '</svg>',
  ].join('');
}
