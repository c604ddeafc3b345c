// Our own reports read back: the audit finds nothing in what we generate, and the claims give back the dataset's facts.
import { describe, expect, it } from 'vitest';
import { auditText, extractClaims } from '../../src/audit/index.js';
import { flatten } from '../../src/model/facts.js';
import { formatScaled, roundTo } from '../../src/money/index.js';
import { PROFILES } from '../../src/profiles/index.js';
import { buildReport } from '../../src/report/build.js';
import { renderText } from '../../src/render/text/index.js';
import { checkDataset } from '../../src/app/check.js';
import { EXAMPLES, loadExample } from '../examples.js';

const CONTRACT = [
  'total.income_expense', 'income.total', 'income.general_budget', 'income.gov_fund', 'income.state_capital', 'income.superior_subsidy',
  'income.business', 'income.operating', 'income.affiliate', 'income.other', 'expense.total', 'expense.basic', 'expense.project',
  'expense.general_budget', 'basic.personnel', 'basic.public', 'sangong.total', 'sangong.abroad', 'sangong.vehicle', 'sangong.vehicle_purchase',
  'sangong.vehicle_operation', 'sangong.reception', 'reception.batches', 'reception.people', 'operating_cost', 'procurement.total',
  'procurement.goods', 'procurement.works', 'procurement.services', 'procurement.sme', 'vehicles.total',
];
/** Concepts both examples state in their narrative, which the extraction must find. */
const MUST_FIND = ['total.income_expense', 'income.total', 'income.general_budget', 'expense.total', 'expense.basic', 'expense.project',
  'expense.general_budget', 'basic.personnel', 'basic.public', 'sangong.total', 'sangong.reception', 'reception.batches', 'reception.people',
  'operating_cost', 'vehicles.total'];

const sameDims = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

for (const name of EXAMPLES) {
  for (const profileId of ['sichuan', 'national']) {
    describe(`${name} rendered with the ${profileId} profile`, () => {
      const d = loadExample(name);
      const profile = PROFILES[profileId]!;
      const text = renderText(buildReport(d, profile));
      // The appendix reproduces the seed's own 自评 reports as data, errors included; the report proper ends there.
      const appendixAt = text.search(/\n第.部分 附件\n/);
      const main = appendixAt > 0 ? text.slice(0, appendixAt) : text;

      it('audit of the report proper finds nothing but the gaps the dataset check also reports', () => {
        const r = auditText(main);
        const todos = new Set(checkDataset(d, profile).findings.filter((f) => f.rule === 'ST2-todo').map((f) => f.message.replace(/^报告中“|”尚待补充$/g, '')));
        const unexplained = r.findings.filter((f) => !(f.rule === 'TX-template' && [...todos].some((t) => (f.stated ?? '').includes(t))));
        expect(unexplained.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
        expect(r.year).toBe(d.year);
        expect(r.unit).toBe(d.unit.name);
      });

      it('claims of the contract concepts give back the dataset facts to their stated precision', () => {
        const facts = flatten(d);
        const claims = extractClaims(main).claims.filter((c) => CONTRACT.includes(c.concept) && c.measure === 'level' && c.scenario === 'actual');
        let compared = 0;
        for (const c of claims) {
          const concepts = c.concept === 'total.income_expense' ? ['total.income'] : [c.concept];
          const fact = facts.find((f) => concepts.includes(f.concept) && f.year === c.year && f.scenario === 'actual' && sameDims(f.dims, c.dims ?? {}));
          if (!fact) continue;
          compared++;
          const decimals = c.value.includes('.') ? c.value.split('.')[1]!.length : 0;
          const expected = c.unit === '万元' ? formatScaled(roundTo(fact.value, '万元', decimals), decimals) : fact.value.toString();
          expect(`${c.concept} ${JSON.stringify(c.dims ?? {})} ${c.value}`).toBe(`${c.concept} ${JSON.stringify(c.dims ?? {})} ${expected}`);
        }
        expect(compared).toBeGreaterThan(20);
        const found = new Set(claims.map((c) => c.concept));
        expect(MUST_FIND.filter((k) => !found.has(k))).toEqual([]);
      });
    });
  }
}
