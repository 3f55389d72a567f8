import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Card, Empty, Input, InputNumber, List, Select, Space, Switch, Tag, Typography, Button } from 'antd';
import { api } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { useMe } from '../../../app/auth.js';
import { proposalNo, sessionOptionLabel } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { StatusTag } from '../../../components/status-tag.js';
import type { SearchPage as SearchResult } from '../../../../shared/schemas/search.js';
import { STATES, STATE_LABELS } from '../../../../shared/lifecycle.js';
import { CATEGORIES, RESULT_CLASSES } from '../../../../shared/domain.js';
import { Highlighted } from './highlighted.js';
import '../i18n.js';
import { KindTag } from '../../../components/kind-tag.js';
import { PageTitle } from '../../../components/page-title.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
}
interface UnitOption {
  id: number;
  name: string;
}

const FILTERS = ['sessionId', 'year', 'status', 'unitId', 'category', 'isKey', 'resultClass'] as const;

/** 全文检索: the query and the filters live in the URL; results ranked, with highlighted passages. */
export function SearchPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const staffLike = me.roles.some((r) => r === 'staff' || r === 'office' || r === 'leader');
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<UnitOption[]>('/units'), enabled: staffLike, staleTime: 5 * 60_000 });
  const q = s.q?.trim();
  const results = useQuery({
    queryKey: ['search', s],
    queryFn: () => api.get<SearchResult>('/search', s),
    enabled: !!q,
    placeholderData: (prev) => prev,
  });
  const number = (n: number) => n.toLocaleString(locale);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle style={{ margin: 0 }}>
        {t('全文检索')}
      </PageTitle>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.Search
            key={s.q ?? ''}
            defaultValue={s.q}
            placeholder={t('检索案由、正文、答复和落实情况')}
            enterButton={t('检索')}
            allowClear
            maxLength={100}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            aria-label={t('全文检索')}
            style={{ maxWidth: 560 }}
          />
          <Space wrap>
            <Select allowClear placeholder={t('届次')} aria-label={t('届次')} style={{ width: 220 }} value={s.sessionId ? Number(s.sessionId) : undefined} onChange={(v) => update({ sessionId: v })} options={(sessions.data ?? []).map((x) => ({ value: x.id, label: sessionOptionLabel(x) }))} />
            <InputNumber placeholder={t('年度')} min={2000} max={2100} style={{ width: 100 }} value={s.year ? Number(s.year) : null} onChange={(v) => update({ year: v ?? undefined })} aria-label={t('年度')} />
            <Select allowClear mode="multiple" placeholder={t('状态')} aria-label={t('状态')} style={{ minWidth: 180 }} maxTagCount={2} value={s.status ? s.status.split(',') : []} onChange={(v: string[]) => update({ status: v.join(',') })} options={STATES.map((x) => ({ value: x, label: t(STATE_LABELS[x]) }))} />
            {staffLike && (
              <Select allowClear showSearch optionFilterProp="label" placeholder={t('承办单位')} aria-label={t('承办单位')} style={{ width: 180 }} value={s.unitId ? Number(s.unitId) : undefined} onChange={(v) => update({ unitId: v })} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            )}
            <Select allowClear placeholder={t('类别')} aria-label={t('类别')} style={{ width: 130 }} value={s.category} onChange={(v) => update({ category: v })} options={CATEGORIES.values.map((c) => ({ value: c, label: t(CATEGORIES.labels[c]) }))} />
            <Select allowClear placeholder={t('答复类别')} aria-label={t('答复类别')} style={{ width: 120 }} value={s.resultClass} onChange={(v) => update({ resultClass: v })} options={RESULT_CLASSES.values.map((c) => ({ value: c, label: t('{cls}类', { cls: c }) }))} />
            <Space size={4}>
              <Switch size="small" aria-label={t('重点')} checked={s.isKey === 'true'} onChange={(c) => update({ isKey: c ? 'true' : undefined })} />
              {t('重点')}
            </Space>
            <Button onClick={() => update(Object.fromEntries(FILTERS.map((f) => [f, undefined])))}>{t('重置')}</Button>
          </Space>
        </Space>
      </Card>
      <Card size="small">
        {!q ? (
          <Empty description={t('输入关键词开始检索，例如：养老、河长制')} />
        ) : (
          <QueryState query={results}>
            {(data) => (
              <List
                loading={results.isFetching}
                header={
                  <Space size={[12, 4]} wrap>
                    <Typography.Text type="secondary" data-testid="search-total">{data.totalIsEstimate ? t('约 {n} 条', { n: number(data.total) }) : t('共 {n} 条', { n: number(data.total) })}</Typography.Text>
                    {data.total > data.rankedUpTo && (
                      <Typography.Text type="secondary" data-testid="search-order-note">
                        {t('前 {n} 条按相关度排列，其后按时间从新到旧；可用筛选缩小范围', { n: number(data.rankedUpTo) })}
                      </Typography.Text>
                    )}
                  </Space>
                }
                locale={{ emptyText: <Empty description={t('未找到与「{q}」相关的提案', { q })} /> }}
                dataSource={data.items}
                pagination={{
                  current: data.page,
                  pageSize: data.pageSize,
                  total: data.total,
                  showSizeChanger: true,
                  onChange: (page, pageSize) => update({ page, pageSize }, false),
                }}
                renderItem={(item) => (
                  <List.Item key={item.id}>
                    <List.Item.Meta
                      title={
                        <span>
                          <KindTag kind={item.kind} />
                          <Link to={`/proposals/${item.id}`}>
                            <Highlighted html={item.titleHighlight} />
                          </Link>
                        </span>
                      }
                      description={
                        <Space direction="vertical" size={4} style={{ width: '100%' }}>
                          <Space size={[8, 4]} wrap>
                            <span>{item.sessionName}</span>
                            <span>{proposalNo(item.number)}</span>
                            <StatusTag status={item.status} />
                            {item.isKey && <Tag color="red">{t('重点')}</Tag>}
                            {item.leadProposerName && <span>{item.leadProposerName}</span>}
                            {item.leadUnitName && (
                              <span>
                                {t('主办')}：{item.leadUnitName}
                              </span>
                            )}
                          </Space>
                          <Typography.Paragraph style={{ marginBottom: 0, color: 'rgba(0,0,0,0.78)' }} data-testid="search-snippet">
                            <Highlighted html={item.snippet} />
                          </Typography.Paragraph>
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </QueryState>
        )}
      </Card>
    </Space>
  );
}
