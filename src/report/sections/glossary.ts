// 名词解释: generated from the concepts and classification codes this report actually uses.
import { ancestry, functionalPhrase, lookupFunctional, type ClassificationEntry } from '../../classification/index.js';
import type { Dataset } from '../../model/index.js';
import { listItems, type SectionContext, type SectionWriter } from '../context.js';
import { todo } from '../phrases.js';
import { includedCodes } from '../tables/common.js';
import type { Inline } from '../tree.js';

interface Term {
  term: string;
  text: string;
  applies: (ctx: SectionContext) => boolean;
}

const nonzero = (v: bigint) => v !== 0n;

/** Terms explained before the classification codes (income side). */
const INCOME_TERMS: Term[] = [
  { term: '财政拨款收入', text: '指单位从同级财政部门取得的财政预算资金。', applies: (c) => nonzero(c.a.fiscalIncome) },
  { term: '一般公共预算财政拨款收入', text: '指单位从同级财政部门取得的一般公共预算资金。', applies: (c) => nonzero(c.a.income.generalBudget) },
  { term: '政府性基金预算财政拨款收入', text: '指单位从同级财政部门取得的政府性基金预算资金。', applies: (c) => nonzero(c.a.income.govFund) },
  { term: '国有资本经营预算财政拨款收入', text: '指单位从同级财政部门取得的国有资本经营预算资金。', applies: (c) => nonzero(c.a.income.stateCapital) },
  { term: '上级补助收入', text: '指单位从主管部门和上级单位取得的非财政补助收入。', applies: (c) => nonzero(c.a.income.superiorSubsidy) },
  { term: '事业收入', text: '指事业单位开展专业业务活动及辅助活动所取得的收入。', applies: (c) => nonzero(c.a.income.business) },
  { term: '经营收入', text: '指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。', applies: (c) => nonzero(c.a.income.operating) },
  { term: '附属单位上缴收入', text: '指事业单位附属的独立核算单位按有关规定上缴的收入。', applies: (c) => nonzero(c.a.income.affiliate) },
  { term: '其他收入', text: '指单位取得的除上述收入以外的各项收入。', applies: (c) => nonzero(c.a.income.other) },
  { term: '使用非财政拨款结余', text: '指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。', applies: (c) => nonzero(c.a.useOfNonFiscalBalance) },
  { term: '年初结转和结余', text: '指以前年度尚未完成、结转到本年按有关规定继续使用的资金。', applies: (c) => nonzero(c.a.openingBalanceTotal) },
];

/** Terms explained after the classification codes (expenditure side). */
const EXPENSE_TERMS: Term[] = [
  { term: '基本支出', text: '指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。', applies: (c) => nonzero(c.a.expense.basic) },
  { term: '项目支出', text: '指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。', applies: (c) => nonzero(c.a.expense.project) },
  { term: '上缴上级支出', text: '指事业单位按照财政部门和主管部门的规定上缴上级单位的支出。', applies: (c) => nonzero(c.a.expense.remit) },
  { term: '经营支出', text: '指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。', applies: (c) => nonzero(c.a.expense.operating) },
  { term: '对附属单位补助支出', text: '指事业单位用财政拨款收入之外的收入对附属单位补助发生的支出。', applies: (c) => nonzero(c.a.expense.affiliateSubsidy) },
  { term: '结余分配', text: '指事业单位按规定提取的职工福利基金、事业基金和缴纳的所得税，以及建设单位按规定应交回的基本建设竣工项目结余资金。', applies: (c) => nonzero(c.a.balanceDistribution) },
  { term: '年末结转和结余', text: '指单位按有关规定结转到下年或以后年度继续使用的资金。', applies: (c) => nonzero(c.a.closingBalanceTotal) },
  {
    term: '“三公”经费',
    text: '指单位用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行维护费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。',
    applies: () => true,
  },
  {
    term: '机关运行经费',
    text: '指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。',
    applies: (c) => c.d.unit.kind !== '事业',
  },
];

/**
 * The 功能分类 项 the report uses: every expenditure line's code and the 项 a line
 * covers without a split (expenditureIncludes), in code order. Their 类 and 款 are
 * named in each entry, so every code a table lists is explained here.
 */
export function glossaryCodes(d: Dataset): string[] {
  const used = [...new Set(d.expenditure.map((l) => l.code))];
  return [...new Set([...used, ...used.flatMap((c) => includedCodes(d, c))])].sort();
}

/** The official explanation, or — when the classification data holds none — the code's place in the classification. */
function codeExplanation(entry: ClassificationEntry, year: number): string {
  if (entry.description) return entry.description;
  const chain = ancestry('functional', entry.code, year) ?? [entry];
  const parents = chain.slice(0, -1).map((e) => `${e.name}（${e.level}）`).join('');
  return `支出功能分类${parents ? `${parents}下` : '中'}的${entry.level}级科目。`;
}

export const glossarySection: SectionWriter = (ctx) => {
  const entries: Inline[][] = [];
  const add = (term: string, ...text: Inline[]) => entries.push([{ kind: 'strong', text: term }, '：', ...text]);
  for (const t of INCOME_TERMS) if (t.applies(ctx)) add(t.term, t.text);
  for (const code of glossaryCodes(ctx.d)) {
    const phrase = functionalPhrase(code, ctx.year);
    const entry = lookupFunctional(code, ctx.year);
    if (!phrase || !entry) {
      add(code, todo('科目名称和说明', `expenditure（${code}）`));
      continue;
    }
    add(phrase, codeExplanation(entry, ctx.year));
  }
  for (const t of EXPENSE_TERMS) if (t.applies(ctx)) add(t.term, t.text);
  // Glossary entries are a flat list numbered 1. 2. … as published reports do.
  return { blocks: listItems({ ...ctx, listLevel: 4 }, entries) };
};
