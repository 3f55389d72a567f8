import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Descriptions, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { api, ApiError } from '../../../lib/api.js';
import { useI18n, useKindI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { RichText } from '../../../components/rich-text.js';
import type { PublicProposalDetail } from '../../../../shared/schemas/public.js';
import { CATEGORIES, SUPERVISION_KINDS } from '../../../../shared/domain.js';
import { PublicShell, RESULT_COLORS, rememberTenant, resultFull, resultShort, type PublicTenant } from './public-shell.js';
import { PageTitle } from '../../../components/page-title.js';

/** A published proposal as the public sees it: no personal data beyond proposers' names and 界别. */
export function PublicProposalPage() {
  const { t: tPlain } = useI18n();
  const { id } = useParams();
  const [params] = useSearchParams();
  const tenantParam = params.get('tenant');
  const detail = useQuery({
    queryKey: ['public', 'proposal', id, tenantParam],
    queryFn: async (): Promise<{ tenantId: number; p: PublicProposalDetail }> => {
      const get = (tenantId: number) => api.get<PublicProposalDetail>(`/public/proposals/${id}`, { tenantId }).then((p) => ({ tenantId, p }));
      if (tenantParam) return get(Number(tenantParam));
      // A link without its region: try each region in turn.
      const tenants = (await api.get<{ items: PublicTenant[] }>('/public/tenants')).items;
      let last: unknown = new ApiError(404, 'NOT_FOUND', tPlain('公开提案不存在'), null);
      for (const x of tenants) {
        try {
          return await get(x.id);
        } catch (e) {
          last = e;
          if (!(e instanceof ApiError && e.status === 404)) throw e;
        }
      }
      throw last;
    },
  });
  // A deputy's suggestion in the NPC's words (代表建议, 代表, 代表团).
  const { t, locale } = useKindI18n(detail.data?.p.kind);
  useEffect(() => {
    if (!detail.data) return;
    document.title = detail.data.p.title;
    // The region of the proposal read becomes the portal's region (back on /public, /public/tasks).
    rememberTenant(detail.data.tenantId);
  }, [detail.data]);

  return (
    <PublicShell>
      <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 960, margin: '0 auto', display: 'flex' }}>
        <Breadcrumb
          items={[
            { title: <Link to={detail.data ? `/public?tenant=${detail.data.tenantId}&session=${detail.data.p.sessionId}` : '/public'}>{t('公开提案')}</Link> },
            { title: detail.data ? proposalNo(detail.data.p.number) : t('提案详情') },
          ]}
        />
        <QueryState query={detail}>
          {({ p }) => (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card>
                <Space direction="vertical" size="small" style={{ width: '100%' }}>
                  <Space size={6} wrap>
                    <Tag color="default">{proposalNo(p.number)}</Tag>
                    {p.isKey && <Tag color="red">{t('重点提案')}</Tag>}
                    <Tag>{t(CATEGORIES.labels[p.category])}</Tag>
                    {p.resultClass && (
                      <Tooltip title={t(resultFull(p.resultClass)!)}>
                        <Tag color={RESULT_COLORS[p.resultClass]}>{t(resultShort(p.resultClass)!)}</Tag>
                      </Tooltip>
                    )}
                  </Space>
                  <PageTitle size={3} style={{ margin: 0 }}>
                    {p.title}
                  </PageTitle>
                  <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 8 }}>
                    <Descriptions.Item label={t('届次')}>
                      <span data-testid="public-session">
                        {p.sessionYear} {p.sessionName}
                      </span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('提案人')}>
                      {p.proposers.length ? p.proposers.map((x) => (x.sector ? `${x.name}（${x.sector}）` : x.name)).join('、') : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('主办单位')}>{p.leadUnit ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('办理结果')}>{p.resultClass ? t(resultFull(p.resultClass)!) : t('办理中')}</Descriptions.Item>
                    <Descriptions.Item label={t('公开日期')}>{formatDay(p.publishedAt, locale)}</Descriptions.Item>
                    {p.isKey && (
                      <Descriptions.Item label={t('督办领导')} span={2}>
                        {p.leaders.length ? p.leaders.map((l) => `${l.name}（${l.title}）`).join('、') : '—'}
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                </Space>
              </Card>
              <Card title={t('提案内容')}>
                <RichText value={p.body} />
              </Card>
              {p.reply ? (
                <Card
                  title={t('答复')}
                  extra={
                    <Space size={6}>
                      <Tag color={RESULT_COLORS[p.reply.resultClass]}>{t(resultShort(p.reply.resultClass)!)}</Tag>
                      <Typography.Text type="secondary">{formatDay(p.reply.replyDate, locale)}</Typography.Text>
                    </Space>
                  }
                >
                  <RichText value={p.reply.body} />
                </Card>
              ) : (
                <Card title={t('答复')}>
                  <Typography.Text type="secondary" data-testid="public-reply-note">
                    {p.replyAvailability === 'on_request' ? t('答复依申请公开') : t('答复未公开或尚未答复')}
                  </Typography.Text>
                  {p.replyAvailability === 'on_request' && (
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
                      {t('承办单位已答复，答复全文可依法向承办单位申请公开。')}
                    </Typography.Paragraph>
                  )}
                </Card>
              )}
              {p.supervisionActivities.length > 0 && (
                <Card title={t('督办情况')}>
                  <Timeline
                    items={p.supervisionActivities.map((a, i) => ({
                      key: i,
                      color: 'red',
                      children: (
                        <Space direction="vertical" size={2}>
                          <Space size={6} wrap>
                            <Typography.Text strong>{formatDay(a.activityDate, locale)}</Typography.Text>
                            <Tag>{t(SUPERVISION_KINDS.labels[a.kind])}</Tag>
                            <Typography.Text type="secondary">{a.place}</Typography.Text>
                          </Space>
                          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.content}</Typography.Paragraph>
                        </Space>
                      ),
                    }))}
                  />
                </Card>
              )}
              {p.followUps.length > 0 && (
                <Card title={t('落实情况')}>
                  <Timeline
                    items={p.followUps.map((f, i) => ({
                      key: i,
                      color: f.completed ? 'green' : 'blue',
                      children: (
                        <Space direction="vertical" size={2}>
                          <Space size={6} wrap>
                            <Typography.Text strong>{formatDay(f.reportedOn, locale)}</Typography.Text>
                            {f.completed ? <Tag color="success">{t('已落实')}</Tag> : <Tag color="processing">{t('推进中')}</Tag>}
                          </Space>
                          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{f.body}</Typography.Paragraph>
                        </Space>
                      ),
                    }))}
                  />
                </Card>
              )}
            </Space>
          )}
        </QueryState>
      </Space>
    </PublicShell>
  );
}
