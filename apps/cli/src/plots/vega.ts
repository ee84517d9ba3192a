import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to a standalone SVG document, in Node as in a browser (vega draws SVG
 * without a DOM or a canvas). vega and vega-lite are imported here, on first use, so only the
 * commands that draw pay for loading them (about 0.2 s and 25 MB on disk).
 *
 * @param spec - the chart, data inline
 * @returns the SVG document
 */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Errors still throw; warnings (a spec's harmless quirks) would only clutter the command's output.
  const logger = vega.logger(vega.Error);
  const compiled = vegaLite.compile(spec, { logger });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}
