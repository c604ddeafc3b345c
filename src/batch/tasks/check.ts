/** Batch `check`: each dataset through the rule pack; a line per file, or one JSON object per line with --json. */
import { checkReportJson } from '../../app/check.js';
import { nodeEffects } from '../../app/effects.js';
import { chooseProfile, readDatasetFile } from '../../app/load.js';
import { checkVerdict } from '../../app/review.js';
import type { BatchTask, FileOutcome } from '../task.js';
import { failure } from './outcome.js';

export interface CheckTaskOptions {
  json?: boolean;
  profile?: string;
  /** Build and read back each report as well (render's verdict); default: the pack from facts. */
  readBack?: boolean;
}

export const checkTask: BatchTask = (options) => {
  const o = options as CheckTaskOptions;
  return {
    async run(file): Promise<FileOutcome> {
      try {
        const d = readDatasetFile(file, nodeEffects);
        const { report, final } = checkVerdict(d, chooseProfile(d, o.profile, file), { readBack: o.readBack === true });
        const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
        const counts = { error: count('error'), warning: count('warning'), info: count('info') };
        const line = o.json
          ? checkReportJson(file, report)
          : `${file}：${counts.error > 0 ? '未通过' : '通过'}（错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}）`;
        if (final) return { exitCode: 0, out: [line], counts };
        const first = report.findings.find((f) => f.severity === 'error')!;
        return { exitCode: 1, reason: `${counts.error} 个错误级问题，如 [${first.rule}] ${first.message}（${first.location}）`, out: [line], counts };
      } catch (e) {
        return failure(e);
      }
    },
    async close() {},
  };
};
