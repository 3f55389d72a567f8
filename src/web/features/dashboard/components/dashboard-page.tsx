import { KeyboardScroll } from '../../../components/keyboard-scroll.js';
import { useMemo, type ReactNode } from 'react';
import { FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatDay, formatRate } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { DownloadButton } from '../../../components/download-button.js';
import type { Figures, Rate, UnitStats, UnitStatsRow } from '../../../../shared/schemas/figures.js';
import { EChart, type ChartOption } from '../../../components/echart.js';
import '../i18n.js';
import { YearOnYear } from './year-on-year.js';
import { PageTitle } from '../../../components/page-title.js';
import { SessionLabel } from '../../../components/session-label.js';
import { Data } from '../../../components/data-text.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
  isCurrent: boolean;
}

const COLORS = {
  primary: '#b71c1c',
  A: '#389e0d',
  B: '#d48806',
  C: '#8c8c8c',
  satisfied: '#389e0d',
  basic: '#95de64',
  unsatisfied: '#cf1322',
};

const rateColor = (v: number | null) => (v === null ? COLORS.C : v >= 90 ? COLORS.A : v >= 60 ? COLORS.B : COLORS.unsatisfied);

/** "92.9%（353/380）": a rate always shown with the counts behind it. */
function RateText({ rate }: { rate: Rate }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text strong>{formatRate(rate)}</Typography.Text>
      <Typography.Text type="secondary">（{rate.numerator}/{rate.denominator}）</Typography.Text>
    </span>
  );
}

