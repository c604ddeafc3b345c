/** The editor's forms, one per section, in the order of the report. */
import type { ReactNode } from 'react';
import { Button, Card, Divider, Form, Typography } from 'antd';
import {
  EVALUATION_FUND_SOURCES, FUND_LABELS, FUND_SOURCE_LABELS, FUNDS, STAFF_KINDS, VEHICLE_TYPES,
} from '../../../src/model/schema.js';
import { CONCEPTS } from '../../../src/model/concepts.js';
import { F } from './fields.js';
import { KeyValueTable, ListTable } from './tables.js';
import { fieldDomId, useEditor } from './context.js';
import { getIn, type SectionKey } from './paths.js';

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
const labelled = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

const Grid = ({ children }: { children: ReactNode }) => <div className="editor-grid">{children}</div>;
const Sub = ({ children }: { children: ReactNode }) => <Divider titlePlacement="start" plain style={{ margin: '8px 0 12px' }}><Typography.Text strong>{children}</Typography.Text></Divider>;

/**
 * The paths that have an input of their own (a finding there sits beside it). Any other path
 * is shown beside its closest listed parent, or in the section header.
 */
const ANCHORS: RegExp[] = [
  /^(year|moneyUnit|profile|tableSet|reportDate|otherMatters)$/,
  /^unit\.(name|shortName|level|kind|duties)$/,
  /^unit\.region\.(province|city|county|code)$/,
  /^unit\.keyWork\.(title|paragraphs)$/,
  /^unit\.organisation\.(internal|note|managed|subordinates)$/,
  /^unit\.organisation\.subordinates\[\d+\]\.(name|kind|accounting)$/,
  new RegExp(`^unit\\.staffing\\.(authorized|actual)\\.(${STAFF_KINDS.join('|')})$`),
  /^unit\.staffing\.(retired|note)$/,
  /^income\.(generalBudget|govFund|stateCapital|superiorSubsidy|business|operating|affiliate|other)$/,
  /^(useOfNonFiscalBalance|balanceDistribution|operatingCost)$/,
  /^(openingBalance|closingBalance)\.(generalBudget|govFund|stateCapital|nonFiscal)$/,
  /^expenditure$/,
  /^expenditure\[\d+\]\.(code|fund|basic|project|remit|operating|affiliateSubsidy|initialBudget|adjustedBudget|note)$/,
  /^expenditureIncludes(\.\d+)?$/,
  /^basicExpense\.(personnel|public|items)$/,
  /^basicExpense\.items\[\d+\]\.(code|amount)$/,
  /^sangong\.fund$/,
  /^sangong\.budget\.(abroad|vehiclePurchase|vehicleOperation|reception)$/,
  /^sangong\.actual\.(abroad|vehiclePurchase|vehicleOperation|receptionDomestic|receptionForeign)$/,
  /^sangong\.abroad\.(groups|people)$/,
  /^sangong\.vehicles\.(purchased|held)$/,
  /^sangong\.vehicles\.heldByType\.(轿车|越野车|载客汽车)$/,
  /^sangong\.reception\.(domestic|foreign)\.(batches|people)$/,
  /^sangong\.notes\.(abroad|vehicle|vehicleOperation|reception)$/,
  /^procurement\.(goods|works|services|sme|smeSmall)$/,
  /^assets\.(asOf|generalEquipment500k|specialEquipment1m)$/,
  new RegExp(`^assets\\.vehicles\\.(${VEHICLE_TYPES.join('|')})$`),
  /^performance\.(projectCount|departmentEvaluation)$/,
  /^performance\.(preAssessment|targets|monitoring|selfEvaluation)\.(count|projects)$/,
  /^performance\.selfEvaluation\.funds$/,
  /^evaluations$/,
  /^evaluations\[\d+\]\.(kind|name|code|department|implementer|year|executionReason|selfScore|conclusion|problems|suggestions|funds|indicators|report)$/,
  /^evaluations\[\d+\]\.goals\.(expected|actual)$/,
  /^evaluations\[\d+\]\.stated\.(budget|executed|completionRate)$/,
  /^evaluations\[\d+\]\.funds\[\d+\]\.(source|initial|annual|executed)$/,
  /^evaluations\[\d+\]\.indicators\[\d+\]\.(level1|level2|level3|nature|target|actual|weight|score|deviation)$/,
  /^evaluations\[\d+\]\.report\..+$/,
  /^prior(\..+)?$/,
  /^reasons\.(vsPrior|vsBudget)(\..+)?$/,
];
export const hasAnchor = (path: string): boolean => ANCHORS.some((r) => r.test(path));

