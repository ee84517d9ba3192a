import type { TrainingState } from '@makemore/train';
import { axes, linearScale, MARGIN, niceTicks } from './svg.js';

const WIDTH = 720;
const HEIGHT = 420;

function polyline(points: Array<[number, number]>, color: string, width: number, opacity = 1): string {
  const d = points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  return `<polyline points="${d}" fill="none" stroke="${color}" stroke-width="${width}" stroke-opacity="${opacity}"/>`;
}

/**
 * The loss curve of a training run as an SVG: the training batches' loss (light) and the train and
 * val losses at each evaluation (bold), against the step.
 *
 * @param history - the run's history from training-state.json
 * @param title - the chart's title
 * @returns a standalone SVG document
 */
export function lossCurveSvg(history: TrainingState['history'], title: string): string {
  const evals = history.evals;
  const values = [
    ...history.losses.map(([, loss]) => loss),
    ...evals.flatMap((e) => [e.train, e.val ?? e.train]),
  ].filter(Number.isFinite);
  const steps = [...history.losses.map(([step]) => step), ...evals.map((e) => e.step)];
  const maxStep = Math.max(1, ...steps);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const x = linearScale([0, maxStep], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale([low, high], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const series = [
    polyline(
      history.losses.filter(([, l]) => Number.isFinite(l)).map(([s, l]) => [x(s), y(l)]),
      '#9ecae1',
      1,
    ),
    polyline(
      evals.map((e) => [x(e.step), y(e.train)]),
      '#08519c',
      2.5,
    ),
    polyline(
      evals.filter((e) => e.val !== null).map((e) => [x(e.step), y(e.val!)]),
      '#e6550d',
      2.5,
    ),
  ];
  const legend = [
    ['batch loss', '#9ecae1'],
    ['train', '#08519c'],
    ['val', '#e6550d'],
  ]
    .map(
      ([label, color], i) =>
        `<rect x="${WIDTH - 150}" y="${MARGIN.top + 8 + i * 18}" width="14" height="4" fill="${color}"/>` +
        `<text x="${WIDTH - 130}" y="${MARGIN.top + 13 + i * 18}" font-size="11">${label}</text>`,
    )
    .join('\n');
  const frame = axes({
    width: WIDTH,
    height: HEIGHT,
    title,
    xLabel: 'step',
    yLabel: 'loss (average NLL per token)',
    xTicks: niceTicks(0, maxStep),
    yTicks: niceTicks(low, high),
    x,
    y,
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">\n${frame}\n${series.join('\n')}\n${legend}\n</svg>\n`;
}
