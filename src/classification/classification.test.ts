import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import functionalData from './data/functional.json' with { type: 'json' };
import economicData from './data/economic.json' with { type: 'json' };
import {
  allEntries,
  ancestry,
  childrenOf,
  functionalPhrase,
  isValidIn,
  levelOf,
  lookup,
  lookupEconomic,
  lookupFunctional,
  parentCode,
  sources,
  type ClassificationEntry,
  type ClassificationKind,
} from './index.js';

const KINDS: ClassificationKind[] = ['functional', 'economic'];
/** Years probed when checking validity ranges: wide enough to cover every boundary in the data. */
const YEARS = Array.from({ length: 2032 - 2010 + 1 }, (_, i) => 2010 + i);

// ---------------------------------------------------------------------------
// Data integrity
// ---------------------------------------------------------------------------

describe.each(KINDS)('data integrity: %s', (kind) => {
  const entries = allEntries(kind);
  const raw = (kind === 'functional' ? functionalData : economicData) as { source: unknown; entries: unknown[] };

  it('has a source line and entries', () => {
    expect(typeof raw.source).toBe('string');
    expect(sources[kind].length).toBeGreaterThan(10);
    expect(entries.length).toBe(raw.entries.length);
    expect(entries.length).toBeGreaterThan(50);
  });

  it('uses only known fields and valid values', () => {
    const allowed = new Set(['code', 'name', 'level', 'parent', 'validFrom', 'validTo', 'confidence', 'description', 'note']);
    for (const r of raw.entries as Record<string, unknown>[]) {
      for (const key of Object.keys(r)) expect(allowed, `${String(r.code)}: field ${key}`).toContain(key);
    }
    for (const e of entries) {
      expect(['V', 'P', 'K'], e.code).toContain(e.confidence);
      expect(['类', '款', '项'], e.code).toContain(e.level);
      expect(e.name.trim().length, e.code).toBeGreaterThan(0);
      expect(e.name, e.code).not.toMatch(/[()]/); // names use full-width brackets
      if (e.validFrom !== null) expect(Number.isInteger(e.validFrom)).toBe(true);
      if (e.validTo !== null) expect(Number.isInteger(e.validTo)).toBe(true);
      if (e.validFrom !== null && e.validTo !== null) expect(e.validFrom, e.code).toBeLessThanOrEqual(e.validTo);
      if (e.description !== undefined) {
        expect(e.description, e.code).toMatch(/^反映.*。$/u);
        expect(e.description, e.code).not.toMatch(/[()]/);
      }
      if (e.note !== undefined) expect(e.note.length, e.code).toBeGreaterThan(0);
    }
  });

  it('code length and digits match the level', () => {
    for (const e of entries) {
      expect(e.code, e.code).toMatch(/^[0-9]+$/);
      expect(levelOf(kind, e.code), e.code).toBe(e.level);
    }
    if (kind === 'economic') expect(entries.every((e) => e.level !== '项')).toBe(true);
  });

  it('parent matches the code prefix and is null only for a 类', () => {
    for (const e of entries) {
      expect(e.parent, e.code).toBe(parentCode(kind, e.code));
      if (e.parent !== null) expect(e.code.startsWith(e.parent), e.code).toBe(true);
    }
  });

  it('has no duplicate code with overlapping validity', () => {
    const byCode = new Map<string, ClassificationEntry[]>();
    for (const e of entries) byCode.set(e.code, [...(byCode.get(e.code) ?? []), e]);
    for (const [code, list] of byCode) {
      for (const year of YEARS) {
        const valid = list.filter((e) => isValidIn(e, year));
        expect(valid.length, `${code} in ${year}`).toBeLessThanOrEqual(1);
      }
      // A renamed code must not leave a gap between its editions.
      if (list.length > 1) {
        const first = Math.min(...YEARS.filter((y) => list.some((e) => isValidIn(e, y))));
        const last = Math.max(...YEARS.filter((y) => list.some((e) => isValidIn(e, y))));
        for (let y = first; y <= last; y++) expect(list.some((e) => isValidIn(e, y)), `${code} gap in ${y}`).toBe(true);
        // …and the names across editions should differ (otherwise it should be one entry).
        expect(new Set(list.map((e) => e.name)).size, code).toBe(list.length);
      }
    }
  });

  it('every 款/项 has a parent that exists for the same years', () => {
    for (const e of entries) {
      if (e.parent === null) continue;
      for (const year of YEARS) {
        if (!isValidIn(e, year)) continue;
        expect(lookup(kind, e.parent, year), `${e.code} → ${e.parent} in ${year}`).toBeDefined();
      }
    }
  });

  it('is sorted by code', () => {
    const codes = entries.map((e) => e.code);
    expect(codes).toEqual([...codes].sort());
  });
});

