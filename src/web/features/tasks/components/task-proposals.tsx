import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, List, Popconfirm, Select, Space, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { StatusTag } from '../../../components/status-tag.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import type { State } from '../../../../shared/lifecycle.js';
import type { TaskDetail } from '../../../../shared/schemas/tasks.js';

/** 关联提案: proposals about the same work; staff and 督查室 link them by searching the title or text. */
export function TaskProposals({ task, onChanged }: { task: TaskDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const showErrors = useServerErrors();
  const canLink = me.roles.some((r) => r === 'staff' || r === 'office');
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [picked, setPicked] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(search.trim()), 300);
    return () => clearTimeout(h);
  }, [search]);
  const found = useQuery({
    queryKey: ['proposals', 'task-link-search', debounced],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', { q: debounced, pageSize: 20, sort: 'number' }),
    enabled: canLink && debounced.length > 0,
  });

  const link = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      await api.post(`/tasks/${task.id}/proposals`, { proposalId: picked });
      message.success(t('已关联提案'));
      setPicked(undefined);
      setSearch('');
      onChanged();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  const unlink = async (proposalId: number) => {
    try {
      await api.delete(`/tasks/${task.id}/proposals/${proposalId}`);
      message.success(t('已取消关联'));
      onChanged();
    } catch (e) {
      showErrors(e);
    }
  };

  return (
    <Card title={t('关联提案')} size="small" data-testid="task-proposals">
      {canLink && (
        <Space.Compact style={{ width: '100%', maxWidth: 640, marginBottom: 12 }}>
          <Select
            showSearch
            allowClear
            aria-label={t('搜索提案')}
            placeholder={t('输入提案标题或内容中的词语搜索')}
            style={{ flex: 1 }}
            filterOption={false}
            searchValue={search}
            onSearch={setSearch}
            value={picked}
            onChange={setPicked}
            loading={found.isFetching}
            notFoundContent={debounced ? t('没有找到提案') : t('请输入关键词')}
            options={(found.data?.items ?? [])
              .filter((p) => !task.proposals.some((x) => x.id === p.id))
              .map((p) => ({ value: p.id, label: `${p.sessionName} ${proposalNo(p.number)} ${p.title}` }))}
          />
          <Button type="primary" icon={<LinkOutlined />} disabled={!picked} loading={busy} onClick={() => void link()}>
            {t('关联')}
          </Button>
        </Space.Compact>
      )}
      <List
        size="small"
        dataSource={task.proposals}
        locale={{ emptyText: t('暂无关联提案') }}
        renderItem={(p) => (
          <List.Item
            actions={
              canLink
                ? [
                    <Popconfirm key="unlink" title={t('取消与该提案的关联？')} okText={t('确定')} cancelText={t('取消')} onConfirm={() => void unlink(p.id)}>
                      <Button type="link" size="small" danger>
                        {t('取消关联')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space wrap>
              <Typography.Text type="secondary">{proposalNo(p.number)}</Typography.Text>
              <Link to={`/proposals/${p.id}`}>{p.title}</Link>
              <StatusTag status={p.status as State} />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
