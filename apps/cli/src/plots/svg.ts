/** Escapes text for use inside SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** A linear map from a data interval onto a pixel interval. */
export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const span = d1 - d0 || 1;
  return (value) => range[0] + ((value - d0) / span) * (range[1] - range[0]);
}

/**
 * About `count` round tick values covering [min, max] (1, 2 or 5 times a power of ten apart).
 *
 * @param min - lower end
 * @param max - upper end
 * @param count - roughly how many ticks
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Plot area margins, in pixels. */
export const MARGIN = { left: 60, right: 20, top: 36, bottom: 48 };

/**
 * The frame of a chart: title, axes with ticks and labels, and a clip of the plot area.
 *
 * @returns the SVG elements as a string
 */
export function axes(options: {
  width: number;
  height: number;
  title: string;
  xLabel: string;
  yLabel: string;
  xTicks: number[];
  yTicks: number[];
  x: (value: number) => number;
  y: (value: number) => number;
}): string {
  const { width, height, x, y } = options;
  const bottom = height - MARGIN.bottom;
  const parts = [
    `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${bottom}" x2="${width - MARGIN.right}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#333"/>`,
    `<text x="${width / 2}" y="${height - 10}" text-anchor="middle" font-size="12">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${height / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(options.yLabel)}</text>`,
  ];
  for (const t of options.xTicks) {
    parts.push(
      `<line x1="${x(t)}" y1="${bottom}" x2="${x(t)}" y2="${bottom + 4}" stroke="#333"/>`,
      `<text x="${x(t)}" y="${bottom + 16}" text-anchor="middle" font-size="10">${t.toLocaleString('en-US')}</text>`,
    );
  }
  for (const t of options.yTicks) {
    parts.push(
      `<line x1="${MARGIN.left - 4}" y1="${y(t)}" x2="${width - MARGIN.right}" y2="${y(t)}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(t) + 3}" text-anchor="end" font-size="10">${t}</text>`,
    );
  }
  return parts.join('\n');
}