describe('coverage', () => {
  it('has every 类 of domain.md §3.2', () => {
    const classes = [
      '201', '202', '203', '204', '205', '206', '207', '208', '209', '210', '211', '212', '213', '214', '215',
      '216', '217', '219', '220', '221', '222', '223', '224', '227', '229', '230', '231', '232', '233', '234',
    ];
    for (const code of classes) expect(lookupFunctional(code, 2022), code).toBeDefined();
    expect(lookupFunctional('218', 2022)).toBeUndefined();
  });

  it('has every 款 and 项 of domain.md §3.3', () => {
    const codes = [
      '20101', '2010101', '2010102', '2010103', '2010150', '2010199', '20102', '20103', '2010301', '2010302',
      '2010303', '2010399', '20104', '20105', '20106', '20107', '20108', '20111', '20126', '20129', '2012902',
      '20131', '20132', '20133', '20134', '20135', '20136', '20137', '20138', '20402', '2040201', '2040202',
      '2040203', '2040219', '2040220', '2040221', '2040222', '2040250', '2040299', '20406', '2040601', '20501',
      '2050101', '20502', '2050201', '2050202', '2050203', '2050204', '2050205', '20701', '2070101', '2070105',
      '20801', '20805', '2080501', '2080502', '2080503', '2080505', '2080506', '2080599', '20808', '2080801',
      '2080802', '20809', '2080901', '2080905', '2080999', '20899', '21001', '2100101', '21007', '2100717',
      '21011', '2101101', '2101102', '2101103', '2101199', '21201', '2120101', '2120102', '2120199', '21301',
      '2130101', '22102', '2210201', '2210202', '2210203', '22401', '2240101',
    ];
    for (const code of codes) expect(lookupFunctional(code, 2023), code).toBeDefined();
  });

  it('has the administrative pattern items with the right "其他…支出" names', () => {
    const other: Record<string, string> = {
      '20101': '其他人大事务支出',
      '20102': '其他政协事务支出',
      '20103': '其他政府办公厅（室）及相关机构事务支出',
      '20131': '其他党委办公厅（室）及相关机构事务支出',
      '20132': '其他组织事务支出',
      '20133': '其他宣传事务支出',
      '20134': '其他统战事务支出',
      '20402': '其他公安支出',
      '20406': '其他司法支出',
      '21001': '其他卫生健康管理事务支出',
      '21201': '其他城乡社区管理事务支出',
      '21301': '其他农业农村支出',
      '22401': '其他应急管理支出',
    };
    for (const [kuan, otherName] of Object.entries(other)) {
      expect(lookupFunctional(`${kuan}01`, 2023)?.name, kuan).toBe('行政运行');
      expect(lookupFunctional(`${kuan}02`, 2023)?.name, kuan).toBe('一般行政管理事务');
      expect(lookupFunctional(`${kuan}03`, 2023)?.name, kuan).toBe('机关服务');
      expect(lookupFunctional(`${kuan}99`, 2023)?.name, kuan).toBe(otherName);
      for (const suffix of ['01', '02', '03', '99']) {
        expect(lookupFunctional(`${kuan}${suffix}`, 2023)?.description, `${kuan}${suffix}`).toBeDefined();
      }
    }
    for (const kuan of ['20101', '20102', '20103', '20131', '20132', '20133', '20134', '20402', '20406', '22401']) {
      expect(lookupFunctional(`${kuan}50`, 2023)?.name, kuan).toBe('事业运行');
    }
    // 农业农村 keeps its 事业运行 at 04.
    expect(lookupFunctional('2130104', 2023)?.name).toBe('事业运行');
  });

  it('has every economic 类 and 款 of domain.md §3.4 and nothing in the gaps', () => {
    const expected: Record<string, string[]> = {
      '301': ['01', '02', '03', '06', '07', '08', '09', '10', '11', '12', '13', '14', '99'],
      '302': ['01', '02', '03', '04', '05', '06', '07', '08', '09', '11', '12', '13', '14', '15', '16', '17', '18',
        '24', '25', '26', '27', '28', '29', '31', '39', '40', '99'],
      '303': ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '99'],
      '307': ['01', '02', '03', '04'],
      '309': ['01', '02', '03', '05', '06', '07', '08', '13', '19', '21', '22', '99'],
      '310': ['01', '02', '03', '05', '06', '07', '08', '09', '10', '11', '12', '13', '19', '21', '22', '99'],
      '311': ['01', '99'],
      '312': ['01', '03', '04', '05', '99'],
      '313': ['02', '03'],
      '399': ['06', '07', '08', '99'],
    };
    for (const [cls, items] of Object.entries(expected)) {
      expect(lookupEconomic(cls, 2022), cls).toBeDefined();
      const children = childrenOf('economic', cls, 2022).map((e) => e.code.slice(3));
      const withoutMilitary = children.filter((s) => !(cls === '301' && s === '05'));
      expect(withoutMilitary, cls).toEqual(items);
    }
    expect(lookupEconomic('30210', 2022)).toBeUndefined();
    expect(lookupEconomic('30213', 2022)?.name).toBe('维修（护）费');
    expect(lookupEconomic('30217', 2022)?.name).toBe('公务接待费');
    expect(lookupEconomic('309', 2022)?.name).toBe('资本性支出（基本建设）');
  });
});

