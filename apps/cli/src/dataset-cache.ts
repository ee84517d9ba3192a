import envPaths from 'env-paths';

/**
 * The directory downloaded datasets are cached in: `MAKEMORE_CACHE_DIR` when set, else the
 * platform's user cache directory (e.g. `~/.cache/makemore` on Linux).
 *
 * @param env - the process environment
 * @returns an absolute or cwd-relative directory path
 */
export function cacheDirectory(env: NodeJS.ProcessEnv): string {
  return env['MAKEMORE_CACHE_DIR'] || envPaths('makemore', { suffix: '' }).cache;
}
