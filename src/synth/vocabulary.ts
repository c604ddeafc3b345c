/**
 * Words synthetic units are made of: places, organs and the 支出功能分类 codes
 * each kind of organ spends on. Codes are checked against the report year's
 * classification when a dataset is made, so an edition change never yields
 * an unknown code.
 */

/** Place-name syllables; two make a county (县/区), fictional but plausible. */
export const PLACE_CHARS = ['安', '平', '永', '和', '清', '宁', '丰', '泰', '兴', '华', '阳', '江', '川', '山', '源', '德', '庆', '明', '昌', '嘉', '元', '广', '通', '南', '西', '溪', '城', '乐', '营', '富'];
export const CITIES = ['广元市', '攀枝花市', '绵阳市', '南充市', '宜宾市', '达州市', '泸州市', '乐山市', '德阳市', '巴中市'];

/** A kind of organ: its name, its 类/款 and the 项 codes for running costs and projects. */
export interface Sector {
  /** Full name with {p} for the place, e.g. {p}司法局. */
  organ: string;
  short: string;
  /** A 事业 unit under the organ, e.g. {p}法律援助中心. */
  institute: string;
  /** 项 for the organ's own running costs (行政运行 / 事业运行). */
  basic: { 行政: string; 事业: string };
  /** 项 that carry project spending. */
  project: string[];
  duties: string[];
  projects: string[];
}

export const SECTORS: readonly Sector[] = [
  {
    organ: '{p}司法局', institute: '{p}法律援助中心', short: '司法局', basic: { 行政: '2040601', 事业: '2040650' }, project: ['2040602', '2040699'],
    duties: ['负责全县（区）法治建设的统筹规划和督促落实。', '承担全面依法治县（区）委员会办公室的日常工作。', '负责人民调解、社区矫正和法律援助工作。'],
    projects: ['法律援助经费', '人民调解员补助', '社区矫正工作经费', '普法宣传经费'],
  },
  {
    organ: '中共{p}委政法委员会', institute: '{p}综治中心', short: '政法委', basic: { 行政: '2040201', 事业: '2040250' }, project: ['2040202', '2040299'],
    duties: ['统筹协调政法工作，推进平安建设和法治建设。', '了解掌握和分析研判社会稳定形势，协调推动预防、化解各类风险。', '指导推动基层社会治理和网格化服务管理工作。'],
    projects: ['“雪亮工程”运维费', '网格化管理经费', '平安建设工作经费', '综治中心运行经费'],
  },
  {
    organ: '{p}人民政府办公室', institute: '{p}政务服务中心', short: '政府办', basic: { 行政: '2010301', 事业: '2010350' }, project: ['2010302', '2010399'],
    duties: ['负责政府日常政务的综合协调和督促检查。', '承办政府会议的组织和会务工作。', '负责政务公开和政务信息工作。'],
    projects: ['政务服务工作经费', '政务公开专项经费', '督查督办工作经费'],
  },
  {
    organ: '中共{p}委组织部', institute: '{p}党员教育中心', short: '组织部', basic: { 行政: '2013201', 事业: '2013250' }, project: ['2013202', '2013299'],
    duties: ['负责干部队伍建设和干部教育培训工作。', '指导基层党组织建设和党员教育管理工作。', '负责人才工作的统筹协调。'],
    projects: ['干部教育培训经费', '基层党建工作经费', '人才发展专项资金'],
  },
  {
    organ: '中共{p}委宣传部', institute: '{p}融媒体中心', short: '宣传部', basic: { 行政: '2013301', 事业: '2013350' }, project: ['2013302', '2013399'],
    duties: ['负责理论武装和思想政治工作。', '指导新闻宣传和舆论引导工作。', '统筹精神文明建设工作。'],
    projects: ['新闻宣传工作经费', '文明创建工作经费', '理论宣讲经费'],
  },
  {
    organ: '{p}卫生健康局', institute: '{p}疾病预防控制中心', short: '卫健局', basic: { 行政: '2100101', 事业: '2100199' }, project: ['2100102', '2100199'],
    duties: ['负责卫生健康事业发展规划和政策的组织实施。', '统筹推进医药卫生体制改革。', '负责疾病预防控制和计划生育服务管理工作。'],
    projects: ['基本公共卫生服务补助', '计划生育奖励扶助', '卫生应急工作经费'],
  },
  {
    organ: '{p}农业农村局', institute: '{p}农业技术推广中心', short: '农业农村局', basic: { 行政: '2130101', 事业: '2130104' }, project: ['2130102', '2130199'],
    duties: ['负责农业农村发展规划的组织实施。', '负责粮食和重要农产品生产的指导工作。', '指导乡村产业发展和农村改革工作。'],
    projects: ['高标准农田建设经费', '农业技术推广经费', '乡村振兴示范项目'],
  },
  {
    organ: '{p}应急管理局', institute: '{p}应急救援指挥中心', short: '应急局', basic: { 行政: '2240101', 事业: '2240150' }, project: ['2240102', '2240199'],
    duties: ['负责应急管理工作，指导各地各部门应对突发事件。', '组织编制应急预案并组织演练。', '负责安全生产综合监督管理。'],
    projects: ['应急救援物资储备经费', '安全生产监管经费', '防灾减灾宣传经费'],
  },
  {
    organ: '{p}住房和城乡建设局', institute: '{p}建设工程质量安全监督站', short: '住建局', basic: { 行政: '2120101', 事业: '2120199' }, project: ['2120102', '2120199'],
    duties: ['负责城乡建设规划的组织实施。', '负责建筑市场和工程质量安全监督管理。', '指导城市管理和村镇建设工作。'],
    projects: ['城市管理工作经费', '建筑工程质量监督经费', '农村危房改造补助'],
  },
  {
    organ: '{p}教育局', institute: '{p}第一小学', short: '教育局', basic: { 行政: '2050101', 事业: '2050202' }, project: ['2050202', '2050203', '2050201'],
    duties: ['负责全县（区）教育事业发展规划的组织实施。', '统筹管理义务教育和学前教育。', '负责教师队伍建设和教育督导工作。'],
    projects: ['义务教育公用经费保障资金', '学前教育发展资金', '学生资助补助经费'],
  },
];