/** The exact numbers printed beside a chart: label on the left, figure on the right. */
function Numbers({ rows, testId }: { rows: { label: ReactNode; value: ReactNode; note?: ReactNode }[]; testId: string }) {
  return (
    <dl data-testid={testId} style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 12, rowGap: 6, alignContent: 'start' }}>
      {rows.map((r, i) => (
        <div key={i} style={{ display: 'contents' }}>
          <dt style={{ color: 'rgba(0,0,0,0.55)', whiteSpace: 'nowrap' }}>{r.label}</dt>
          <dd style={{ margin: 0 }}>
            <span style={{ whiteSpace: 'nowrap' }}>{r.value}</span>
            {r.note && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {r.note}
              </Typography.Text>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A card with the chart on the left and its numbers on the right (stacked on narrow screens). */
function ChartCard({ title, extra, chart, numbers }: { title: string; extra?: ReactNode; chart: ReactNode; numbers: ReactNode }) {
  return (
    <Card title={title} extra={extra} size="small" style={{ height: '100%' }}>
      <Row gutter={[16, 16]} align="middle">
        <Col xs={24} lg={14}>
          {chart}
        </Col>
        <Col xs={24} lg={10}>
          {numbers}
        </Col>
      </Row>
    </Card>
  );
}

/** 统计看板: a session's figures as charts, each with its exact numbers beside it. */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const [s, update] = useUrlState<{ sessionId: string | undefined }>({ sessionId: undefined });
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const sessionId = useMemo(() => {
    if (s.sessionId) return Number(s.sessionId);
    const list = sessions.data ?? [];
    return (list.find((x) => x.isCurrent && x.kind === 'proposal') ?? list.find((x) => x.isCurrent) ?? list[0])?.id;
  }, [s.sessionId, sessions.data]);
  const figures = useQuery({
    queryKey: ['figures', sessionId],
    queryFn: () => api.get<Figures>(`/sessions/${sessionId}/figures`),
    enabled: sessionId !== undefined,
  });
  const unitStats = useQuery({
    queryKey: ['unit-stats', sessionId],
    queryFn: () => api.get<UnitStats>(`/sessions/${sessionId}/unit-stats`),
    enabled: sessionId !== undefined,
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <PageTitle style={{ margin: 0 }}>
          {t('统计看板')}
        </PageTitle>
        <Space wrap>
          <label htmlFor="dashboard-session">{t('届次')}</label>
          <Select
            id="dashboard-session"
            aria-label={t('届次')}
            placeholder={t('选择届次')}
            loading={sessions.isLoading}
            style={{ width: 260 }}
            value={sessionId}
            onChange={(v) => update({ sessionId: v })}
            options={(sessions.data ?? []).map((x) => ({ value: x.id, label: <SessionLabel session={x} /> }))}
          />
          {figures.data && <Typography.Text type="secondary">{t('统计截至 {day}', { day: formatDay(figures.data.asOf, locale) })}</Typography.Text>}
          {sessionId !== undefined && (
            <DownloadButton icon={<FileWordOutlined />} path={`/sessions/${sessionId}/documents/compilation.docx`} fallbackName="提案及答复汇编.docx">
              {t('下载提案汇编')}
            </DownloadButton>
          )}
        </Space>
      </Space>
      {sessions.data && sessions.data.length === 0 ? (
        <Card>
          <Empty description={t('暂无届次会议')} />
        </Card>
      ) : (
        <QueryState query={figures}>{(f) => <Charts f={f} units={unitStats} />}</QueryState>
      )}
      {sessionId !== undefined && sessions.data && <YearOnYear sessions={sessions.data} sessionId={sessionId} />}
    </Space>
  );
}

function Charts({ f, units }: { f: Figures; units: { data?: UnitStats; isLoading: boolean; error: unknown; refetch: () => unknown } }) {
  const { t } = useI18n();
  const funnel = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          min: 0,
          max: Math.max(f.received, 1),
          minSize: '20%',
          left: 10,
          right: 10,
          top: 10,
          bottom: 10,
          gap: 4,
          label: { show: true, position: 'inside', formatter: '{b} {c}', color: '#fff', fontSize: 14 },
          data: [
            { name: t('收到'), value: f.received, itemStyle: { color: '#8c1515' } },
            { name: t('立案'), value: f.filed, itemStyle: { color: COLORS.primary } },
            { name: t('并案后'), value: f.afterMerge, itemStyle: { color: '#e57373' } },
          ],
        },
      ],
    }),
    [f, t],
  );

  const abc = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['38%', '72%'],
          center: ['50%', '45%'],
          label: { position: 'inside', formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#fff', fontWeight: 'bold' },
          data: (['A', 'B', 'C'] as const).map((k) => ({ name: t(`${k}类`), value: f.resultClasses[k], itemStyle: { color: COLORS[k] } })),
        },
      ],
    }),
    [f, t],
  );

  const satisfaction = useMemo<ChartOption>(() => {
    const sides = [f.satisfaction.attitude, f.satisfaction.result];
    const series = (['satisfied', 'basic', 'unsatisfied'] as const).map((k) => ({
      type: 'bar',
      stack: 'all',
      name: t(k === 'satisfied' ? '满意' : k === 'basic' ? '基本满意' : '不满意'),
      itemStyle: { color: COLORS[k] },
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      barWidth: 28,
      data: sides.map((side) => side[k]),
    }));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 8, bottom: 36, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: [t('办理态度'), t('办理结果')] },
      series,
    };
  }, [f, t]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('收到')} value={f.received} suffix={t('件')} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('立案')} value={f.filed} suffix={t('件')} />
            <Typography.Text type="secondary">
              {t('立案率')} <RateText rate={f.filingRate} />
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('并案后')} value={f.afterMerge} suffix={t('件')} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('重点提案')} value={f.keyProposals} suffix={t('件')} />
            <Typography.Text type="secondary">{t('{n} 位督办领导', { n: f.keyLeaders })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('已办复')} value={f.handled} suffix={t('件')} />
            <Typography.Text type="secondary">
              {t('见面率')} <RateText rate={f.faceToFaceRate} />
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('当前逾期')} value={f.overdue} suffix={t('件')} valueStyle={f.overdue ? { color: COLORS.unsatisfied } : undefined} />
            <Typography.Text type="secondary">
              {t('按时办复率')} <RateText rate={f.onTimeRate} />
            </Typography.Text>
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('立案流程：收到 → 立案 → 并案后')}
            chart={<EChart option={funnel} height={240} label={`${t('收到')} ${f.received}，${t('立案')} ${f.filed}，${t('并案后')} ${f.afterMerge}`} testId="chart-funnel" />}
            numbers={
              <Numbers
                testId="numbers-funnel"
                rows={[
                  { label: t('收到'), value: f.received },
                  {
                    label: t('立案'),
                    value: f.filed,
                    note: t('不立案 {n} 件（来信 {letter}、社情民意 {social}）', { n: f.notFiled.total, letter: f.notFiled.letter, social: f.notFiled.socialReport }),
                  },
                  { label: t('立案率'), value: <RateText rate={f.filingRate} /> },
                  { label: t('并案后'), value: f.afterMerge, note: t('并案减少 {n} 件', { n: f.mergedSecondaries }) },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('答复分类（A/B/C）')}
            chart={
              f.handled ? (
                <EChart option={abc} height={240} label={`A ${f.resultClasses.A}，B ${f.resultClasses.B}，C ${f.resultClasses.C}`} testId="chart-abc" />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )
            }
            numbers={
              <Numbers
                testId="numbers-abc"
                rows={[
                  ...(['A', 'B', 'C'] as const).map((k) => ({
                    // Preset tag colours: their text is darkened to 4.5:1 (lib/a11y.css); a hex colour is not.
                    label: <Tag color={({ A: 'green', B: 'gold', C: undefined } as const)[k]}>{t(`${k}类`)}</Tag>,
                    value: (
                      <span>
                        <Typography.Text strong>{f.resultClasses[k]}</Typography.Text>
                        <Typography.Text type="secondary"> / {f.handled}</Typography.Text>
                      </span>
                    ),
                  })),
                  { label: t('已办复'), value: f.handled, note: t('按主办单位最新答复计，共 {n} 件已办复', { n: f.handled }) },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t('满意度测评')}
            extra={<Typography.Text type="secondary">{t('已测评 {n} 件', { n: f.satisfaction.evaluated })}</Typography.Text>}
            chart={
              f.satisfaction.evaluated ? (
                <EChart option={satisfaction} height={200} label={`${t('办理态度')} ${formatRate(f.satisfaction.attitude.rate)}，${t('办理结果')} ${formatRate(f.satisfaction.result.rate)}`} testId="chart-satisfaction" />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )
            }
            numbers={
              <Numbers
                testId="numbers-satisfaction"
                rows={(['attitude', 'result'] as const).map((k) => {
                  const side = f.satisfaction[k];
                  return {
                    label: `${t(k === 'attitude' ? '办理态度' : '办理结果')}${t('满意率')}`,
                    value: <RateText rate={side.rate} />,
                    note: `${t('满意')} ${side.satisfied} · ${t('基本满意')} ${side.basic} · ${t('不满意')} ${side.unsatisfied}`,
                  };
                })}
              />
            }
          />
        </Col>
        <Col xs={24} xl={12}>
          <QueryState query={units}>{(u) => <OverdueCard total={f.overdue} units={u.units} />}</QueryState>
        </Col>
        <Col xs={24}>
          <QueryState query={units}>{(u) => <OnTimeCard f={f} units={u.units} />}</QueryState>
        </Col>
      </Row>
    </Space>
  );
}

function OverdueCard({ total, units }: { total: number; units: UnitStatsRow[] }) {
  const { t } = useI18n();
  const rows = useMemo(() => units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN')), [units]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
      series: [{ type: 'bar', name: t('逾期'), barMaxWidth: 22, itemStyle: { color: COLORS.unsatisfied }, label: { show: true, position: 'right' }, data: rows.map((r) => r.overdue) }],
    }),
    [rows, t],
  );
  return (
    <ChartCard
      title={t('逾期未办复')}
      extra={<Typography.Text type={total ? 'danger' : 'secondary'}>{`${t('当前逾期')} ${total} ${t('件')}`}</Typography.Text>}
      chart={
        rows.length ? (
          <EChart option={option} height={Math.max(160, rows.length * 30 + 30)} label={`${t('各承办单位逾期件数')}：${rows.map((r) => `${r.name} ${r.overdue}`).join('，')}`} testId="chart-overdue" />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('当前没有逾期的提案')} />
        )
      }
      numbers={
        <Numbers
          testId="numbers-overdue"
          rows={[
            { label: t('当前逾期'), value: <Typography.Text strong>{total}</Typography.Text>, note: rows.length ? t('各单位：逾期 / 主办件数') : undefined },
            ...rows.map((r) => ({
              label: <Data>{r.name}</Data>,
              value: (
                <span>
                  <Typography.Text strong>{r.overdue}</Typography.Text>
                  <Typography.Text type="secondary"> / {r.asLead}</Typography.Text>
                </span>
              ),
            })),
          ]}
        />
      }
    />
  );
}

