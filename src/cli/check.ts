/** `juesuan check`: a dataset through the rule pack; findings grouped by severity, or one JSON object. */
import { checkReportJson } from '../app/check.js';
import type { Effects } from '../app/effects.js';
import { chooseProfile, readDatasetFile } from '../app/load.js';
import { checkVerdict } from '../app/review.js';
import type { CheckReport, Finding, Severity } from '../rules/index.js';

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

function findingLines(f: Finding): string[] {
  const lines = [`  [${f.rule}] ${f.message}`, `      位置：${f.location}`];
  if (f.stated !== undefined && f.expected !== undefined) {
    lines.push(`      应为：${f.expected}${f.unit ?? ''}　实际：${f.stated}${f.unit ?? ''}${f.tolerance !== undefined ? `　容差：${f.tolerance}${f.unit ?? ''}` : ''}`);
  }
  lines.push(`      建议：${f.hint}`);
  return lines;
}

export function checkReportText(file: string, r: CheckReport): string[] {
  const s = r.summary;
  const lines = [
    `审核 ${file}（规则包 ${r.rulesVersion}，共 ${s.rules} 条规则）`,
    `通过 ${s.pass}，未通过 ${s.fail}，不适用 ${s.notApplicable}，数据不足 ${s.insufficientData}`,
  ];
  for (const sev of ['error', 'warning', 'info'] as const) {
    const fs = r.findings.filter((f) => f.severity === sev);
    if (fs.length === 0) continue;
    lines.push('', `${SEVERITY_LABEL[sev]}（${fs.length}）：`, ...fs.flatMap(findingLines));
  }
  if (r.findings.length === 0) lines.push('', '未发现问题。');
  return lines;
}

/** Said after a passing check that did not read the report back. */
export const NO_READ_BACK_NOTE = '（未审读生成的报告全文：render 生成正式报告前会审读；加 --read-back 可先行审读。）';

/**
 * Returns the exit code: 1 when any error-level finding exists. With
 * `readBack`, the report is built and read back too, and 0 means exactly that
 * `render` writes the final report.
 */
export function checkCommand(file: string, o: { json?: boolean; profile?: string; readBack?: boolean }, fx: Effects): number {
  const d = readDatasetFile(file, fx);
  const { report, final } = checkVerdict(d, chooseProfile(d, o.profile, file), { readBack: o.readBack === true });
  if (o.json) fx.out(checkReportJson(file, report));
  else {
    for (const l of checkReportText(file, report)) fx.out(l);
    if (final && !o.readBack) fx.out(NO_READ_BACK_NOTE);
  }
  return final ? 0 : 1;
}
