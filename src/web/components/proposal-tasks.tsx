import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Typography } from 'antd';
import { api } from '../lib/api.js';
import { extendEnglish, useT } from '../lib/i18n.js';
import type { z } from 'zod';
import type { proposalTaskList } from '../../shared/schemas/tasks.js';

extendEnglish({ 相关重点工作: 'Related government key tasks', '第{n}项': 'No. {n}' });

type Items = z.infer<typeof proposalTaskList>['items'];

/** 相关重点工作: government key tasks linked to a proposal (nothing shown when there are none). */
/** `linkable`: whether this user may open the task pages (members and groups may not). */
export function ProposalTasks({ proposalId, linkable }: { proposalId: number; linkable: boolean }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['tasks', 'for-proposal', proposalId],
    queryFn: async () => (await api.get<{ items: Items }>(`/proposals/${proposalId}/tasks`)).items,
  });
  if (!q.data?.length) return null;
  return (
    <Card size="small" title={t('相关重点工作')} data-testid="proposal-tasks">
      <List
        size="small"
        dataSource={q.data}
        renderItem={(x) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.listTitle} · {x.leaderName} · {t('第{n}项', { n: x.seq })}
              </Typography.Text>
              {linkable ? <Link to={`/tasks/${x.id}`}>{x.text}</Link> : <Typography.Text>{x.text}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
