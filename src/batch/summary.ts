/** The closing summary of a batch: counts, each failure with its reason, time and throughput. */
import type { BatchResult } from './pool.js';

/** Reasons longer than this many lines are cut (a refused render carries the whole check report). */
const REASON_LINES = 4;

export function summaryLines(label: string, b: BatchResult): string[] {
  const total = b.results.length;
  const failed = b.results.filter((r) => r.exitCode !== 0);
  const seconds = b.ms / 1000;
  const rate = seconds > 0 ? (total / seconds).toFixed(1) : '—';
  const lines = [
    `${label}完成：共 ${total} 个文件，成功 ${total - failed.length}，失败 ${failed.length}；用时 ${seconds.toFixed(1)} 秒（${rate} 个/秒，${b.jobs} 个线程）`,
  ];
  const byKind = new Map<number, number>();
  for (const r of failed) byKind.set(r.exitCode, (byKind.get(r.exitCode) ?? 0) + 1);
  const kinds: [number, string][] = [[1, '未通过审核'], [2, '无法读取或格式错误'], [3, '内部错误']];
  const parts = kinds.filter(([k]) => byKind.has(k)).map(([k, name]) => `${name} ${byKind.get(k)}`);
  if (parts.length > 0) lines.push(`失败分类：${parts.join('，')}`);
  for (const r of failed) {
    const reason = (r.reason ?? '').split('\n');
    lines.push(`  ✗ ${r.file}`);
    for (const l of reason.slice(0, REASON_LINES)) lines.push(`      ${l.trim()}`);
    if (reason.length > REASON_LINES) lines.push(`      …（另有 ${reason.length - REASON_LINES} 行）`);
  }
  return lines;
}

/** The batch's exit code: the worst of its files' (0 all done, 1 checks failed, 2 unusable input, 3 internal error). */
export function batchExitCode(b: BatchResult): number {
  return b.results.reduce((m, r) => Math.max(m, r.exitCode), 0);
}
