/**
 * 汇总 for a finance bureau (财政审核人: its region and those below; 管理员: any or all): the exact totals of the
 * region's published reports by 功能分类 类/款/项 (a tree), 经济分类, 三公, 机关运行经费 and 收支; the units by workflow
 * state; those with findings (linking to them); XLSX and CSV exports. GET /api/summary does the sums.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, InputNumber, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { API_PREFIX, type DatasetSummary, type FunctionalLine, type Region, type Summary, type SummaryLine, type UnitState } from '../../../src/api/contract.js';
import { api, messageOf } from '../api.js';
import { wanToYuan } from '../format.js';
import { useSession } from '../session.js';
import { StatusTag } from './Datasets.js';

interface TreeRow extends FunctionalLine {
  key: string;
  children?: TreeRow[];
}

/** 类 → 款 → 项 by code prefix (a 款 whose 类 is missing stays at the top). */
export function functionalTree(lines: readonly FunctionalLine[]): TreeRow[] {
  const byCode = new Map<string, TreeRow>();
  const roots: TreeRow[] = [];
  for (const l of [...lines].sort((a, b) => a.code.localeCompare(b.code))) {
    const row: TreeRow = { ...l, key: l.code };
    byCode.set(l.code, row);
    const parent = l.code.length === 7 ? byCode.get(l.code.slice(0, 5)) : l.code.length === 5 ? byCode.get(l.code.slice(0, 3)) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}

const money = (v: string) => <span className="mono" style={{ fontVariantNumeric: 'tabular-nums' }}>{wanToYuan(v)}</span>;

function LinesTable({ rows, testid, codeTitle = '代码' }: { rows: SummaryLine[]; testid: string; codeTitle?: string }) {
  return (
    <Table<SummaryLine>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={rows}
      data-testid={testid}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '项目', dataIndex: 'name', render: (n: string, l) => n || l.code },
        { title: codeTitle, dataIndex: 'code', responsive: ['md'], render: (c: string) => <Typography.Text type="secondary" className="mono">{c}</Typography.Text> },
        { title: '金额（元）', dataIndex: 'value', align: 'right', render: money },
        { title: '单位数', dataIndex: 'units', align: 'right', width: 80 },
      ]}
    />
  );
}