/** Lines every unit has: pensions, medical insurance, housing fund (by unit kind where it matters). */
export const COMMON_CODES = {
  pension: '2080505',
  annuity: '2080506',
  medical: { 行政: '2101101', 事业: '2101102' },
  housing: '2210201',
} as const;

/** 政府性基金: land-sale revenue spent on 征地和拆迁补偿 / 土地开发. */
export const GOV_FUND_CODES = ['2120801', '2120802'];

/** 人员经费 (301, 303) and 公用经费 (302, 310) 款 that synthetic units itemise. */
export const PERSONNEL_ITEMS = ['30101', '30102', '30103', '30107', '30108', '30109', '30112', '30113', '30199', '30302', '30305', '30399'];
export const PUBLIC_ITEMS = ['30201', '30202', '30205', '30206', '30207', '30211', '30213', '30215', '30216', '30226', '30228', '30229', '30239', '30299', '31002'];

export const STAFF_NOTES = ['另有机关后勤服务人员控制数1人', '比上年增加1人', '比上年减少1人（退休）', '人员均为财政全额供给'];

export const REASONS = {
  up: ['新增项目支出纳入预算', '人员增加及工资调整', '业务工作量增加', '上级专项资金增加'],
  down: ['项目完成后相应经费减少', '厉行节约，压减一般性支出', '人员减少', '上年一次性支出本年未发生'],
  budget: ['年中追加专项资金后按计划执行', '严格执行预算，节约开支', '部分项目按进度结转下年', '年初预算按标准测算，实际按实结算'],
};

export const OTHER_MATTERS = [
  '本年度无其他需要说明的情况。',
  '本单位严格执行预决算公开制度，按要求公开部门决算。',
  '本年度未发生重大资产处置事项。',
];