const MONEY_CONCEPTS = CONCEPTS.map((c) => ({ value: c.id, label: `${c.label}（${c.id}）` }));

function UnitSection() {
  return (
    <>
      <Sub>基本信息</Sub>
      <Grid>
        <F path={['unit', 'name']} label="单位名称" />
        <F path={['unit', 'shortName']} label="简称" />
        <F path={['year']} label="年度" kind="count" />
        <F path={['unit', 'level']} label="部门/单位" kind="select" options={opts(['部门', '单位'])} />
        <F path={['unit', 'kind']} label="单位性质" kind="select" options={opts(['行政', '参公', '事业'])} />
        <F path={['moneyUnit']} label="金额单位" kind="select" options={opts(['万元', '元'])} />
        <F path={['profile']} label="报告模板" kind="select" options={[{ value: 'sichuan', label: '四川省（sichuan）' }, { value: 'national', label: '全国通用（national）' }]} />
        <F path={['tableSet']} label="公开表套（可不填）" />
        <F path={['reportDate']} label="报告日期" kind="date" />
        <F path={['unit', 'region', 'province']} label="省" />
        <F path={['unit', 'region', 'city']} label="市" />
        <F path={['unit', 'region', 'county']} label="县（区）" />
        <F path={['unit', 'region', 'code']} label="行政区划代码" />
      </Grid>
      <Sub>职责与机构</Sub>
      <F path={['unit', 'duties']} label="主要职责（每行一项）" kind="lines" rows={4} wide />
      <F path={['unit', 'keyWork', 'title']} label="重点工作标题（可不填）" />
      <F path={['unit', 'keyWork', 'paragraphs']} label="年度重点工作完成情况（每行一段）" kind="lines" rows={3} />
      <Grid>
        <F path={['unit', 'organisation', 'internal']} label="内设机构（每行一个）" kind="lines" />
        <F path={['unit', 'organisation', 'managed']} label="代管单位（每行一个）" kind="lines" />
        <F path={['unit', 'organisation', 'note']} label="机构说明" kind="textarea" />
      </Grid>
      <ListTable
        path={['unit', 'organisation', 'subordinates']}
        title={<Typography.Text>下属单位</Typography.Text>}
        addLabel="添加下属单位"
        newRow={() => ({ name: '', kind: '事业', accounting: '独立核算' })}
        cols={[
          { key: 'name', title: '名称', width: 280 },
          { key: 'kind', title: '性质', kind: 'select', options: opts(['行政', '参公', '事业']), width: 120 },
          { key: 'accounting', title: '核算', kind: 'select', options: opts(['独立核算', '非独立核算']), width: 140 },
        ]}
      />
      <Sub>人员编制</Sub>
      <Grid>
        {STAFF_KINDS.map((k) => <F key={`a${k}`} path={['unit', 'staffing', 'authorized', k]} label={`编制数·${k}`} kind="count" />)}
        {STAFF_KINDS.map((k) => <F key={`b${k}`} path={['unit', 'staffing', 'actual', k]} label={`实有人数·${k}`} kind="count" />)}
        <F path={['unit', 'staffing', 'retired']} label="离退休人员" kind="count" />
        <F path={['unit', 'staffing', 'note']} label="人员说明" />
      </Grid>
      <Sub>其他需要说明的情况</Sub>
      <F path={['otherMatters']} label="每行一段" kind="lines" rows={2} />
    </>
  );
}

