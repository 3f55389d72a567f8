import { useEffect } from 'react';
import { Link } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Grid, Input, List, Row, Select, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n, useKindI18n } from '../../../lib/i18n.js';
import type { ProposalKind } from '../../../../shared/domain.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatDay, formatRate, proposalNo } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { DownloadButton } from '../../../components/download-button.js';
import type { z } from 'zod';
import type { publicKeyProposalItem, publicProposalItem, publicProposalPage } from '../../../../shared/schemas/public.js';
import type { Figures } from '../../../../shared/schemas/figures.js';
import { PublicShell, RESULT_COLORS, TenantPicker, proposerNames, resultFull, resultShort, sessionLabel, usePortalTenant, usePublicSessions } from './public-shell.js';
import '../i18n-tasks.js';
import { PageTitle } from '../../../components/page-title.js';

type Item = z.infer<typeof publicProposalItem>;
type KeyItem = z.infer<typeof publicKeyProposalItem>;
type ItemPage = z.infer<typeof publicProposalPage>;

const countPublished = (tenantId: number, sessionId?: number) => api.get<ItemPage>('/public/proposals', { tenantId, sessionId, pageSize: 1 }).then((p) => p.total);

/** 公众平台 home: pick the region and session, see the year's figures, the key proposals and every published proposal. */
export function PortalHomePage() {
  const { t } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  // One region for the whole portal (public-shell.tsx): the URL's, the remembered one or the default.
  const portal = usePortalTenant();
  const { tenants, tenantId } = portal;
  const sessions = usePublicSessions(tenantId);
  // Default session: the latest with published proposals, 政协 before 人大 in the same year.
  const sessionCounts = useQueries({
    queries: (sessions.data ?? []).map((x) => ({ queryKey: ['public', 'count', tenantId, x.id], queryFn: () => countPublished(tenantId!, x.id), enabled: !!tenantId && !s.session, staleTime: 300_000 })),
  });
  const defaultSession = (() => {
    const list = sessions.data ?? [];
    if (!list.length || sessionCounts.some((q) => q.isLoading)) return undefined;
    const withContent = list.filter((_x, i) => (sessionCounts[i]?.data ?? 0) > 0);
    const pool = withContent.length ? withContent : list;
    return [...pool].sort((a, b) => b.year - a.year || Number(a.kind === 'suggestion') - Number(b.kind === 'suggestion') || Number(b.isCurrent) - Number(a.isCurrent))[0]!.id;
  })();
  const sessionId = s.session ? Number(s.session) : defaultSession;
  const session = sessions.data?.find((x) => x.id === sessionId);

  useEffect(() => {
    document.title = t('提案办理公开');
  }, [t]);

  return (
    <PublicShell
      extra={
        <TenantPicker portal={portal} reset={['session', 'q']} />
      }
    >
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
          <div>
            <PageTitle size={3} style={{ margin: 0 }}>
              {t('{name}提案建议办理公开', { name: portal.tenant?.name ?? '' })}
            </PageTitle>
            <Typography.Text type="secondary">{t('已公开提案的办理情况、重点提案督办情况和年度工作数据')}</Typography.Text>
            <div>
              <Link to={tenantId ? `/public/tasks?tenant=${tenantId}` : '/public/tasks'} data-testid="public-tasks-link">
                {t('政府重点工作完成情况')} →
              </Link>
            </div>
          </div>
          <Select
            aria-label={t('届次')}
            placeholder={t('选择届次')}
            value={sessionId}
            loading={sessions.isLoading}
            style={{ minWidth: 260, maxWidth: '100%' }}
            onChange={(v) => update({ session: v, q: undefined })}
            // The two organs apart: 政协's sessions and 人大's, each numbered on its own.
            options={(['proposal', 'suggestion'] as const)
              .map((k) => ({
                label: k === 'suggestion' ? t('人大代表建议') : t('政协提案'),
                options: (sessions.data ?? []).filter((x) => x.kind === k).map((x) => ({ value: x.id, label: sessionLabel(x, t) })),
              }))
              .filter((g) => g.options.length > 0)}
          />
        </div>
        {tenants.error ? (
          <QueryState query={tenants}>{() => null}</QueryState>
        ) : !tenantId || (sessions.isLoading && !sessionId) ? (
          <Skeleton active />
        ) : !sessions.data?.length ? (
          <Card>
            <Empty description={t('该地区暂无公开内容')} />
          </Card>
        ) : sessionId ? (
          <>
            <FiguresCards sessionId={sessionId} kind={session?.kind} />
            <KeyProposals tenantId={tenantId} sessionId={sessionId} kind={session?.kind} />
            <PublishedList tenantId={tenantId} sessionId={sessionId} kind={session?.kind} title={session?.kind === 'suggestion' ? t('已公开的建议') : t('已公开的提案')} />
          </>
        ) : (
          <Skeleton active />
        )}
      </Space>
    </PublicShell>
  );
}

