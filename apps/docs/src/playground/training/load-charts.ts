/** The page's chart module, once asked for. */
let charts: Promise<typeof import('./diagnostics-charts.js')> | undefined;

/**
 * The playground's charts (`diagnostics-charts.ts`, with @makemore/plots and vega), imported on the
 * first call, so the page's first load leaves them out, and shared by every panel that draws.
 *
 * @returns the module
 */
export function loadCharts(): Promise<typeof import('./diagnostics-charts.js')> {
  charts ??= import('./diagnostics-charts.js');
  return charts;
}