const INCOME: [string, string][] = [
  ['generalBudget', '一般公共预算财政拨款收入'], ['govFund', '政府性基金预算财政拨款收入'], ['stateCapital', '国有资本经营预算财政拨款收入'],
  ['superiorSubsidy', '上级补助收入'], ['business', '事业收入'], ['operating', '经营收入'], ['affiliate', '附属单位上缴收入'], ['other', '其他收入'],
];
const BYFUND: [string, string][] = [['generalBudget', '一般公共预算'], ['govFund', '政府性基金预算'], ['stateCapital', '国有资本经营预算'], ['nonFiscal', '非财政拨款']];

function IncomeSection() {
  return (
    <>
      <Sub>本年收入</Sub>
      <Grid>{INCOME.map(([k, l]) => <F key={k} path={['income', k]} label={l} kind="amount" />)}</Grid>
      <Grid>
        <F path={['useOfNonFiscalBalance']} label="使用非财政拨款结余" kind="amount" />
        <F path={['balanceDistribution']} label="结余分配（可为负数）" kind="amount" />
      </Grid>
      <Sub>年初结转和结余</Sub>
      <Grid>{BYFUND.map(([k, l]) => <F key={k} path={['openingBalance', k]} label={l} kind="amount" />)}</Grid>
      <Sub>年末结转和结余</Sub>
      <Grid>{BYFUND.map(([k, l]) => <F key={k} path={['closingBalance', k]} label={l} kind="amount" />)}</Grid>
    </>
  );
}

function ExpenditureSection() {
  const ed = useEditor();
  const total = (getIn(ed.data, ['expenditure']) as unknown[] | undefined)?.length ?? 0;
  return (
    <>
      <ListTable
        path={['expenditure']}
        title={<Typography.Paragraph type="secondary">按支出功能分类科目（项级，{ed.year}年科目）和资金来源逐行填写，共 {total} 行；金额单位万元。</Typography.Paragraph>}
        addLabel="添加支出科目"
        newRow={() => ({ code: '', fund: 'generalBudget' })}
        cols={[
          { key: 'code', title: '功能分类科目', kind: 'code-functional' },
          { key: 'fund', title: '资金来源', kind: 'select', options: labelled(FUNDS, FUND_LABELS), width: 200 },
          { key: 'basic', title: '基本支出', kind: 'amount', width: 140 },
          { key: 'project', title: '项目支出', kind: 'amount', width: 140 },
          { key: 'remit', title: '上缴上级支出', kind: 'amount', width: 140 },
          { key: 'operating', title: '经营支出', kind: 'amount', width: 140 },
          { key: 'affiliateSubsidy', title: '对附属单位补助', kind: 'amount', width: 140 },
          { key: 'initialBudget', title: '年初预算数', kind: 'amount', width: 140 },
          { key: 'adjustedBudget', title: '调整预算数', kind: 'amount', width: 140 },
          { key: 'note', title: '说明', width: 160 },
        ]}
      />
      <KeyValueTable
        path={['expenditureIncludes']}
        title={<Typography.Text>合并列示的科目（某行的金额同时包含的其他项级科目，每行一个编码）</Typography.Text>}
        keyTitle="支出行的科目编码"
        valueTitle="同时包含的科目编码"
        valueKind="lines"
      />
    </>
  );
}

function BasicSection() {
  return (
    <>
      <Grid>
        <F path={['basicExpense', 'personnel']} label="人员经费" kind="amount" />
        <F path={['basicExpense', 'public']} label="公用经费" kind="amount" />
      </Grid>
      <ListTable
        path={['basicExpense', 'items']}
        title={<Typography.Text>基本支出经济分类科目（款级；金额可不填，只列出科目）</Typography.Text>}
        addLabel="添加经济分类科目"
        newRow={() => ({ code: '' })}
        cols={[
          { key: 'code', title: '经济分类科目', kind: 'code-economic' },
          { key: 'amount', title: '金额', kind: 'amount', width: 140 },
        ]}
      />
    </>
  );
}

