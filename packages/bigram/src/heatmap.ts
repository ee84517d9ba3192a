import { codePointLabel, DataError } from '@makemore/data';
import { bluesColor, DARK_TEXT, hexColor, prefersDarkText } from './blues.js';
import type { BigramCounts } from './counts.js';

/** Options of {@link heatmapSvg}. */
export interface HeatmapOptions {
  /** Side of one cell in pixels; default 44. The font scales with it. */
  cellSize?: number | undefined;
}

/**
 * Draws the count table as the lecture does with `plt.imshow(N, cmap='Blues')`: one square per bigram,
 * row = previous token, column = next token, shaded from near-white (0) to dark blue (the largest
 * count), labelled with the bigram on one line and its count on the next, in white or dark text,
 * whichever reads better on the cell. Hovering a cell in a browser shows the same as a tooltip.
 *
 * In the split layout the boundary tokens are labelled `<S>` and `<E>` so that the labels fit the
 * cells. The result is a standalone SVG document (save it as `.svg` and open it in a browser).
 *
 * @param counts - the table to draw.
 * @param options - see {@link HeatmapOptions}.
 * @returns the SVG text.
 * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` if `cellSize` is not a positive finite number.
 *
 * @example
 * ```ts
 * const svg = heatmapSvg(BigramCounts.fromItems(items, vocab));
 * await writeFile('bigrams.svg', svg); // in Node
 * ```
 */
export function heatmapSvg(counts: BigramCounts, options: HeatmapOptions = {}): string {
  const cellSize = options.cellSize ?? 44;
  if (typeof cellSize !== 'number' || !Number.isFinite(cellSize) || cellSize <= 0) {
    throw new DataError(
      'BAD_ARGUMENT',
      `The cell size must be a positive number of pixels, not ${cellSize}.`,
    );
  }
  const { vocab } = counts;
  const size = vocab.size;
  const side = round(size * cellSize);
  let max = 0;
  for (const count of counts.counts) max = Math.max(max, count);
  const names = vocab.itos.map((_, id) => shortName(counts, id));
  const fontSize = round(cellSize * 0.24);
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 ${side} ${side}" role="img" aria-label="Bigram counts">`,
    `<title>Bigram counts: ${size}×${size} tokens, ${counts.total} bigrams</title>`,
    `<g font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="${fontSize}" text-anchor="middle">`,
  ];
  for (let prev = 0; prev < size; prev++) {
    for (let next = 0; next < size; next++) {
      const count = counts.counts[prev * size + next]!;
      const background = bluesColor(max === 0 ? 0 : count / max);
      const text = hexColor(prefersDarkText(background) ? DARK_TEXT : [255, 255, 255]);
      const x = round(next * cellSize);
      const y = round(prev * cellSize);
      const label = escapeXml(`${names[prev]}${names[next]}`);
      const centre = round(x + cellSize / 2);
      parts.push(
        `<g><title>${escapeXml(`${names[prev]} → ${names[next]}: ${count}`)}</title>` +
          `<rect x="${x}" y="${y}" width="${round(cellSize)}" height="${round(cellSize)}" fill="${hexColor(background)}"/>` +
          `<text x="${centre}" y="${round(y + cellSize * 0.44)}" fill="${text}">${label}</text>` +
          `<text x="${centre}" y="${round(y + cellSize * 0.78)}" fill="${text}">${count}</text></g>`,
      );
    }
  }
  parts.push('</g>', '</svg>', '');
  return parts.join('\n');
}

/** A short, printable name for a token: boundary tokens abbreviated, unprintable characters as U+XXXX. */
function shortName(counts: BigramCounts, id: number): string {
  const { vocab } = counts;
  if (vocab.layout === 'split' && id === vocab.startId) return '<S>';
  if (vocab.layout === 'split' && id === vocab.endId) return '<E>';
  const char = vocab.itos[id]!;
  const codePoint = char.codePointAt(0)!;
  // XML 1.0 cannot carry control characters even escaped, and a lone space would be invisible.
  const printable = !/^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}]$/u.test(char);
  return printable ? char : codePointLabel(codePoint);
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** Keeps coordinates short in the file: at most two decimals. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
