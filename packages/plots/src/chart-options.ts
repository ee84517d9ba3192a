/** What every chart function of this package lets the caller change. */
export interface ChartOptions {
  /** The chart's title; each chart has a default naming the model and what is drawn. */
  title?: string | undefined;
  /** Width of the plotting area in pixels (the SVG adds axes and legend around it). */
  width?: number | undefined;
  /** Height of the plotting area in pixels. */
  height?: number | undefined;
}