function SangongSection() {
  return (
    <>
      <Grid>
        <F path={['sangong', 'fund']} label="“三公”经费的资金来源" kind="select" options={[{ value: 'generalBudget', label: '一般公共预算' }, { value: 'govFund', label: '政府性基金预算' }]} />
      </Grid>
      <Sub>预算数</Sub>
      <Grid>
        <F path={['sangong', 'budget', 'abroad']} label="因公出国（境）费" kind="amount" />
        <F path={['sangong', 'budget', 'vehiclePurchase']} label="公务用车购置费" kind="amount" />
        <F path={['sangong', 'budget', 'vehicleOperation']} label="公务用车运行维护费" kind="amount" />
        <F path={['sangong', 'budget', 'reception']} label="公务接待费" kind="amount" />
      </Grid>
      <Sub>决算数</Sub>
      <Grid>
        <F path={['sangong', 'actual', 'abroad']} label="因公出国（境）费" kind="amount" />
        <F path={['sangong', 'actual', 'vehiclePurchase']} label="公务用车购置费" kind="amount" />
        <F path={['sangong', 'actual', 'vehicleOperation']} label="公务用车运行维护费" kind="amount" />
        <F path={['sangong', 'actual', 'receptionDomestic']} label="国内公务接待费" kind="amount" />
        <F path={['sangong', 'actual', 'receptionForeign']} label="外事接待费" kind="amount" />
      </Grid>
      <Sub>实物量</Sub>
      <Grid>
        <F path={['sangong', 'abroad', 'groups']} label="出国（境）团组数" kind="count" />
        <F path={['sangong', 'abroad', 'people']} label="出国（境）人次" kind="count" />
        <F path={['sangong', 'vehicles', 'purchased']} label="购置公务用车（辆）" kind="count" />
        <F path={['sangong', 'vehicles', 'held']} label="公务用车保有量（辆）" kind="count" />
        {(['轿车', '越野车', '载客汽车'] as const).map((t) => <F key={t} path={['sangong', 'vehicles', 'heldByType', t]} label={`保有量·${t}`} kind="count" />)}
        <F path={['sangong', 'reception', 'domestic', 'batches']} label="国内公务接待批次" kind="count" />
        <F path={['sangong', 'reception', 'domestic', 'people']} label="国内公务接待人次" kind="count" />
        <F path={['sangong', 'reception', 'foreign', 'batches']} label="外事接待批次" kind="count" />
        <F path={['sangong', 'reception', 'foreign', 'people']} label="外事接待人次" kind="count" />
      </Grid>
      <Sub>说明</Sub>
      <Grid>
        <F path={['sangong', 'notes', 'abroad']} label="因公出国（境）费说明" kind="textarea" />
        <F path={['sangong', 'notes', 'vehicle']} label="公务用车购置费说明" kind="textarea" />
        <F path={['sangong', 'notes', 'vehicleOperation']} label="公务用车运行维护费说明" kind="textarea" />
        <F path={['sangong', 'notes', 'reception']} label="公务接待费说明" kind="textarea" />
      </Grid>
    </>
  );
}

function OperatingSection() {
  return (
    <Grid>
      <F path={['operatingCost']} label="机关运行经费" kind="amount" />
    </Grid>
  );
}

function ProcurementSection() {
  return (
    <Grid>
      <F path={['procurement', 'goods']} label="政府采购货物支出" kind="amount" />
      <F path={['procurement', 'works']} label="政府采购工程支出" kind="amount" />
      <F path={['procurement', 'services']} label="政府采购服务支出" kind="amount" />
      <F path={['procurement', 'sme']} label="授予中小企业合同金额" kind="amount" />
      <F path={['procurement', 'smeSmall']} label="其中：授予小微企业合同金额" kind="amount" />
    </Grid>
  );
}