// ---------------------------------------------------------------------------
// Seed reports
// ---------------------------------------------------------------------------

describe('seed codes', () => {
  // 米易 2021 (部门决算): codes printed in the report, with the official names.
  const miyi2021: Record<string, string> = {
    '201': '一般公共服务支出',
    '2013202': '一般行政管理事务',
    '204': '公共安全支出',
    '20402': '公安',
    '2040201': '行政运行',
    '2040202': '一般行政管理事务',
    '2040250': '事业运行',
    '208': '社会保障和就业支出',
    '20805': '行政事业单位离退休',
    '2080504': '未归口管理的行政单位离退休',
    '2080505': '机关事业单位基本养老保险缴费支出',
    '210': '卫生健康支出',
    '21011': '行政事业单位医疗',
    '2101101': '行政单位医疗',
    '2101102': '事业单位医疗',
    '2101103': '公务员医疗补助',
    '212': '城乡社区支出',
    '21208': '国有土地使用权出让收入及对应专项债务收入安排的支出',
    '2120801': '征地和拆迁补偿支出',
    '2120802': '土地开发支出',
    '221': '住房保障支出',
    '22102': '住房改革支出',
    '2210201': '住房公积金',
  };
  // 昭化 2022 (单位决算): items named by (类)(款)(项), codes inferred.
  const zhaohua2022: Record<string, string> = {
    '20131': '党委办公厅（室）及相关机构事务',
    '2013150': '事业运行',
    '2040202': '一般行政管理事务',
    '20805': '行政事业单位养老支出',
    '2080505': '机关事业单位基本养老保险缴费支出',
    '20899': '其他社会保障和就业支出',
    '2089901': '其他社会保障和就业支出',
    '2101101': '行政单位医疗',
    '2101102': '事业单位医疗',
    '2210201': '住房公积金',
  };

  it.each(Object.entries(miyi2021))('米易 2021: %s %s', (code, name) => {
    expect(lookupFunctional(code, 2021)?.name).toBe(name);
    expect(ancestry('functional', code, 2021)).toBeDefined();
  });

  it.each(Object.entries(zhaohua2022))('昭化 2022: %s %s', (code, name) => {
    expect(lookupFunctional(code, 2022)?.name).toBe(name);
    expect(ancestry('functional', code, 2022)).toBeDefined();
  });

  it('has descriptions for the seed 项 and the listed items', () => {
    const items = [
      '2013150', '2013202', '2040201', '2040202', '2040250', '2080504', '2080505', '2080506', '2089901',
      '2101101', '2101102', '2101103', '2120801', '2120802', '2210201', '2210202', '2210203',
    ];
    for (const code of items) {
      expect(lookupFunctional(code, 2022)?.description, code).toMatch(/^反映.+。$/u);
    }
    // Texts the 米易 glossary quotes verbatim.
    expect(lookupFunctional('2040201', 2021)?.description).toBe('反映行政单位（包括实行公务员管理的事业单位）的基本支出。');
    expect(lookupFunctional('2040250', 2021)?.description).toBe(
      '反映事业单位的基本支出，不包括行政单位（包括实行公务员管理的事业单位）后勤服务中心、医务室等附属事业单位。',
    );
    expect(lookupFunctional('2013202', 2021)?.description).toBe(
      '反映行政单位（包括实行公务员管理的事业单位）未单独设置项级科目的其他项目支出。',
    );
    expect(lookupFunctional('2080505', 2021)?.description).toBe(
      '反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。',
    );
    expect(lookupFunctional('2210201', 2021)?.description).toBe(
      '反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。',
    );
  });

  it('has the economic items listed in the seeds’ 人员经费/公用经费 paragraphs', () => {
    const names = [
      '基本工资', '津贴补贴', '奖金', '伙食补助费', '绩效工资', '机关事业单位基本养老保险缴费', '职业年金缴费',
      '其他社会保障缴费', '其他工资福利支出', '离休费', '退休费', '抚恤金', '生活补助', '医疗费补助', '奖励金',
      '住房公积金', '其他对个人和家庭的补助', '办公费', '印刷费', '咨询费', '手续费', '水费', '电费', '邮电费',
      '取暖费', '物业管理费', '差旅费', '因公出国（境）费用', '维修（护）费', '租赁费', '会议费', '培训费',
      '公务接待费', '劳务费', '委托业务费', '工会经费', '福利费', '公务用车运行维护费', '其他交通费用',
      '税金及附加费用', '其他商品和服务支出', '办公设备购置', '专用设备购置', '信息网络及软件购置更新', '其他资本性支出',
    ];
    const known = new Set(allEntries('economic').map((e) => e.name));
    for (const name of names) expect(known, name).toContain(name);
  });
});

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------

