#!/usr/bin/env node
// Entry point of the `juesuan` command: run and exit with the command's code.
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2));
