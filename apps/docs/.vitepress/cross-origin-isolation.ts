/**
 * The response headers that make the site cross-origin isolated, so the playground's training worker
 * gets SharedArrayBuffer and the CPU backend can use more than one thread. The site loads nothing
 * from other origins, so `require-corp` blocks nothing. Static hosts must send them too (configured
 * there); without them the playground trains on one thread.
 */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