describe('lookup by edition year', () => {
  it('renames 20805 between the 2021 and 2022 editions', () => {
    expect(lookupFunctional('20805', 2019)?.name).toBe('行政事业单位离退休');
    expect(lookupFunctional('20805', 2021)?.name).toBe('行政事业单位离退休');
    expect(lookupFunctional('20805', 2022)?.name).toBe('行政事业单位养老支出');
    expect(lookupFunctional('20805', 2025)?.name).toBe('行政事业单位养老支出');
    expect(lookupFunctional('2080599', 2021)?.name).toBe('其他行政事业单位离退休支出');
    expect(lookupFunctional('2080599', 2022)?.name).toBe('其他行政事业单位养老支出');
  });

  it('uses the older names of 207 and 210 up to 2018', () => {
    expect(lookupFunctional('207', 2018)?.name).toBe('文化体育与传媒支出');
    expect(lookupFunctional('207', 2019)?.name).toBe('文化旅游体育与传媒支出');
    expect(lookupFunctional('210', 2018)?.name).toBe('医疗卫生与计划生育支出');
    expect(lookupFunctional('210', 2019)?.name).toBe('卫生健康支出');
  });

  it('has both names of 215 and 220', () => {
    expect(lookupFunctional('215', 2018)?.name).toBe('资源勘探信息等支出');
    expect(lookupFunctional('215', 2024)?.name).toBe('资源勘探工业信息等支出');
    expect(lookupFunctional('220', 2018)?.name).toBe('国土海洋气象等支出');
    expect(lookupFunctional('220', 2024)?.name).toBe('自然资源海洋气象等支出');
  });

  it('respects validFrom for codes created later', () => {
    expect(lookupFunctional('224', 2018)).toBeUndefined();
    expect(lookupFunctional('224', 2019)?.name).toBe('灾害防治及应急管理支出');
    expect(lookupFunctional('2240101', 2018)).toBeUndefined();
    expect(lookupFunctional('22006', 2023)).toBeUndefined();
    expect(lookupFunctional('22006', 2024)?.name).toBe('耕地保护考核奖惩基金支出');
  });

  it('returns entries with their kind', () => {
    expect(lookupFunctional('2040201', 2021)).toMatchObject({
      kind: 'functional', code: '2040201', name: '行政运行', level: '项', parent: '20402',
    });
    expect(lookupEconomic('30101', 2021)).toMatchObject({ kind: 'economic', level: '款', parent: '301', name: '基本工资' });
    expect(lookup('economic', '302', 2021)?.name).toBe('商品和服务支出');
  });

  it('gives undefined for unknown or malformed codes and bad years', () => {
    expect(lookupFunctional('2049876', 2022)).toBeUndefined(); // well-formed but unknown
    expect(lookupFunctional('20402 01', 2022)).toBeUndefined();
    expect(lookupFunctional(' 2040201', 2022)).toBeUndefined();
    expect(lookupFunctional('204020', 2022)).toBeUndefined();
    expect(lookupFunctional('', 2022)).toBeUndefined();
    expect(lookupFunctional('２０４', 2022)).toBeUndefined(); // full-width digits
    expect(lookupEconomic('3010101', 2022)).toBeUndefined(); // economic has no 项
    expect(lookup('economic', '2040201', 2022)).toBeUndefined();
    expect(lookupFunctional('2040201', Number.NaN)).toBeUndefined();
    expect(lookupFunctional('2040201', 2021.5)).toBeUndefined();
    expect(lookup('bogus' as ClassificationKind, '201', 2022)).toBeUndefined();
    expect(lookupFunctional(undefined as unknown as string, 2022)).toBeUndefined();
  });
});

