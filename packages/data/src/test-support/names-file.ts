import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { decodeText } from '../decode-text.js';
import { parseItems } from '../parse-items.js';

/**
 * names.txt lives outside the repository (`../shared/data/names.txt` from the repository root) because
 * it must never be committed; this file is packages/data/src/test-support/names-file.ts, five levels down.
 */
export const NAMES_FILE_URL = new URL('../../../../../shared/data/names.txt', import.meta.url);

/** The contents of names.txt, as the golden tests use it. */
export interface NamesFile {
  /** The raw text. */
  text: string;
  /** The parsed items (32,033). */
  items: string[];
}

function readNamesFile(): NamesFile | undefined {
  if (!existsSync(NAMES_FILE_URL)) return undefined;
  const text = decodeText(readFileSync(NAMES_FILE_URL));
  return { text, items: parseItems(text).items };
}

/**
 * Declares a block of golden tests on names.txt. If the file is missing they are skipped with a note
 * outside CI, but in CI (`CI=true`) a failing test is registered instead, so that a missing file can
 * never turn the golden tests green by skipping them.
 */
export function describeWithNames(title: string, body: (names: NamesFile) => void): void {
  const names = readNamesFile();
  const path = fileURLToPath(NAMES_FILE_URL);
  if (names !== undefined) {
    describe(title, () => body(names));
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs names.txt', () => {
        throw new Error(
          `${path} is missing; CI must provide ../shared/data/names.txt next to the repository.`,
        );
      });
    });
  } else {
    console.warn(`Skipping "${title}": ${path} is missing (CI=true would fail instead).`);
    describe.skip(`${title} (skipped: ${path} is missing; put makemore's names.txt there to run them)`, () => {
      it('needs names.txt', () => {});
    });
  }
}
