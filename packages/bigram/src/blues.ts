/**
 * Matplotlib's `Blues` colormap (ColorBrewer's 9-class Blues, evenly spaced, linearly interpolated),
 * the one the lecture's `plt.imshow(N, cmap='Blues')` uses.
 */
const BLUES: readonly (readonly [number, number, number])[] = [
  [0xf7, 0xfb, 0xff],
  [0xde, 0xeb, 0xf7],
  [0xc6, 0xdb, 0xef],
  [0x9e, 0xca, 0xe1],
  [0x6b, 0xae, 0xd6],
  [0x42, 0x92, 0xc6],
  [0x21, 0x71, 0xb5],
  [0x08, 0x51, 0x9c],
  [0x08, 0x30, 0x6b],
];

/**
 * The colour of `t` in the Blues colormap, from near-white at 0 to dark navy at 1.
 *
 * @param t - a value in [0, 1]; clamped.
 * @returns the colour as `[r, g, b]`, each 0–255.
 */
export function bluesColor(t: number): [number, number, number] {
  const clamped = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
  const position = clamped * (BLUES.length - 1);
  const index = Math.min(BLUES.length - 2, Math.floor(position));
  const f = position - index;
  const a = BLUES[index]!;
  const b = BLUES[index + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as [number, number, number];
}

/** `#rrggbb` of an `[r, g, b]` colour. */
export function hexColor([r, g, b]: readonly [number, number, number]): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Whether dark text reads better than white on this background, by WCAG contrast ratio.
 */
export function prefersDarkText(background: readonly [number, number, number]): boolean {
  const luminance = relativeLuminance(background);
  const contrastWithWhite = 1.05 / (luminance + 0.05);
  const contrastWithDark = (luminance + 0.05) / (relativeLuminance(DARK_TEXT) + 0.05);
  return contrastWithDark >= contrastWithWhite;
}

/** The dark text colour: a near-black navy that matches the map. */
export const DARK_TEXT: readonly [number, number, number] = [0x1a, 0x23, 0x33];

function relativeLuminance(rgb: readonly [number, number, number]): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