describe('code structure helpers', () => {
  it('levelOf', () => {
    expect(levelOf('functional', '201')).toBe('类');
    expect(levelOf('functional', '20101')).toBe('款');
    expect(levelOf('functional', '2010101')).toBe('项');
    expect(levelOf('functional', '2010')).toBeUndefined();
    expect(levelOf('functional', 'abc')).toBeUndefined();
    expect(levelOf('economic', '301')).toBe('类');
    expect(levelOf('economic', '30101')).toBe('款');
    expect(levelOf('economic', '3010101')).toBeUndefined();
  });

  it('parentCode', () => {
    expect(parentCode('functional', '2080505')).toBe('20805');
    expect(parentCode('functional', '20805')).toBe('208');
    expect(parentCode('functional', '208')).toBeNull();
    expect(parentCode('functional', '2080')).toBeNull();
    expect(parentCode('economic', '30217')).toBe('302');
    expect(parentCode('economic', '302')).toBeNull();
    expect(parentCode('economic', '3021701')).toBeNull();
  });

  it('ancestry', () => {
    const chain = ancestry('functional', '2101101', 2021);
    expect(chain?.map((e) => e.code)).toEqual(['210', '21011', '2101101']);
    expect(ancestry('functional', '208', 2022)?.map((e) => e.name)).toEqual(['社会保障和就业支出']);
    expect(ancestry('economic', '30217', 2022)?.map((e) => e.name)).toEqual(['商品和服务支出', '公务接待费']);
    expect(ancestry('functional', '2240101', 2018)).toBeUndefined();
    expect(ancestry('functional', '2049876', 2022)).toBeUndefined();
    expect(ancestry('functional', 'x', 2022)).toBeUndefined();
  });

  it('childrenOf', () => {
    const kids = childrenOf('functional', '21011', 2022).map((e) => e.code);
    expect(kids).toEqual(['2101101', '2101102', '2101103', '2101199']);
    // one entry per code, the one valid in that year
    expect(childrenOf('functional', '20805', 2021).find((e) => e.code === '2080599')?.name).toBe('其他行政事业单位离退休支出');
    expect(childrenOf('functional', '20805', 2022).find((e) => e.code === '2080599')?.name).toBe('其他行政事业单位养老支出');
    const classes = childrenOf('functional', '2', 2022);
    expect(classes).toEqual([]);
    expect(childrenOf('functional', '2101101', 2022)).toEqual([]);
    expect(childrenOf('economic', '399', 2022).map((e) => e.code)).toEqual(['39906', '39907', '39908', '39999']);
    const all2022 = childrenOf('functional', '201', 2022).map((e) => e.code);
    expect(all2022).toEqual([...all2022].sort());
  });
});