function AssetsSection() {
  return (
    <>
      <Grid>
        <F path={['assets', 'asOf']} label="截至日期" kind="date" />
        <F path={['assets', 'generalEquipment500k']} label="单价50万元以上通用设备（台/套）" kind="count" />
        <F path={['assets', 'specialEquipment1m']} label="单价100万元以上专用设备（台/套）" kind="count" />
      </Grid>
      <Sub>车辆（辆）</Sub>
      <Grid>{VEHICLE_TYPES.map((t) => <F key={t} path={['assets', 'vehicles', t]} label={t} kind="count" />)}</Grid>
    </>
  );
}

const STEPS: [string, string][] = [['preAssessment', '事前绩效评估'], ['targets', '编制绩效目标'], ['monitoring', '绩效监控'], ['selfEvaluation', '绩效自评']];

function PerformanceSection() {
  const ed = useEditor();
  const evals = (getIn(ed.data, ['evaluations']) as Record<string, unknown>[] | undefined) ?? [];
  return (
    <>
      <Sub>绩效管理情况</Sub>
      <Grid>
        <F path={['performance', 'projectCount']} label="项目支出项目个数" kind="count" />
        <F path={['performance', 'departmentEvaluation']} label="是否开展部门整体支出绩效自评" kind="bool" />
        <F path={['performance', 'selfEvaluation', 'funds']} label="自评项目资金合计" kind="amount" />
      </Grid>
      <Grid>
        {STEPS.flatMap(([k, l]) => [
          <F key={`${k}c`} path={['performance', k, 'count']} label={`${l}项目数`} kind="count" />,
          <F key={`${k}p`} path={['performance', k, 'projects']} label={`${l}项目名称（每行一个）`} kind="lines" rows={1} />,
        ])}
      </Grid>
      <Sub>绩效自评表</Sub>
      <div id={fieldDomId('evaluations')} data-path="evaluations" />
      {evals.map((e, i) => (
        <EvaluationCard key={i} i={i} title={`${e['kind'] === 'department' ? '部门整体' : '项目'}：${String(e['name'] ?? '')}`} />
      ))}
      {!ed.readOnly && (
        <Button
          onClick={() =>
            ed.set(['evaluations'], [...evals, { kind: 'project', name: '', department: String(getIn(ed.data, ['unit', 'name']) ?? ''), implementer: String(getIn(ed.data, ['unit', 'name']) ?? ''), year: ed.year, funds: [], indicators: [] }])
          }
        >
          添加自评表
        </Button>
      )}
    </>
  );
}

