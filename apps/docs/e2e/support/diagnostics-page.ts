import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Steps the playground's e2e tests take with its learning-rate finder and its Diagnostics panel.

/** What a finished sweep shows. */
export interface FinishedSweep {
  /** The suggested rate as the page writes it (two significant digits); NaN when there is none. */
  suggestion: number;
  /** Points drawn on the chart (the sweep's, once it is finished). */
  points: number;
  /** Why it ended: `done`, `blow-up` or `cancelled`. */
  stopped: string;
}

/**
 * Runs the learning-rate finder of the model section over `steps` steps (its default range) and
 * waits for its result, failing on the error the page shows.
 *
 * @param page - the playground, a neural model picked
 * @param steps - the sweep's steps
 * @param timeout - how long it may take, in ms
 */
export async function findLearningRate(page: Page, steps: number, timeout: number): Promise<FinishedSweep> {
  await page.getByTestId('lr-find-steps').fill(String(steps));
  await page.getByTestId('lr-find').click();
  await expect.poll(() => page.getByTestId('lr-finder').getAttribute('data-state'), { timeout }).toBe('idle');
  const error = page.getByTestId('lr-find-error');
  expect(await error.count(), (await error.count()) > 0 ? ((await error.textContent()) ?? '') : '').toBe(0);
  const result = page.getByTestId('lr-find-result');
  await result.waitFor({ timeout });
  // The chart is drawn after the result arrives (vega takes a moment): wait for the finished sweep's.
  const chart = page.getByTestId('lr-find-chart');
  await expect.poll(() => chart.getAttribute('data-final'), { timeout }).toBe('true');
  return {
    suggestion: Number((await result.getAttribute('data-suggestion')) || Number.NaN),
    points: Number(await chart.getAttribute('data-points')),
    stopped: (await result.getAttribute('data-stopped')) ?? '',
  };
}

/** One histogram chart of the Diagnostics panel. */
export interface HistogramChart {
  /** Lines the page says it drew (one per layer shown). */
  series: number;
  /** Entries of the SVG's legend: each line's label. */
  legend: string[];
}

/**
 * Reads a histogram chart of the Diagnostics panel.
 *
 * @param page - the playground, after a run with diagnostics
 * @param testid - `diagnostics-activations` or `diagnostics-gradients`
 */
export async function histogramChart(page: Page, testid: string): Promise<HistogramChart> {
  const chart = page.getByTestId(testid);
  expect(await chart.locator('svg').count()).toBe(1);
  return {
    series: Number(await chart.getAttribute('data-series')),
    legend: await chart.locator('.role-legend-label text').allTextContents(),
  };
}