describe('functionalPhrase', () => {
  it('builds the (类)(款)(项) phrase with the edition’s names', () => {
    expect(functionalPhrase('2080505', 2022)).toBe(
      '社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）',
    );
    expect(functionalPhrase('2080505', 2021)).toBe(
      '社会保障和就业支出（类）行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）',
    );
    expect(functionalPhrase('2080506', 2023)).toBe(
      '社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）',
    );
    expect(functionalPhrase('2013150', 2022)).toBe(
      '一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）事业运行（项）',
    );
    expect(functionalPhrase('2210201', 2022)).toBe('住房保障支出（类）住房改革支出（款）住房公积金（项）');
    expect(functionalPhrase('21011', 2022)).toBe('卫生健康支出（类）行政事业单位医疗（款）');
    expect(functionalPhrase('204', 2022)).toBe('公共安全支出（类）');
  });

  it('gives undefined for unknown codes', () => {
    expect(functionalPhrase('2049876', 2022)).toBeUndefined();
    expect(functionalPhrase('', 2022)).toBeUndefined();
    expect(functionalPhrase('2240101', 2018)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe('properties', () => {
  const codeLike = fc.oneof(
    fc.string(),
    fc.stringMatching(/^[0-9]{0,9}$/),
    fc.constantFrom(...allEntries('functional').map((e) => e.code), ...allEntries('economic').map((e) => e.code)),
  );
  const yearLike = fc.oneof(fc.integer({ min: 1990, max: 2040 }), fc.double(), fc.integer());
  const kindLike = fc.constantFrom<ClassificationKind>('functional', 'economic');

  it('no function throws on random input', () => {
    fc.assert(
      fc.property(kindLike, codeLike, yearLike, (kind, code, year) => {
        lookup(kind, code, year);
        lookupFunctional(code, year);
        lookupEconomic(code, year);
        ancestry(kind, code, year);
        parentCode(kind, code);
        levelOf(kind, code);
        childrenOf(kind, code, year);
        functionalPhrase(code, year);
      }),
      { numRuns: 2000 },
    );
  });

  it('a found entry has the requested code, is valid in the year, and has a full ancestry', () => {
    fc.assert(
      fc.property(kindLike, codeLike, fc.integer({ min: 2010, max: 2032 }), (kind, code, year) => {
        const entry = lookup(kind, code, year);
        if (!entry) return;
        expect(entry.code).toBe(code);
        expect(entry.kind).toBe(kind);
        expect(isValidIn(entry, year)).toBe(true);
        const chain = ancestry(kind, code, year);
        expect(chain?.at(-1)).toBe(entry);
        expect(chain?.map((e) => e.level)).toEqual((['类', '款', '项'] as const).slice(0, chain?.length));
        for (const child of childrenOf(kind, code, year)) expect(child.parent).toBe(code);
      }),
      { numRuns: 2000 },
    );
  });
});
