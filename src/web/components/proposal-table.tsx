import { Data } from './data-text.js';
import { Link } from 'react-router';
import { Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { ProposalListItem } from '../../shared/schemas/proposal-reads.js';
import type { Page } from '../lib/api.js';
import { formatDay, proposalNo } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { StatusTag } from './status-tag.js';
import { KindTag } from './kind-tag.js';

interface Props {
  data?: Page<ProposalListItem>;
  loading?: boolean;
  /** 'number:asc' style, as the API takes it. */
  sort?: string;
  /** `after`: the keyset cursor when the user goes to the next page (the API's nextCursor), else undefined. */
  onChange?: (p: { page: number; pageSize: number; sort?: string; after?: string }) => void;
  rowSelection?: TableProps<ProposalListItem>['rowSelection'];
  extraColumns?: TableProps<ProposalListItem>['columns'];
  compact?: boolean;
}

/** The proposal list every role sees, with server-side paging and sorting. */
export function ProposalTable({ data, loading, sort, onChange, rowSelection, extraColumns = [], compact }: Props) {
  const { t, locale } = useI18n();
  const [sortField, sortDir] = (sort ?? '').split(':');
  const order = (f: string) => (sortField === f ? (sortDir === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  const columns: TableProps<ProposalListItem>['columns'] = [
    { title: t('编号'), dataIndex: 'number', key: 'number', width: 90, sorter: true, sortOrder: order('number'), render: (n: number | null) => proposalNo(n) },
    {
      title: t('案由'),
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: order('title'),
      render: (title: string, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/proposals/${r.id}`}>
            <Data>{title}</Data>
          </Link>
          <Space size={4} wrap>
            <KindTag kind={r.kind} />
            {r.isKey && <Tag color="red">{t('重点')}</Tag>}
            {r.overdue && <Tag color="error">{t('已逾期')}</Tag>}
            {r.dueSoon && !r.overdue && <Tag color="warning">{t('即将到期')}</Tag>}
            {r.published && <Tag>{t('已公开')}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Data>{r.leadProposerName}</Data>
              {r.proposerCount > 1 ? t(' 等{n}人', { n: r.proposerCount }) : ''}
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    { title: t('状态'), dataIndex: 'status', key: 'status', width: 130, render: (s: ProposalListItem['status']) => <StatusTag status={s} /> },
    ...(compact
      ? []
      : [
          {
            title: t('主办单位'),
            key: 'unit',
            width: 180,
            render: (_: unknown, r: ProposalListItem) => <Data>{r.leadUnitName ?? (r.separateUnitNames.length ? r.separateUnitNames.join('、') : '—')}</Data>,
          },
        ]),
    { title: t('办理期限'), dataIndex: 'deadline', key: 'deadline', width: 140, sorter: true, sortOrder: order('deadline'), render: (d: string | null) => formatDay(d, locale) },
    ...extraColumns,
  ];
  return (
    <Table<ProposalListItem>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      rowSelection={rowSelection}
      scroll={{ x: 760 }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        // A long list is counted up to a cap and estimated beyond it (约 N 条).
        showTotal: (n) => (data?.totalIsExact === false ? `${t('约')} ${n.toLocaleString(locale)} ${t('条')}` : `${t('共')} ${n} ${t('条')}`),
      }}
      onChange={(p, _f, s, extra) => {
        const so = Array.isArray(s) ? s[0] : s;
        // Paging keeps the order shown, also a default order that no column header displays
        // (updatedAt): reading it from the headers would drop it, and with it the cursor.
        const nextSort = extra.action !== 'sort' ? sort : so?.order && so.columnKey ? `${String(so.columnKey)}:${so.order === 'ascend' ? 'asc' : 'desc'}` : undefined;
        // A new order starts at its first page (page 2 of another order means nothing in this one).
        const page = extra.action === 'sort' ? 1 : (p.current ?? 1);
        const pageSize = p.pageSize ?? 20;
        // The next page of the same order starts after the last row shown (keyset paging: no OFFSET).
        const next = data?.nextCursor && page === data.page + 1 && pageSize === data.pageSize && nextSort === sort ? data.nextCursor : undefined;
        onChange?.({ page, pageSize, sort: nextSort, after: next });
      }}
    />
  );
}
