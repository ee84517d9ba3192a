import { fingerprintItems } from '@makemore/data';
import type { DataInfo } from '@makemore/train';
import { loadItems, recordedSource } from '../data-source.js';
import { UsageError } from '../errors.js';
import { type CommandContext, countOf, formatCount } from '../output.js';
import { dropLongItems, findLongItems } from './long-items.js';

/** How training reads its data. */
export interface TrainingDataRequest {
  /** The `--data` value: a dataset name or a file path. */
  spec: string;
  /** Lower-case every item. */
  lowercase: boolean;
  /** Drop items longer than this many characters. */
  maxLength?: number;
  /** Warn about a few far longer items: the model takes its block size from the longest one. */
  warnLongItems: string | null;
}

/** The items training uses and what config.json records of them. */
export interface TrainingData {
  /** The items, after lower-casing and dropping long ones. */
  items: string[];
  /** The data as the user gave it (see {@link recordedSource}), the fingerprint and how it was read. */
  data: DataInfo;
}

/**
 * Loads the training items, drops those over `--max-length` (saying how many), warns when a few
 * items are far longer than the rest and the model would pay for them at every step, and describes
 * the data for config.json, so `--resume`, `sample` and `eval` can read it again the same way.
 *
 * @param request - what to read and how
 * @param context - streams and environment (notes and warnings go to stderr)
 */
export async function loadTrainingData(
  request: TrainingDataRequest,
  context: CommandContext,
): Promise<TrainingData> {
  const loaded = await loadItems(request.spec, {
    lowercase: request.lowercase,
    env: context.env,
    progressStream: context.stderr,
  });
  let items = loaded.items;
  if (request.maxLength !== undefined) {
    const kept = dropLongItems(items, request.maxLength);
    items = kept.items;
    if (kept.dropped > 0) {
      context.stderr.write(
        `note: dropped ${countOf(kept.dropped, 'item')} longer than ${countOf(request.maxLength, 'character')} (--max-length); ${formatCount(items.length)} remain.\n`,
      );
    }
    if (items.length === 0) {
      throw new UsageError(
        `Every item of ${request.spec} is longer than ${countOf(request.maxLength, 'character')}; raise --max-length.`,
      );
    }
  } else if (request.warnLongItems !== null) {
    const long = findLongItems(items);
    if (long !== null) {
      const them = long.count === 1 ? 'it' : 'them';
      context.stderr.write(
        `warning: ${countOf(long.count, 'item is', 'items are')} far longer than the rest (up to ${countOf(long.longest, 'character')}; 99% of the items have at most ${long.typical}). ` +
          `${request.warnLongItems} takes its block size from the longest item, so every step works on ${formatCount(long.longest + 1)} positions; ` +
          `drop ${them} with --max-length ${long.typical}.\n`,
      );
    }
  }
  return {
    items,
    data: {
      source: recordedSource(request.spec),
      fingerprint: await fingerprintItems(items),
      items: items.length,
      ...(request.lowercase ? { lowercase: true } : {}),
      ...(request.maxLength !== undefined ? { maxLength: request.maxLength } : {}),
    },
  };
}
