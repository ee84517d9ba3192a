import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from 'vitepress';

/**
 * Serves the built site on a free localhost port with VitePress's own preview server, the one
 * `pnpm docs:preview` starts.
 *
 * @param root - the VitePress project (apps/docs)
 * @returns its URL and a function that stops the server
 */
export async function startSiteServer(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = (await serve({ root, port: 0 })) as unknown as { server: Server };
  const { server } = app;
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
