import { useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { QueryState } from '../../../components/query-state.js';
import type { LeaderSupervision } from '../../../../shared/schemas/supervision.js';
import { InstructionForm, InstructionList, MeetingCard } from '../../../components/supervision/meetings-panel.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';
import { Data } from '../../../components/data-text.js';

/** A leader's own page: /my-supervision sends him to /leaders/:id/supervision. */
export function MySupervisionRedirect() {
  const me = useMe();
  return me.leaderId ? <Navigate to={`/leaders/${me.leaderId}/supervision`} replace /> : <Navigate to="/key-proposals" replace />;
}

/**
 * 领导督办页: the key proposals a leader leads (his level's and the lower level's jointly
 * supervised), all his meetings and instructions; the leader records his own instruction here.
 */
export function LeaderSupervisionPage() {
  const { t } = useI18n();
  const me = useMe();
  const id = Number(useParams().id);
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['leader-supervision', id], queryFn: () => api.get<LeaderSupervision>(`/leaders/${id}/supervision`) });
  return (
    <QueryState query={q}>
      {(d) => {
        const options = d.proposals.map((p) => ({ id: p.id, label: `${p.tenantName} ${proposalNo(p.number)} ${p.title}` }));
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <div>
                <PageTitle style={{ margin: 0 }}><Data>{d.leader.printName}</Data></PageTitle>
                <Typography.Text type="secondary"><Data>{d.leader.title}</Data></Typography.Text>
              </div>
              {me.leaderId === id && options.length > 0 && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('登记领导批示')}</Button>
              )}
            </Space>
            <Card size="small" title={t('领衔督办的重点提案')}>
              <List
                dataSource={d.proposals}
                locale={{ emptyText: t('暂无') }}
                renderItem={(p) => (
                  <List.Item>
                    <Space wrap>
                      {p.tenantId === me.tenantId ? <Link to={`/proposals/${p.id}`}>{proposalNo(p.number)} <Data>{p.title}</Data></Link> : <span><Data>{p.tenantName}</Data> {proposalNo(p.number)} <Data>{p.title}</Data></span>}
                      {p.joint && <Tag color="purple">{t('两级联合督办')}</Tag>}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={t('督办会议')}>
              {d.meetings.length ? d.meetings.map((m) => <MeetingCard key={m.id} m={m} />) : <Typography.Text type="secondary">{t('暂无督办会议')}</Typography.Text>}
            </Card>
            <Card size="small">
              {d.instructions.length ? <InstructionList items={d.instructions} /> : <Typography.Text type="secondary">{t('暂无领导批示')}</Typography.Text>}
            </Card>
            {adding && <InstructionForm proposals={options} leaders={null} onClose={() => setAdding(false)} />}
          </Space>
        );
      }}
    </QueryState>
  );
}
