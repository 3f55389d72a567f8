import { useState } from 'react';
import { Data } from '../../../components/data-text.js';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { CheckSquareOutlined, FormOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatTime, sessionOptionLabel } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useActionLauncher } from '../../../components/action-launcher.js';
import { ACTION_FORMS } from '../../../app/action-forms.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import { CATEGORIES } from '../../../../shared/domain.js';
import '../i18n.js';
import { serverPagination } from '../../../components/server-pagination.js';
import { LinkButton } from '../../../components/link-button.js';
import { BatchFileModal } from './batch-file-modal.js';
import { PageTitle } from '../../../components/page-title.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
}

/**
 * 审查队列: submissions awaiting review, oldest first. 审查 opens the proposal's text beside the
 * decision form (立案 / 不立案 / 退回修改); the title leads to the full proposal page.
 */
export function ReviewQueuePage() {
  const { t, locale } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const query = { page: s.page, pageSize: s.pageSize, sessionId: s.sessionId, category: s.category, q: s.q, status: 'submitted', sort: 'submittedAt:asc' };
  const list = useQuery({
    queryKey: ['proposals', 'review-queue', query],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', query),
    placeholderData: (prev) => prev,
  });
  const launcher = useActionLauncher(ACTION_FORMS, () => void list.refetch());
  // Chosen for 批量立案, kept across pages in the order they were ticked.
  const [chosen, setChosen] = useState<ProposalListItem[]>([]);
  const [batchOpen, setBatchOpen] = useState(false);

  const columns: TableProps<ProposalListItem>['columns'] = [
    { title: t('提交时间'), dataIndex: 'submittedAt', key: 'submittedAt', width: 170, render: (v: string | null) => formatTime(v, locale) },
    {
      title: t('案由'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/proposals/${r.id}`}>
            <Data>{title}</Data>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Data>{r.sessionName}</Data>
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('提案人'),
      key: 'proposer',
      width: 200,
      render: (_: unknown, r) => (
        <span>
          <Data>{r.leadProposerName ?? '—'}</Data>
          {r.proposerCount > 1 && <Typography.Text type="secondary"> {t('等{n}人', { n: r.proposerCount })}</Typography.Text>}
        </span>
      ),
    },
    { title: t('类别'), dataIndex: 'category', key: 'category', width: 110, render: (c: ProposalListItem['category']) => <Tag>{t(CATEGORIES.labels[c])}</Tag> },
    {
      title: t('操作'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button type="primary" size="small" loading={launcher.isLoading(r.id, 'file')} onClick={() => void launcher.launch(r.id, 'file')} aria-label={`${t('审查')} ${r.title}`}>
          {t('审查')}
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space direction="vertical" size={0}>
          <PageTitle style={{ margin: 0 }}>
            {t('审查队列')}
          </PageTitle>
          {list.data && <Typography.Text type="secondary">{t('待审查 {n} 件，按提交时间先后排列', { n: list.data.total })}</Typography.Text>}
        </Space>
        <Space wrap>
          <Button type="primary" icon={<CheckSquareOutlined />} disabled={chosen.length === 0} onClick={() => setBatchOpen(true)} data-testid="batch-file">
            {t('批量立案')}
            {chosen.length ? `（${chosen.length}）` : ''}
          </Button>
          <LinkButton to="/paper-proposals/new" icon={<FormOutlined />}>{t('代录纸质提案')}</LinkButton>
          <LinkButton to="/merge" icon={<MergeCellsOutlined />}>{t('并案')}</LinkButton>
        </Space>
      </Space>
      <Card size="small">
        <Space wrap>
          <Input.Search key={s.q ?? ''} allowClear placeholder={t('搜索案由、正文或编号')} defaultValue={s.q} onSearch={(q) => update({ q })} style={{ width: 240 }} aria-label={t('搜索案由、正文或编号')} />
          <Select
            allowClear
            placeholder={t('届次')}
            aria-label={t('届次')}
            style={{ width: 220 }}
            value={s.sessionId ? Number(s.sessionId) : undefined}
            onChange={(v) => update({ sessionId: v })}
            options={(sessions.data ?? []).map((x) => ({ value: x.id, label: sessionOptionLabel(x) }))}
          />
          <Select
            allowClear
            placeholder={t('类别')}
            aria-label={t('类别')}
            style={{ width: 140 }}
            value={s.category}
            onChange={(v) => update({ category: v })}
            options={CATEGORIES.values.map((c) => ({ value: c, label: t(CATEGORIES.labels[c]) }))}
          />
          <Button onClick={() => update({ q: undefined, sessionId: undefined, category: undefined })}>{t('重置')}</Button>
        </Space>
      </Card>
      <Card size="small">
        <QueryState query={list}>
          {(data) => (
            <Table<ProposalListItem>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              columns={columns}
              dataSource={data.items}
              scroll={{ x: 820 }}
              locale={{ emptyText: t('暂无待审查的提案') }}
              rowSelection={{
                selectedRowKeys: chosen.map((c) => c.id),
                preserveSelectedRowKeys: true,
                getTitleCheckboxProps: () => ({ 'aria-label': t('全选本页') }),
                getCheckboxProps: (r) => ({ 'aria-label': `${t('选择')} ${r.title}` }),
                onChange: (_keys, rows) =>
                  setChosen((prev) => {
                    const onPage = new Set(data.items.map((x) => x.id));
                    const kept = prev.filter((p) => !onPage.has(p.id));
                    const picked = rows.filter((r): r is ProposalListItem => !!r && onPage.has(r.id));
                    // Keep the order of ticking: earlier picks first, new ones at the end.
                    const stay = prev.filter((p) => picked.some((r) => r.id === p.id));
                    return [...kept, ...stay, ...picked.filter((r) => !stay.some((p) => p.id === r.id))];
                  }),
              }}
              pagination={serverPagination(data, t)}
              onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
            />
          )}
        </QueryState>
      </Card>
      {launcher.element}
      {batchOpen && (
        <BatchFileModal
          items={chosen}
          onClose={() => setBatchOpen(false)}
          onDone={() => {
            setBatchOpen(false);
            setChosen([]);
            void list.refetch();
          }}
        />
      )}
    </Space>
  );
}