function FiguresCards({ sessionId, kind }: { sessionId: number; kind?: ProposalKind }) {
  const { t, locale } = useKindI18n(kind);
  const figures = useQuery({ queryKey: ['public', 'figures', sessionId], queryFn: () => api.get<Figures>(`/public/sessions/${sessionId}/figures`) });
  return (
    <QueryState query={figures}>
      {(f) => {
        const cards: { title: string; value: string | number; note?: string }[] = [
          { title: t('收到'), value: f.received, note: t('件') },
          { title: t('立案'), value: f.filed, note: t('件') },
          { title: t('立案率'), value: formatRate(f.filingRate) },
          { title: t('并案后'), value: f.afterMerge, note: t('件') },
          { title: t('重点提案'), value: f.keyProposals, note: t('{n} 位领导督办', { n: f.keyLeaders }) },
          { title: t('A / B / C 类'), value: `${f.resultClasses.A} / ${f.resultClasses.B} / ${f.resultClasses.C}` },
          { title: t('满意率（办理结果）'), value: formatRate(f.satisfaction.result.rate), note: t('办理态度 {r}', { r: formatRate(f.satisfaction.attitude.rate) }) },
          { title: t('按时办复率'), value: formatRate(f.onTimeRate) },
        ];
        return (
          <div>
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', columnGap: 12, marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('{year}年 {name} 工作数据', { year: f.year, name: f.sessionName })}
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginInlineStart: 8 }}>
                  {t('统计截至 {day}', { day: formatDay(f.asOf, locale) })}
                </Typography.Text>
              </Typography.Title>
              <OpenDataLinks sessionId={sessionId} />
            </div>
            <Row gutter={[12, 12]}>
              {cards.map((c) => (
                <Col key={c.title} xs={12} sm={8} md={6}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Statistic title={c.title} value={c.value} valueStyle={{ color: '#b71c1c', fontSize: 22 }} />
                    {c.note && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c.note}
                      </Typography.Text>
                    )}
                  </Card>
                </Col>
              ))}
            </Row>
          </div>
        );
      }}
    </QueryState>
  );
}

/** 开放数据: the session's published proposals and figures as CSV and JSON, without personal data. */
function OpenDataLinks({ sessionId }: { sessionId: number }) {
  const { t } = useI18n();
  return (
    <Space size={0} data-testid="open-data">
      <Tooltip title={t('已公开提案及统计数据，不含个人信息')}>
        <Typography.Text type="secondary">{t('开放数据')}：</Typography.Text>
      </Tooltip>
      <DownloadButton type="link" size="small" path={`/public/sessions/${sessionId}/open-data.csv`} fallbackName="open-data.csv">
        CSV
      </DownloadButton>
      <DownloadButton type="link" size="small" path={`/public/sessions/${sessionId}/open-data.json`} fallbackName="open-data.json">
        JSON
      </DownloadButton>
    </Space>
  );
}

function ResultTag({ r }: { r: Item['resultClass'] }) {
  const { t } = useI18n();
  if (!r) return null;
  return (
    <Tooltip title={t(resultFull(r)!)}>
      <Tag color={RESULT_COLORS[r]}>{t(resultShort(r)!)}</Tag>
    </Tooltip>
  );
}

function KeyProposals({ tenantId, sessionId, kind }: { tenantId: number; sessionId: number; kind?: ProposalKind }) {
  const { t } = useKindI18n(kind);
  const keys = useQuery({
    queryKey: ['public', 'key-proposals', tenantId, sessionId],
    queryFn: async () => (await api.get<{ items: KeyItem[] }>('/public/key-proposals', { tenantId, sessionId })).items,
  });
  return (
    <Card
      title={
        <Space>
          <StarFilled style={{ color: '#b71c1c' }} />
          {t('重点提案督办')}
        </Space>
      }
      size="small"
    >
      <QueryState query={keys} empty={(d) => d.length === 0} emptyText={t('本届次暂无公开的重点提案')}>
        {(items) => (
          <Row gutter={[12, 12]}>
            {items.map((k) => (
              <Col key={k.id} xs={24} md={12}>
                <Card size="small" style={{ height: '100%' }} styles={{ body: { display: 'flex', flexDirection: 'column', gap: 6 } }}>
                  <Space size={6} wrap>
                    <Tag color="red">{proposalNo(k.number)}</Tag>
                    <ResultTag r={k.resultClass} />
                  </Space>
                  <Link to={`/public/proposals/${k.id}?tenant=${tenantId}`} style={{ fontWeight: 600, fontSize: 15 }}>
                    {k.title}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('提案人')}：{proposerNames(k.proposers) || '—'}
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 13 }}>
                    {t('督办领导')}：{k.leaders.length ? k.leaders.map((l) => `${l.name}（${l.title}）`).join('、') : '—'}
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 13 }}>
                    {t('主办单位')}：{k.leadUnit ?? '—'}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </QueryState>
    </Card>
  );
}

