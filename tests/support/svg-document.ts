import { expect } from 'vitest';

/**
 * The element names of an XML document, in document order, checking on the way that every tag
 * closes in order (a well-formed tree): enough to tell a drawn SVG from a broken one without a parser.
 *
 * @param xml - the document
 */
export function svgElements(xml: string): string[] {
  const open: string[] = [];
  const seen: string[] = [];
  for (const [, close, name, selfClosing] of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (close) expect(open.pop()).toBe(name);
    else {
      seen.push(name!);
      if (!selfClosing) open.push(name!);
    }
  }
  expect(open).toEqual([]);
  return seen;
}

/**
 * The `d` of each path in a vega SVG's groups of marks named `marks` (a layered chart's layer `i` is
 * `layer_i_marks`; a one-layer chart's is `marks`): one path per drawn line or area. A line chart
 * colored by series draws one such group per series.
 *
 * @param svg - an SVG document vega rendered
 * @param marks - the mark group's name
 */
export function markPaths(svg: string, marks: string): string[] {
  const groups = svg.split(new RegExp(`class="mark-[a-z]+ role-mark ${marks}"`)).slice(1);
  return groups.flatMap((group) =>
    [...(group.split('</g>')[0] ?? '').matchAll(/<path[^>]* d="([^"]*)"/g)].map((m) => m[1]!),
  );
}

/**
 * The texts of a vega SVG's legend entries, in order.
 *
 * @param svg - an SVG document vega rendered
 */
export function legendLabels(svg: string): string[] {
  const groups = svg.split('class="mark-text role-legend-label"').slice(1);
  return groups.flatMap((group) =>
    [...(group.split('</g>')[0] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!),
  );
}
