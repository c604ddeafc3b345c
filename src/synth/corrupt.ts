/**
 * Deliberately broken datasets, for showing that a batch reports bad files and
 * carries on: unreadable YAML, a value the schema refuses, and a dataset that
 * reads fine but fails its checks (totals that do not add up).
 */
import { synthDataset, type RawDataset } from './dataset.js';
import { rawToYaml } from '../model/save.js';

export const CORRUPTIONS = ['yaml', 'schema', 'check'] as const;
export type Corruption = (typeof CORRUPTIONS)[number];

/** Unit `index` of the run, broken the `how` way. */
export function corruptYaml(seed: number, index: number, how: Corruption): string {
  const raw: RawDataset = synthDataset(seed, index);
  const header = { header: [`合成数据（故意损坏：${how}），用于检验批量处理对坏文件的报告。`] };
  switch (how) {
    case 'yaml':
      // An unclosed flow mapping: the YAML parser stops here.
      return `${rawToYaml(raw, header)}\nsangong: { budget: { abroad: 1\n`;
    case 'schema':
      return rawToYaml({ ...raw, year: '二〇二二年' }, header);
    case 'check': {
      const income = raw.income as Record<string, string>;
      // 1,000.00 more income than is spent or carried over: 收支总计 no longer balance.
      const [whole, frac = '00'] = String(income.generalBudget).split('.');
      income.generalBudget = `${BigInt(whole!) + (raw.moneyUnit === '元' ? 10_000_000n : 1000n)}.${frac}`;
      return rawToYaml(raw, header);
    }
  }
}