export function SummaryPage() {
  const { me } = useSession();
  const [regions, setRegions] = useState<Region[] | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [data, setData] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    api.get<Region[]>('/regions').then(setRegions, (e: unknown) => setError(messageOf(e)));
    // The latest year with data the user can see; else last year.
    api.get<DatasetSummary[]>('/datasets').then(
      (ds) => setYear((y) => y ?? (ds.length ? Math.max(...ds.map((d) => d.year)) : new Date().getFullYear() - 1)),
      () => setYear((y) => y ?? new Date().getFullYear() - 1),
    );
  }, []);

  /** The regions this user may sum: a 财政审核人 its own and those below; 管理员 all. */
  const choices = useMemo(() => {
    if (!regions) return [];
    if (me.role === 'admin') return regions;
    const own = new Set<number>(me.regionId === null ? [] : [me.regionId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of regions) if (r.parentId !== null && own.has(r.parentId) && !own.has(r.id)) { own.add(r.id); grew = true; }
    }
    return regions.filter((r) => own.has(r.id));
  }, [regions, me]);

  const query = useMemo(() => {
    if (year === null) return null;
    const q = new URLSearchParams({ year: String(year) });
    if (region) q.set('region', region);
    return q.toString();
  }, [year, region]);

  useEffect(() => {
    if (!query) return;
    setLoading(true);
    api.get<Summary>(`/summary?${query}`).then(
      (s) => { setData(s); setError(null); },
      (e: unknown) => { setData(null); setError(messageOf(e)); },
    ).finally(() => setLoading(false));
  }, [query]);

  const st = data?.states;
  const tree = useMemo(() => functionalTree(data?.functional ?? []), [data]);
  const title = data ? `${data.region?.name ?? '全部地区'} ${data.year}年度部门决算汇总` : '汇总';

  return (
    <Card title={<span data-testid="summary-title" className="card-title-wrap">{title}</span>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>年度</Typography.Text>
          <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} aria-label="年度" data-testid="summary-year" />
          <Typography.Text>地区</Typography.Text>
          <Select
            style={{ minWidth: 200 }}
            aria-label="地区"
            data-testid="summary-region"
            value={region ?? ''}
            onChange={(v: string) => setRegion(v || undefined)}
            options={[
              { value: '', label: me.role === 'admin' ? '全部地区' : '本人所属地区' },
              ...choices.map((r) => ({ value: r.code, label: `${r.name}（${r.level}）` })),
            ]}
          />
          {query && (
            <>
              <Button href={`${API_PREFIX}/summary?${query}&format=xlsx`} download data-testid="summary-xlsx">导出 Excel</Button>
              <Button href={`${API_PREFIX}/summary?${query}&format=csv`} download data-testid="summary-csv">导出 CSV</Button>
            </>
          )}
        </Space>
        <Typography.Text type="secondary">
          合计只含已公开且未被更正的报告，精确到分；金额单位：元（导出的 Excel、CSV 以万元计，同样精确到分）。单位状态按该年度数据的审核流程统计。
        </Typography.Text>
        {error && <Alert type="error" showIcon title={error} />}
        {st && data && (
          <Row gutter={[12, 12]} data-testid="summary-states">
            {([
              ['published', '已公开', st.published], ['pending', '审核中', st.pending], ['returned', '退回', st.returned],
              ['draft', '草稿', st.draft], ['noDataset', '未建立数据', st.noDataset], ['total', '单位合计', st.total],
            ] as const).map(([k, label, v]) => (
              <Col key={k} xs={8} sm={8} md={4}>
                <Card size="small"><Statistic title={label} value={v} data-testid={`summary-state-${k}`} /></Card>
              </Col>
            ))}
          </Row>
        )}
        {data && (
          <Tabs
            items={[
              {
                key: 'totals', label: '收支',
                children: <LinesTable rows={data.totals} testid="summary-totals" codeTitle="指标" />,
              },
              {
                key: 'functional', label: '功能分类',
                children: (
                  <Table<TreeRow>
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={tree}
                    data-testid="summary-functional"
                    scroll={{ x: 'max-content' }}
                    expandable={{ defaultExpandAllRows: false }}
                    locale={{ emptyText: '没有已公开的支出' }}
                    columns={[
                      { title: '科目编码', dataIndex: 'code', render: (c: string) => <span className="mono">{c}</span> },
                      { title: '科目名称', dataIndex: 'name' },
                      { title: '级次', dataIndex: 'level', width: 60, responsive: ['md'] },
                      { title: '金额（元）', dataIndex: 'value', align: 'right', render: money },
                      { title: '单位数', dataIndex: 'units', align: 'right', width: 80 },
                    ]}
                  />
                ),
              },
              {
                key: 'economic', label: '经济分类',
                children: <LinesTable rows={data.economic} testid="summary-economic" codeTitle="科目编码" />,
              },
              {
                key: 'sangong', label: '三公经费与机关运行经费',
                children: <LinesTable rows={[...data.sangong, data.operatingCost]} testid="summary-sangong" codeTitle="指标" />,
              },
              {
                key: 'findings', label: `有审核问题的单位（${data.withFindings.length}）`,
                children: <UnitsTable rows={data.withFindings} testid="summary-findings" empty="没有单位有审核问题" />,
              },
              {
                key: 'units', label: `全部单位（${data.units.length}）`,
                children: <UnitsTable rows={data.units} testid="summary-units" empty="该地区没有单位" />,
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}

function UnitsTable({ rows, testid, empty }: { rows: UnitState[]; testid: string; empty: string }) {
  return (
    <Table<UnitState>
      size="small"
      rowKey="unitCode"
      dataSource={rows}
      data-testid={testid}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: empty }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '单位', dataIndex: 'unit', render: (n: string, u) => (u.datasetId !== null ? <a href={`#/datasets/${u.datasetId}`}>{n}</a> : n) },
        { title: '地区', dataIndex: 'region', responsive: ['md'] },
        { title: '状态', dataIndex: 'status', render: (s: UnitState['status'], u) => (s ? <StatusTag status={s} /> : <Tag>{u.statusLabel}</Tag>) },
        { title: '错误', dataIndex: 'errors', align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
        { title: '警告', dataIndex: 'warnings', align: 'right', render: (n: number) => (n ? <Typography.Text type="warning">{n}</Typography.Text> : 0) },
        { title: '计入汇总', dataIndex: 'published', render: (p: boolean) => (p ? '是' : '否') },
      ]}
    />
  );
}