function OnTimeCard({ f, units }: { f: Figures; units: UnitStatsRow[] }) {
  const { t } = useI18n();
  // Worst first; units with nothing due yet have no rate and stay out of the chart.
  const rated = useMemo(
    () =>
      units
        .filter((u) => u.onTimeRate.value !== null)
        .sort((a, b) => a.onTimeRate.value! - b.onTimeRate.value! || b.onTimeRate.denominator - a.onTimeRate.denominator || a.name.localeCompare(b.name, 'zh-CN')),
    [units],
  );
  const table = useMemo(() => [...rated, ...units.filter((u) => u.onTimeRate.value === null).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))], [rated, units]);
  const chartHeight = Math.max(180, rated.length * 30 + 30);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const u = rated[ps[0]!.dataIndex]!;
          return `${u.name}<br/>${t('按时办复率')} ${formatRate(u.onTimeRate)}（${u.onTimeRate.numerator}/${u.onTimeRate.denominator}）`;
        },
      },
      grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: rated.map((u) => u.name) },
      series: [
        {
          type: 'bar',
          name: t('按时办复率'),
          barMaxWidth: 20,
          data: rated.map((u) => ({ value: u.onTimeRate.value, itemStyle: { color: rateColor(u.onTimeRate.value) } })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const r = rated[p.dataIndex]!.onTimeRate;
              return `${formatRate(r)}（${r.numerator}/${r.denominator}）`;
            },
          },
        },
      ],
    }),
    [rated, t],
  );
  return (
    <Card
      size="small"
      title={t('各承办单位按时办复率（由低到高）')}
      extra={
        <Typography.Text type="secondary">
          {t('按时办复率')} <RateText rate={f.onTimeRate} />
        </Typography.Text>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          {rated.length ? (
            <EChart option={option} height={chartHeight} label={`${t('各承办单位按时办复率（由低到高）')}：${rated.map((u) => `${u.name} ${formatRate(u.onTimeRate)}`).join('，')}`} testId="chart-ontime" />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无应答复的提案')} />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('全届：按时答复 {on} / 应答复 {due}', { on: f.onTimeRate.numerator, due: f.onTimeRate.denominator })}
            {'；'}
            {t('应答复 = 已答复 {r} + 当前逾期 {o}', { r: f.onTimeRate.denominator - f.overdue, o: f.overdue })}
          </Typography.Text>
        </Col>
        <Col xs={24} xl={12}>
          <KeyboardScroll label={t('按时办复率明细')}>
          <Table<UnitStatsRow>
            data-testid="numbers-ontime"
            size="small"
            rowKey="unitId"
            pagination={false}
            scroll={{ x: 480, y: Math.max(240, chartHeight - 40) }}
            dataSource={table}
            columns={[
              { title: t('承办单位'), dataIndex: 'name', fixed: 'left', width: 140, render: (v: string) => <Data>{v}</Data> },
              { title: t('按时办复率'), key: 'rate', width: 124, render: (_, u) => <RateText rate={u.onTimeRate} /> },
              { title: t('交办'), dataIndex: 'assigned', width: 52, align: 'right' },
              { title: t('答复'), dataIndex: 'replied', width: 52, align: 'right' },
              { title: t('逾期'), dataIndex: 'overdue', width: 52, align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
              { title: 'A/B/C', key: 'abc', width: 72, render: (_, u) => `${u.resultClasses.A}/${u.resultClasses.B}/${u.resultClasses.C}` },
            ]}
          />
          </KeyboardScroll>
        </Col>
      </Row>
    </Card>
  );
}
