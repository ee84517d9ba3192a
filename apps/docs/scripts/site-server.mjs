// The built site (apps/docs/.vitepress/dist) on localhost, for `pnpm docs:preview` (preview.mjs) and
// the e2e tests: VitePress's own preview server plus the cross-origin isolation headers, which its
// `serve()` does not send (it ignores vite's preview.headers).
import { serve } from 'vitepress';

/**
 * The headers that make a page cross-origin isolated, so that the playground's worker gets
 * SharedArrayBuffer and the CPU backend can split its matmuls across threads. The dev server sends
 * them through the VitePress config; a static host needs them configured.
 *
 * @type {Readonly<Record<string, string>>}
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Serves the built site with VitePress's preview server and the cross-origin isolation headers.
 *
 * @param {string} root - the VitePress project (apps/docs)
 * @param {number} [port] - the port to listen on; 0 (the default) takes a free one
 * @returns {Promise<{ url: string; close: () => Promise<void> }>} its URL and a function that stops it
 */
export async function startSiteServer(root, port = 0) {
  const { server } = /** @type {{ server: import('node:http').Server }} */ (
    /** @type {unknown} */ (await serve({ root, port }))
  );
  // Before VitePress's own handler, so every response (pages, scripts, the worker) carries them.
  server.prependListener('request', (_request, response) => {
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) response.setHeader(name, value);
  });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const { port: listening } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://localhost:${listening}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve(undefined)))),
  };
}
