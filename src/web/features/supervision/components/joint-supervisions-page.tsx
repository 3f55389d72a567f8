import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Space, Tag } from 'antd';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { JOINT_STATUSES, type JointStatus } from '../../../../shared/domain.js';
import type { Joint } from '../../../../shared/schemas/supervision.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';
import { Data } from '../../../components/data-text.js';

const STATUS_COLORS: Record<JointStatus, string> = { invited: 'orange', accepted: 'green', declined: 'default', withdrawn: 'default' };

export function JointStatusTag({ status }: { status: JointStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(JOINT_STATUSES.labels[status])}</Tag>;
}

/**
 * 两级联合督办: the county's invitations and the city's received ones. The city's staff accept or
 * decline; the county's staff withdraw. An accepted one opens for both levels.
 */
export function JointSupervisionsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [busy, setBusy] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['joint-supervisions'], queryFn: () => api.get<{ items: Joint[] }>('/joint-supervisions') });
  const isStaff = me.roles.includes('staff');
  const act = async (j: Joint, what: 'accept' | 'decline' | 'withdraw', done: string) => {
    setBusy(j.id);
    try {
      await api.post(`/joint-supervisions/${j.id}/${what}`, {});
      message.success(t(done));
      await qc.invalidateQueries({ queryKey: ['joint-supervisions'] });
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle style={{ margin: 0 }}>{t('两级联合督办')}</PageTitle>
      <Card size="small">
        <QueryState query={list} empty={(d) => d.items.length === 0} emptyText={t('暂无联合督办')}>
          {(d) => (
            <List
              dataSource={d.items}
              renderItem={(j) => (
                <List.Item
                  actions={[
                    ...(j.status === 'accepted' || j.side === 'owner' ? [<Link key="open" to={`/joint-supervisions/${j.id}`}>{t('查看')}</Link>] : []),
                    ...(isStaff && j.side === 'partner' && j.status === 'invited'
                      ? [
                          <Button key="a" type="primary" size="small" loading={busy === j.id} onClick={() => void act(j, 'accept', '已确认联合督办')}>{t('确认联合督办')}</Button>,
                          <Button key="d" size="small" loading={busy === j.id} onClick={() => void act(j, 'decline', '已谢绝')}>{t('谢绝')}</Button>,
                        ]
                      : []),
                    ...(isStaff && j.side === 'owner' && (j.status === 'invited' || j.status === 'accepted')
                      ? [<Button key="w" size="small" danger loading={busy === j.id} onClick={() => void act(j, 'withdraw', '已撤回联合督办')}>{t('撤回')}</Button>]
                      : []),
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <JointStatusTag status={j.status} />
                        <span>{`${j.proposal.tenantName} ${proposalNo(j.proposal.number)} ${j.proposal.title}`}</span>
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={0}>
                        <span>{t('发起方')}：{j.ownerTenant.name} → {t('受邀方')}：{j.partnerTenant.name}（{formatDay(j.invitedAt.slice(0, 10), locale)}）</span>
                        {j.leaders.length > 0 && <Data>{j.leaders.map((l) => l.printName).join('、')}</Data>}
                        {j.note && <span>{j.note}</span>}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
