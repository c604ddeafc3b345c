/**
 * Dataset + profile → report tree. Walks the profile's outline, numbers the
 * headings from their position, and lets each section writer fill its body.
 */
import { computeAccounts, type Accounts, type Dataset } from '../model/index.js';
import { fillTitle, orderedParts, TABLE_SETS, type OutlineNode, type Profile, type TableSet } from '../profiles/index.js';
import { buildCharts } from './charts.js';
import { makeContext, type SectionOutput } from './context.js';
import { numberLabel, type NumberingLevel } from './numbering.js';
import { SECTION_WRITERS } from './sections/index.js';
import { buildTables } from './tables/index.js';
import type { Block, ReportTree } from './tree.js';

export interface BuildOptions {
  /** Printed on every page when the report has not passed its checks. */
  draftMark?: string;
  /** Precomputed view, when the caller has one already. */
  accounts?: Accounts;
}

export function buildReport(d: Dataset, profile: Profile, options: BuildOptions = {}): ReportTree {
  const a = options.accounts ?? computeAccounts(d);
  const level = d.unit.level;
  const charts = buildCharts(d, a);
  const blocks: Block[] = [];

  const emit = (out: SectionOutput, headingLevel: NumberingLevel) => {
    blocks.push(...out.blocks);
    out.subsections?.forEach((s, i) => {
      const lvl = Math.min(5, headingLevel + 1) as NumberingLevel;
      blocks.push({ kind: 'heading', level: lvl, numbering: numberLabel(lvl, i + 1), text: s.title });
      blocks.push(...s.blocks);
    });
  };
  const write = (node: OutlineNode, index: number, headingLevel: NumberingLevel) => {
    const title = 'section' in node ? node.title : node.group;
    blocks.push({ kind: 'heading', level: headingLevel, numbering: numberLabel(headingLevel, index + 1), text: fillTitle(title, d.year, level) });
    if ('section' in node) {
      const listLevel = Math.min(5, headingLevel + 1) as NumberingLevel;
      emit(SECTION_WRITERS[node.section](makeContext(d, a, profile, listLevel, charts)), headingLevel);
    } else {
      node.children.forEach((child, i) => write(child, i, Math.min(5, headingLevel + 1) as NumberingLevel));
    }
  };

  orderedParts(profile, { evaluations: d.evaluations.length > 0 }).forEach((part, i) => {
    blocks.push({ kind: 'heading', level: 1, numbering: numberLabel(1, i + 1), text: fillTitle(part.title, d.year, level) });
    if (part.tables) {
      // Each standard table starts on a page of its own.
      for (const t of buildTables(tableSetFor(d, profile), d, a)) blocks.push({ kind: 'pageBreak' }, t);
      return;
    }
    if (part.section) emit(SECTION_WRITERS[part.section](makeContext(d, a, profile, 2, charts)), 1);
    part.children?.forEach((child, j) => write(child, j, 2));
  });

  return {
    title: [d.unit.name, fillTitle(profile.titleSuffix, d.year, level)],
    meta: {
      unitName: d.unit.name,
      year: d.year,
      profile: profile.id,
      ...(options.draftMark ? { draftMark: options.draftMark } : {}),
      ...(d.reportDate ? { date: d.reportDate } : {}),
    },
    blocks,
  };
}

/** The standard table set for a dataset under a profile (the CLI checks the id and names the field). */
export function tableSetFor(d: Dataset, profile: Profile): TableSet {
  // The dataset's choice belongs to its own profile; another profile brings its own set.
  const id = (profile.id === (d.profile ?? 'sichuan') ? d.tableSet : undefined) ?? profile.tables.set;
  const set = TABLE_SETS[id];
  if (!set) throw new RangeError(`unknown table set ${id}`);
  return set;
}