function EvaluationCard({ i, title }: { i: number; title: string }) {
  const ed = useEditor();
  const evals = (getIn(ed.data, ['evaluations']) as unknown[] | undefined) ?? [];
  const base = ['evaluations', i] as const;
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 16 }}
      extra={
        !ed.readOnly && (
          <Button size="small" danger type="text" onClick={() => ed.set(['evaluations'], evals.filter((_x, j) => j !== i))}>
            删除此表
          </Button>
        )
      }
    >
      <Grid>
        <F path={[...base, 'kind']} label="类型" kind="select" options={[{ value: 'department', label: '部门整体支出' }, { value: 'project', label: '项目支出' }]} />
        <F path={[...base, 'name']} label="名称" />
        <F path={[...base, 'code']} label="项目编码" />
        <F path={[...base, 'department']} label="主管部门" />
        <F path={[...base, 'implementer']} label="实施单位" />
        <F path={[...base, 'year']} label="年度" kind="count" />
      </Grid>
      <ListTable
        path={[...base, 'funds']}
        title={<Typography.Text>预算执行情况（万元）</Typography.Text>}
        addLabel="添加资金来源"
        newRow={() => ({ source: 'fiscal' })}
        cols={[
          { key: 'source', title: '资金来源', kind: 'select', options: labelled(EVALUATION_FUND_SOURCES, FUND_SOURCE_LABELS), width: 180 },
          { key: 'initial', title: '年初预算数', kind: 'amount', width: 130 },
          { key: 'annual', title: '全年预算数', kind: 'amount', width: 130 },
          { key: 'executed', title: '全年执行数', kind: 'amount', width: 130 },
        ]}
      />
      <F path={[...base, 'executionReason']} label="执行偏差原因" kind="textarea" rows={1} />
      <Grid>
        <F path={[...base, 'goals', 'expected']} label="年度总体目标（预期）" kind="textarea" />
        <F path={[...base, 'goals', 'actual']} label="年度总体目标（实际完成）" kind="textarea" />
      </Grid>
      <ListTable
        path={[...base, 'indicators']}
        title={<Typography.Text>绩效指标</Typography.Text>}
        addLabel="添加指标"
        newRow={() => ({ level1: '产出指标', level2: '数量指标', level3: '', target: '', actual: '' })}
        cols={[
          { key: 'level1', title: '一级指标', kind: 'select', options: opts(['产出指标', '效益指标', '满意度指标', '成本指标']), width: 130 },
          { key: 'level2', title: '二级指标', width: 140 },
          { key: 'level3', title: '三级指标', width: 200 },
          { key: 'nature', title: '指标性质', width: 100 },
          { key: 'target', title: '指标值', width: 130 },
          { key: 'actual', title: '完成值', width: 130 },
          { key: 'weight', title: '分值', width: 70 },
          { key: 'score', title: '得分', width: 70 },
          { key: 'deviation', title: '偏差原因及改进措施', width: 200 },
        ]}
      />
      <Grid>
        <F path={[...base, 'selfScore']} label="自评得分" />
        <F path={[...base, 'stated', 'budget']} label="报告所述预算数" kind="amount" />
        <F path={[...base, 'stated', 'executed']} label="报告所述执行数" kind="amount" />
        <F path={[...base, 'stated', 'completionRate']} label="报告所述执行率" />
      </Grid>
      <F path={[...base, 'conclusion']} label="自评结论" kind="textarea" />
      <Grid>
        <F path={[...base, 'problems']} label="存在的问题（每行一条）" kind="lines" />
        <F path={[...base, 'suggestions']} label="改进建议（每行一条）" kind="lines" />
      </Grid>
      <KeyValueTable path={[...base, 'report']} title={<Typography.Text>自评报告正文（按小节）</Typography.Text>} keyTitle="小节" valueTitle="正文" valueKind="textarea" />
    </Card>
  );
}

function ReasonsSection() {
  return (
    <>
      <KeyValueTable path={['prior']} title={<Typography.Text strong>上年决算数</Typography.Text>} keyTitle="指标" valueTitle="上年数" valueKind="text" keyOptions={MONEY_CONCEPTS} />
      <KeyValueTable path={['reasons', 'vsPrior']} title={<Typography.Text strong>与上年相比的变动原因</Typography.Text>} keyTitle="指标" valueTitle="原因" valueKind="textarea" keyOptions={MONEY_CONCEPTS} />
      <KeyValueTable path={['reasons', 'vsBudget']} title={<Typography.Text strong>与预算相比的差异原因</Typography.Text>} keyTitle="指标" valueTitle="原因" valueKind="textarea" keyOptions={MONEY_CONCEPTS} />
    </>
  );
}

export const SECTION_FORMS: Record<SectionKey, () => ReactNode> = {
  unit: UnitSection,
  income: IncomeSection,
  expenditure: ExpenditureSection,
  basic: BasicSection,
  sangong: SangongSection,
  operating: OperatingSection,
  procurement: ProcurementSection,
  assets: AssetsSection,
  performance: PerformanceSection,
  reasons: ReasonsSection,
};

export function SectionForm({ section }: { section: SectionKey }) {
  const Form_ = SECTION_FORMS[section];
  return (
    <Form layout="vertical" component="div">
      <Form_ />
    </Form>
  );
}
