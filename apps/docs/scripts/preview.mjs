// `pnpm docs:preview`: serves the built site on localhost as the e2e tests do, cross-origin isolated
// (which `vitepress preview` is not), so the playground's worker can train on two threads; VitePress
// prints the address.
import { fileURLToPath } from 'node:url';
import { startSiteServer } from './site-server.mjs';

const port = Number(process.env['PORT'] ?? 4173);
await startSiteServer(fileURLToPath(new URL('..', import.meta.url)), port);
