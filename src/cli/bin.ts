#!/usr/bin/env node
// Entry point of the `juesuan` command: run and exit with the command's code.
import { run } from './main.js';

// A reader that stops early (`juesuan audit … | head`) closes the pipe: stop quietly instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await run(process.argv.slice(2));
