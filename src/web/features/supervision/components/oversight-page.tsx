import { useQuery } from '@tanstack/react-query';
import { Card, Collapse, Descriptions, List, Space, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { StatusTag } from '../../../components/status-tag.js';
import { KindTag } from '../../../components/kind-tag.js';
import type { Oversight } from '../../../../shared/schemas/supervision.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/**
 * 下级概览: read-only, the lower levels' sessions (figures) and key proposals (leaders, lead unit,
 * state, class, overdue). No proposer, member or personal data is sent.
 */
export function OversightPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['oversight'], queryFn: () => api.get<Oversight>('/oversight') });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle style={{ margin: 0 }}>{t('下级概览')}</PageTitle>
      <QueryState query={q} empty={(d) => d.children.length === 0} emptyText={t('暂无下级单位')}>
        {(d) => (
          <>
            {d.children.map((c) => (
              <Card key={c.tenantId} size="small" title={c.name} style={{ marginBottom: 12 }}>
                {c.sessions.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
                <Collapse
                  size="small"
                  items={c.sessions.map((s) => ({
                    key: s.id,
                    label: (
                      <Space wrap>
                        <KindTag kind={s.kind} />
                        <span>{`${s.year} ${s.name}`}</span>
                        <Typography.Text type="secondary">{t('收到 {a}，立案 {b}，已办复 {c}，重点提案 {d}，逾期 {e}', { a: s.received, b: s.filed, c: s.handled, d: s.keyProposals, e: s.overdue })}</Typography.Text>
                      </Space>
                    ),
                    children: (
                      <>
                        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                          <Descriptions.Item label={t('按时办复率')}>{pct(s.onTimeRate)}</Descriptions.Item>
                          <Descriptions.Item label={t('满意率')}>{pct(s.satisfactionRate)}</Descriptions.Item>
                        </Descriptions>
                        <List
                          size="small"
                          dataSource={s.keyItems}
                          renderItem={(k) => (
                            <List.Item>
                              <Space direction="vertical" size={0}>
                                <Space wrap>
                                  <span>{`${proposalNo(k.number)} ${k.title}`}</span>
                                  <StatusTag status={k.status} />
                                  {k.resultClass && <Tag>{k.resultClass}</Tag>}
                                  {k.overdue && <Tag color="red">{t('逾期')}</Tag>}
                                  {k.joint && <Tag color="purple">{t('两级联合督办')}</Tag>}
                                </Space>
                                <Typography.Text type="secondary">{[k.leaders.join('、'), k.leadUnit].filter(Boolean).join(' · ')}</Typography.Text>
                              </Space>
                            </List.Item>
                          )}
                        />
                      </>
                    ),
                  }))}
                />
              </Card>
            ))}
          </>
        )}
      </QueryState>
    </Space>
  );
}
