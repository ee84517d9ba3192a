import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from 'vitepress';
import { CROSS_ORIGIN_ISOLATION } from '../.vitepress/cross-origin-isolation.js';

/**
 * Serves the built site on a free localhost port with VitePress's own preview server, the one
 * `pnpm docs:preview` starts, plus the cross-origin isolation headers, which VitePress's `serve()`
 * does not send (it ignores vite's `preview.headers`), so the playground's worker can use threads.
 *
 * @param root - the VitePress project (apps/docs)
 * @returns its URL and a function that stops the server
 */
export async function startSiteServer(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = (await serve({ root, port: 0 })) as unknown as { server: Server };
  const { server } = app;
  // Before VitePress's own handler, so every response (pages, scripts, the worker) carries them.
  server.prependListener('request', (_request, response) => {
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) response.setHeader(name, value);
  });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
