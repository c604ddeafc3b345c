// 第一部分 概况: 主要职责, 机构设置, 人员情况.
import { STAFF_KINDS } from '../../model/index.js';
import { deeper, listItems, para, type SectionWriter } from '../context.js';
import { countFig, listNames, todo, trimEnd } from '../phrases.js';
import type { Inline, ParagraphBlock } from '../tree.js';

/**
 * 主要职责; when the dataset carries the unit's 重点工作 text, as the 米易 seed
 * does under 一、基本职能及主要工作: （一）主要职能 and （二）{year}年重点工作完成情况,
 * the latter the unit's own paragraphs as written (stated, nothing generated).
 */
export const dutiesSection: SectionWriter = (ctx) => {
  const keyWork = ctx.d.unit.keyWork;
  if (!keyWork) return { blocks: listItems(ctx, ctx.d.unit.duties.map((t) => [t])) };
  const stated: ParagraphBlock[] = keyWork.paragraphs.map((t) => ({ kind: 'paragraph', content: [t], stated: true }));
  return {
    blocks: [],
    subsections: [
      { title: '主要职能', blocks: listItems(deeper(ctx), ctx.d.unit.duties.map((t) => [t])) },
      { title: keyWork.title ?? `${ctx.year}年重点工作完成情况`, blocks: stated },
    ],
  };
};

export const organisationSection: SectionWriter = (ctx) => {
  const { unit } = ctx.d;
  const org = unit.organisation;
  const short = unit.shortName;
  const runs: Inline[] = [];
  if (org.internal.length > 0) runs.push(`${short}内设机构有：${listNames(org.internal)}。`);
  if (org.note) runs.push(`${trimEnd(org.note)}。`);
  const subs = org.subordinates;
  if (subs.length === 0) {
    runs.push(`${short}无下属二级预算单位。`);
  } else {
    const n = (k: string) => subs.filter((s) => s.kind === k).length;
    const independent = subs.filter((s) => s.accounting === '独立核算').length;
    const accounting =
      independent === subs.length ? '独立核算' : independent === 0 ? '非独立核算' : '';
    runs.push(
      `${short}下属${accounting}单位`,
      countFig('organisation.subordinates', subs.length, '个', ctx.fig),
      '个',
      accounting === '' ? `（其中独立核算${independent}个、非独立核算${subs.length - independent}个）` : '',
      `：其中行政单位${n('行政')}个，参照公务员法管理的事业单位${n('参公')}个，其他事业单位${n('事业')}个。`,
      `主要包括：${listNames(subs.map((s) => s.name))}。`,
    );
  }
  if (org.managed.length > 0) runs.push(`代管${listNames(org.managed)}。`);
  return { blocks: [para(...runs.filter((r) => r !== ''))] };
};

const AUTHORIZED_LABEL: Record<string, string> = { 行政: '行政编制', 参公: '参照公务员法管理事业编制', 事业: '事业编制', 工勤: '工勤编制', 其他: '其他编制' };
const ACTUAL_LABEL: Record<string, string> = { 行政: '行政人员', 参公: '参照公务员法管理事业人员', 事业: '事业人员', 工勤: '工勤人员', 其他: '其他人员' };

export const staffingSection: SectionWriter = (ctx) => {
  const { unit } = ctx.d;
  const st = unit.staffing;
  const breakdown = (rec: Partial<Record<string, number>>, labels: Record<string, string>, concept: string, unitWord: '名' | '人'): Inline[] => {
    const kinds = STAFF_KINDS.filter((k) => rec[k] !== undefined);
    const out: Inline[] = [];
    kinds.forEach((k, i) => {
      out.push(i === 0 ? '' : '，', labels[k]!, countFig(concept, rec[k]!, unitWord, { ...ctx.fig, dims: { staffKind: k } }), unitWord);
    });
    return out.filter((r) => r !== '');
  };
  const total = (rec: Partial<Record<string, number>>) => Object.values(rec).reduce<number>((s, v) => s + (v ?? 0), 0);
  const runs: Inline[] = [];
  if (Object.keys(st.authorized).length === 0) {
    runs.push(`${unit.shortName}编制数`, todo('编制数', 'unit.staffing.authorized'), '。');
  } else {
    runs.push(`${unit.shortName}共有编制`, countFig('staffing.authorized', total(st.authorized), '名', ctx.fig), '名，其中：',
      ...breakdown(st.authorized, AUTHORIZED_LABEL, 'staffing.authorized', '名'), '。');
  }
  if (Object.keys(st.actual).length === 0) {
    runs.push(`${ctx.year}年末实有在职人员`, todo('实有人数', 'unit.staffing.actual'), '。');
  } else {
    runs.push(`${ctx.year}年末实有在职人员`, countFig('staffing.actual', total(st.actual), '人', ctx.fig), '人，其中：',
      ...breakdown(st.actual, ACTUAL_LABEL, 'staffing.actual', '人'), '。');
  }
  if (st.note) runs.push(`${trimEnd(st.note)}。`);
  if (st.retired === undefined) runs.push('离退休人员', todo('离退休人员数', 'unit.staffing.retired'), '。');
  else runs.push('离退休人员', countFig('staffing.retired', st.retired, '人', ctx.fig), '人。');
  return { blocks: [para(...runs)] };
};
