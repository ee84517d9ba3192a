import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Steps the playground's e2e tests take on the page, by the panels' data-testid attributes.

/** How soon a keystroke's effect must show while a model trains in the worker. */
export const RESPONSIVE_MS = 2_000;

/** A finished run, as the Train panel's final line reports it. */
export interface FinishedRun {
  /** Mean training loss of the final evaluation. */
  train: number;
  /** Mean validation loss of the final evaluation (NaN where the split has no val). */
  val: number;
  /** Steps taken (fewer than the recipe's after Stop). */
  steps: number;
}

/**
 * Sets the recipe of a neural model: `steps` steps, evaluated every `evalEvery`.
 *
 * @param page - the playground
 * @param steps - the recipe's steps
 * @param evalEvery - the evaluation interval
 */
export async function setRecipe(page: Page, steps: number, evalEvery: number): Promise<void> {
  await page.getByTestId('recipe-steps').fill(String(steps));
  await page.getByTestId('recipe-eval-every').fill(String(evalEvery));
}

/**
 * Clicks Train and waits for the run's final line (its last step, or Stop), failing on the error the
 * page shows.
 *
 * @param page - the playground
 * @param timeout - how long the run may take, in ms
 * @returns the final line's losses and steps
 */
export async function trainAndWait(page: Page, timeout: number): Promise<FinishedRun> {
  await page.getByTestId('train').click();
  await expect
    .poll(() => page.getByTestId('train-state').getAttribute('data-state'), { timeout })
    .toBe('idle');
  const error = page.getByTestId('train-error');
  expect(await error.count(), (await error.count()) > 0 ? ((await error.textContent()) ?? '') : '').toBe(0);
  const final = page.getByTestId('final');
  await final.waitFor({ timeout });
  return {
    train: Number(await final.getAttribute('data-train')),
    val: Number(await final.getAttribute('data-val')),
    steps: Number(await final.getAttribute('data-steps')),
  };
}

/**
 * Types a word into the score box and measures how long its score row takes to show.
 *
 * @param page - the playground, with a model loaded
 * @param word - the word to score
 * @returns the milliseconds from typing to the row
 */
export async function typeAndSeeScore(page: Page, word: string): Promise<number> {
  const started = Date.now();
  await page.getByTestId('score-input').fill(word);
  await page
    .locator(`[data-testid="score-row"][data-item="${word}"]`)
    .waitFor({ timeout: RESPONSIVE_MS * 5 });
  expect(await page.getByTestId('score-input').inputValue()).toBe(word);
  return Date.now() - started;
}

/**
 * The words of a sample list (`eval-samples`, `samples`), without their novelty marks; an empty
 * sample reads `(empty)`.
 *
 * @param page - the playground
 * @param testid - the list's data-testid
 */
export function sampleWords(page: Page, testid: string): Promise<string[]> {
  return page.getByTestId(testid).locator('li > span:first-child').allTextContents();
}

/**
 * Draws 20 samples with the Sample button from the page's current model.
 *
 * @param page - the playground, with a model loaded
 * @returns the samples' list items
 */
export async function sampleTwenty(page: Page): Promise<string[]> {
  await page.getByTestId('sample-count').fill('20');
  await page.getByTestId('sample').click();
  await expect.poll(() => page.getByTestId('samples').locator('li').count()).toBe(20);
  return page.getByTestId('samples').locator('li').allTextContents();
}

/**
 * Waits until the page's current model is a `model` and no load error shows.
 *
 * @param page - the playground
 * @param model - the model type the summary names (`gru`, `transformer`, ...)
 */
export async function expectModelLoaded(page: Page, model: string): Promise<void> {
  await expect.poll(() => page.getByTestId('model-summary').textContent()).toContain(`${model} model`);
  expect(await page.getByTestId('load-error').count()).toBe(0);
}

/** A file to drop on the page. */
export interface DroppedFile {
  /** Its name (a dropped file has no folder). */
  name: string;
  /** Its bytes. */
  bytes: Uint8Array;
}

/**
 * Drops `files` on the element `testid` as the browser would: a `dragover`, then a `drop` whose
 * `DataTransfer` holds the files, built in the page (a drop cannot carry files from outside it, and a
 * dropped folder cannot be built at all: a page cannot make `FileSystemEntry` objects).
 *
 * @param page - the page
 * @param testid - the drop zone's data-testid
 * @param files - the files to drop
 */
export async function dropFiles(page: Page, testid: string, files: readonly DroppedFile[]): Promise<void> {
  const encoded = files.map(({ name, bytes }) => ({ name, base64: Buffer.from(bytes).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const { name, base64 } of list)
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
    return transfer;
  }, encoded);
  const zone = page.getByTestId(testid);
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}
