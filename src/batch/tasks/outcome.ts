/** Turns what a command throws into a file's outcome, so one bad file never stops a batch. */
import { UserError } from '../../app/effects.js';
import type { FileOutcome } from '../task.js';

/** The reason as printed in the summary: the message, without the file name prefix a single run would need. */
export function failure(e: unknown, out: string[] = []): FileOutcome {
  if (e instanceof UserError) return { exitCode: e.exitCode === 1 ? 1 : 2, reason: e.message, out };
  const message = e instanceof Error ? e.message : String(e);
  return { exitCode: 3, reason: `内部错误：${message}`, out };
}
