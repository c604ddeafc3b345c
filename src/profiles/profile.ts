/**
 * A profile is a province's (or the national) template as data: which
 * sections appear, in which order, under which titles. Titles may use
 * {year} (the report year) and {level} (部门 or 单位). Numbering is generated
 * from the position in the outline, never written here.
 */

/** Section writers the report builder knows (src/report/sections). */
export type SectionId =
  | 'overview.duties'
  | 'overview.organisation'
  | 'overview.staffing'
  | 'explain.totals'
  | 'explain.income'
  | 'explain.expense'
  | 'explain.fiscal'
  | 'explain.generalBudget'
  | 'explain.basic'
  | 'explain.sangong'
  | 'explain.govFund'
  | 'explain.stateCapital'
  | 'explain.performance'
  | 'explain.operatingCost'
  | 'explain.procurement'
  | 'explain.assets'
  | 'explain.other'
  | 'glossary'
  | 'annex.evaluations';

export type OutlineNode =
  /** A numbered heading whose body is written by one section writer. */
  | { section: SectionId; title: string }
  /** A numbered heading that only groups its children. */
  | { group: string; children: OutlineNode[] };

export interface Part {
  title: string;
  /** Either child headings, or one section writer filling the part directly. */
  children?: OutlineNode[];
  section?: SectionId;
  /** The part holding the standard tables. */
  tables?: true;
  /** Printed only when the dataset has what it shows (附件: the 绩效自评 evaluations). */
  when?: 'evaluations';
}

export interface Profile {
  id: string;
  name: string;
  /** Title lines of the report; {year} and {level} are filled in. The unit name is the first line. */
  titleSuffix: string;
  /**
   * Budget figure a completion rate (完成预算%) is measured against: the
   * adjusted budget (四川 practice: 决算数等于预算数 after 追加) or the
   * year-opening budget (domain.md §1.4). Falls back to the other when absent.
   */
  completionBasis: 'adjusted' | 'initial';
  /**
   * 绩效自评表 layout and 预算执行率 rule: the seeds' 四川 form (and a reason
   * below 90 %) or the national form of 财预〔2020〕10号 (domain.md §4.3).
   */
  evaluationForm: 'sichuan' | 'national';
  /**
   * Order of the 附件 (绩效自评 reports with their 自评表) by kind; within a kind, the
   * dataset's order. Both seeds put the 部门整体 evaluation before the projects'.
   */
  annexOrder: readonly ('department' | 'project')[];
  parts: Part[];
  /** The standard tables: which set (TABLE_SETS id; a dataset may choose another) and the part that holds them. */
  tables: { set: string; title: string; position: 'afterOverview' | 'last' };
}

export function fillTitle(template: string, year: number, level: string): string {
  return template.replaceAll('{year}', String(year)).replaceAll('{level}', level);
}

/**
 * The profile's parts in reading order, with the standard-tables part in its
 * place; parts shown only when the dataset has their content are left out
 * when it has not (so the numbering has no gap).
 */
export function orderedParts(p: Profile, has: { evaluations: boolean } = { evaluations: true }): Part[] {
  const tables: Part = { title: p.tables.title, tables: true };
  const parts = p.parts.filter((part) => part.when !== 'evaluations' || has.evaluations);
  return p.tables.position === 'last' ? [...parts, tables] : [parts[0]!, tables, ...parts.slice(1)];
}
