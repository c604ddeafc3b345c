/** The CLI's effects and errors: the application layer's (src/app/effects.ts), re-exported for the commands. */
export { decodeText, fsReason, nodeEffects, ReadError, readTextFile, UserError, writeAtomically, type Effects } from '../app/effects.js';
