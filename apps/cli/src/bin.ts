#!/usr/bin/env node
// First: it sets a V8 flag that must be in place before the tensor core loads.
import './relaxed-simd.js';
import { runCli } from './cli.js';
import { EXIT_INTERRUPTED } from './errors.js';

// The first Ctrl-C asks long work to wind down and save; a second one quits at once.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
  process.stderr.write('\nstopping after this step and saving a checkpoint (Ctrl-C again to quit now)\n');
  interrupt.abort();
});

// A reader that stops early (`makemore sample -n 1000 | head`) closes the pipe: stop quietly, as
// Unix tools do, rather than crash on the next write.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupt.signal,
});