function PublishedList({ tenantId, sessionId, kind, title }: { tenantId: number; sessionId: number; kind?: ProposalKind; title: string }) {
  const { t, locale } = useKindI18n(kind);
  const screens = Grid.useBreakpoint();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const query = { tenantId, sessionId, q: s.q, isKey: s.key === 'true' ? 'true' : undefined, page: s.page, pageSize: s.pageSize };
  const list = useQuery({
    queryKey: ['public', 'proposals', query],
    queryFn: () => api.get<ItemPage>('/public/proposals', query),
    placeholderData: (prev) => prev,
  });
  const link = (r: Item) => `/public/proposals/${r.id}?tenant=${tenantId}`;
  const columns: TableProps<Item>['columns'] = [
    { title: t('编号'), dataIndex: 'number', key: 'number', width: 90, render: (n: number | null) => proposalNo(n) },
    {
      title: t('案由'),
      key: 'title',
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Link to={link(r)}>{r.title}</Link>
          {r.isKey && <Tag color="red">{t('重点')}</Tag>}
        </Space>
      ),
    },
    { title: t('提案人'), key: 'proposers', width: 200, render: (_: unknown, r) => proposerNames(r.proposers) || '—' },
    { title: t('主办单位'), dataIndex: 'leadUnit', key: 'leadUnit', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('办理结果'), dataIndex: 'resultClass', key: 'resultClass', width: 100, render: (r: Item['resultClass']) => <ResultTag r={r} /> },
    { title: t('公开日期'), dataIndex: 'publishedAt', key: 'publishedAt', width: 140, render: (d: string | null) => formatDay(d, locale) },
  ];
  const pagination = (data: ItemPage) => ({
    current: data.page,
    pageSize: data.pageSize,
    total: data.total,
    showSizeChanger: !!screens.md,
    pageSizeOptions: [20, 50, 100],
    size: screens.md ? undefined : ('small' as const),
    showTotal: (n: number) => `${t('共')} ${n} ${t('条')}`,
  });
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Select
          aria-label={t('范围')}
          size="small"
          value={s.key === 'true' ? 'key' : 'all'}
          style={{ width: 110 }}
          onChange={(v) => update({ key: v === 'key' ? 'true' : undefined })}
          options={[
            { value: 'all', label: t('全部') },
            { value: 'key', label: t('仅重点提案') },
          ]}
        />
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Input.Search
          key={`${tenantId}-${sessionId}`}
          allowClear
          enterButton={t('搜索')}
          placeholder={t('搜索案由、正文或编号')}
          aria-label={t('搜索案由、正文或编号')}
          defaultValue={s.q}
          onSearch={(q) => update({ q })}
          style={{ maxWidth: 420 }}
        />
        <QueryState query={list} empty={(d) => d.total === 0} emptyText={s.q ? t('没有找到符合条件的公开提案') : t('本届次暂无公开的提案')}>
          {(data) =>
            screens.md ? (
              <Table<Item>
                rowKey="id"
                size="middle"
                loading={list.isFetching}
                columns={columns}
                dataSource={data.items}
                pagination={pagination(data)}
                onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
              />
            ) : (
              <List<Item>
                loading={list.isFetching}
                dataSource={data.items}
                pagination={{ ...pagination(data), onChange: (page, pageSize) => update({ page, pageSize }, false) }}
                renderItem={(r) => (
                  <List.Item key={r.id} style={{ paddingInline: 0 }}>
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Space size={4} wrap>
                        <Typography.Text type="secondary">{proposalNo(r.number)}</Typography.Text>
                        {r.isKey && <Tag color="red">{t('重点')}</Tag>}
                        <ResultTag r={r.resultClass} />
                      </Space>
                      <Link to={link(r)} style={{ fontWeight: 500 }}>
                        {r.title}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {proposerNames(r.proposers)}
                        {r.leadUnit ? ` · ${t('主办')}：${r.leadUnit}` : ''}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )
          }
        </QueryState>
      </Space>
    </Card>
  );
}
