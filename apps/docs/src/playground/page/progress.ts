import type { NoveltyStatus } from '@makemore/sampling';

/**
 * A duration for the progress line: `42 s`, `3 min 5 s`, `1 h 2 min`.
 *
 * @param seconds - the duration; not finite (no speed yet) gives `…`
 * @returns the duration in words
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '…';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * The mark next to a sample: `new`, or the split it comes from (`in train`, `in val`, `in test`).
 *
 * @param status - the novelty report's status of the sample
 * @returns the mark
 */
export function noveltyMark(status: NoveltyStatus): string {
  return status === 'new' ? 'new' : `in ${status}`;
}
