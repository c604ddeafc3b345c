// Worker entry when juesuan runs from its TypeScript sources (tests, bench):
// Node 20 does not pass tsx's loader on to worker threads, so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
