/**
 * What the command line needs before it knows which command runs: option
 * parsing and the names its help lists. Kept free of the services, so that
 * `juesuan --help` or `juesuan audit x.txt` loads only what its command uses
 * (main.ts imports each command's module when the command runs).
 */
import { UserError } from '../app/effects.js';

/** Parses a non-negative integer option, with a Chinese message naming it. */
export function parseCount(value: string, option: string, min = 0): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UserError(`${option} 应为不小于${min}的整数，实际为“${value}”`);
  }
  return Number(value);
}

/** The output formats as the help lists them: app/render.ts's OUTPUT_FORMATS (a test keeps the two equal). */
export const HELP_OUTPUT_FORMATS: readonly string[] = ['html', 'docx', 'txt', 'json', 'pdf', 'xlsx'];

/** app/render.ts's DRAFT_MARK, for the help (a test keeps the two equal). */
export const HELP_DRAFT_MARK = '草稿（未通过审核/待补充）';

/** demo.ts's DEMO_FORMATS, for the help (a test keeps the two equal). */
export const HELP_DEMO_FORMATS: readonly string[] = ['html', 'docx', 'pdf', 'xlsx', 'json'];
