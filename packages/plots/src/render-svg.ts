import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite chart with its data inline, as every chart function of this package returns. */
export type ChartSpec = TopLevelSpec;

/** The Vega-Lite schema every chart names, so editors and the Vega editor recognise the spec. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Renders a Vega-Lite spec to a standalone SVG document, in Node as in a browser (vega draws SVG
 * without a DOM or a canvas). vega and vega-lite are imported here, on first use, so importing this
 * package costs nothing until something is drawn (loading them takes about 0.2 s).
 *
 * @param spec - the chart, data inline
 * @returns the SVG document, ending in a newline
 * @example
 * ```ts
 * const svg = await renderSvg(lrFindChart(result));
 * ```
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Errors still throw; warnings (a spec's harmless quirks) would only clutter a command's output.
  const logger = vega.logger(vega.Error);
  const compiled = vegaLite.compile(spec, { logger });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}
