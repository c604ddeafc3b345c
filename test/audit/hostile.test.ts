// Any text in, a result out: never a throw, never a hang (bounded regexes, linear passes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditText } from '../../src/audit/index.js';

const REPORT_CHARS = [...'0123456789.,%-万元年度收支总计本年合计增加减少增长下降持平其中：，。；、（）()“”‘’一二三四五六七八九十第部分项目个等共对开展了绩效自评表报告占比上年截至月日批次人次辆XX×【】|\n\t '];

describe('hostile input', () => {
  it('random report-like text never throws and keeps spans inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...REPORT_CHARS), { maxLength: 600 }).map((a) => a.join('')), (text) => {
        const r = auditText(text);
        for (const c of r.claims) expect(c.span.end).toBeLessThanOrEqual(text.length);
        for (const f of r.findings) for (const s of f.spans) expect(s.start >= 0 && s.end <= text.length && s.start <= s.end).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('arbitrary unicode never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      expect(() => auditText(text)).not.toThrow();
    }), { numRuns: 300 });
  });
  it('1 MB of random report characters finishes in seconds', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let s = '';
    for (let i = 0; i < 1_000_000; i++) s += REPORT_CHARS[Math.floor(rnd() * REPORT_CHARS.length)];
    const t0 = performance.now();
    auditText(s);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });
  it('100 000 figures in one sentence stay linear', () => {
    const t0 = performance.now();
    const r = auditText('收入总计1.00万元，'.repeat(100_000));
    expect(r.claims.length).toBe(100_000);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });
  it('pathological repeats (digits, brackets, quotes) finish quickly', () => {
    for (const s of ['1'.repeat(500_000), '（'.repeat(200_000), '“'.repeat(200_000) + '等3个项目开展了绩效自评', '占'.repeat(200_000) + '5%', `${'第一部分\n'.repeat(50_000)}`]) {
      const t0 = performance.now();
      auditText(s);
      expect(performance.now() - t0).toBeLessThan(10_000);
    }
  });
});
