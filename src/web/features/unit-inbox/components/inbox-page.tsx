import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert, App, Badge, Button, Card, Popconfirm, Result, Space, Tabs, Typography } from 'antd';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { ACTION_FORMS } from '../../../app/action-forms.js';
import { ProposalTable } from '../../../components/proposal-table.js';
import { QueryState } from '../../../components/query-state.js';
import { DownloadButton } from '../../../components/download-button.js';
import { DeadlineTag } from '../../../components/deadline-tag.js';
import { useActionLauncher } from '../../../components/action-launcher.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { useBatchRunner } from '../../../components/batch-runner.js';
import { ACTION_LABELS } from '../../../../shared/lifecycle.js';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { LinkButton } from '../../../components/link-button.js';
import '../../print/i18n.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

type TabKey = 'pending' | 'handling' | 'replied' | 'following' | 'closed';

// Each tab is a filter of GET /proposals on this unit's assignments.
const TABS: { key: TabKey; label: string; query: Record<string, string>; sort: string; empty: string }[] = [
  { key: 'pending', label: '待签收', query: { status: 'assigned,handling,rehandling', unitAssignmentStatus: 'pending' }, sort: 'deadline:asc', empty: '暂无待签收的提案' },
  { key: 'handling', label: '办理中', query: { status: 'handling,rehandling', unitAssignmentStatus: 'signed,objected' }, sort: 'deadline:asc', empty: '暂无办理中的提案' },
  // A reply waiting for 答复审核 is the unit's done work too; a returned one is back under 办理中.
  { key: 'replied', label: '已答复', query: { status: 'reply_review,replied' }, sort: 'updatedAt:desc', empty: '暂无提案' },
  { key: 'following', label: '跟踪落实', query: { status: 'following_up' }, sort: 'updatedAt:desc', empty: '暂无提案' },
  { key: 'closed', label: '已办结', query: { status: 'closed' }, sort: 'updatedAt:desc', empty: '暂无提案' },
];

/** 承办单位待办: what the unit must sign, handle, follow up, and what it finished. */
export function InboxPage() {
  const { t } = useI18n();
  const me = useMe();
  if (!me.unitId) return <Result status="warning" title={t('当前账户未关联承办单位')} />;
  return <Inbox unitId={me.unitId} />;
}

function Inbox({ unitId }: { unitId: number }) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const batch = useBatchRunner();
  const [chosen, setChosen] = useState<number[]>([]);
  const [s, update] = useUrlState<Record<string, string | undefined>>({ tab: 'pending', page: '1', pageSize: '20' });
  const tab = TABS.find((x) => x.key === s.tab) ?? TABS[0]!;
  const query = { ...tab.query, unitId: String(unitId), page: s.page, pageSize: s.pageSize, sort: s.sort ?? tab.sort, ...(s.after ? { after: s.after } : {}) };
  const list = useQuery({
    queryKey: ['proposals', 'inbox', query],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', query),
    placeholderData: (prev) => prev,
  });
  // The tab counts: one small query per tab.
  const counts = useQuery({
    queryKey: ['proposals', 'inbox-counts', unitId],
    queryFn: async () => {
      const totals = await Promise.all(
        TABS.map((x) => api.get<Page<ProposalListItem>>('/proposals', { ...x.query, unitId: String(unitId), pageSize: 1 }).then((r) => r.total)),
      );
      return Object.fromEntries(TABS.map((x, i) => [x.key, totals[i]!])) as Record<TabKey, number>;
    },
  });
  const objected = useQuery({
    queryKey: ['proposals', 'inbox-objected', unitId],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', { unitId: String(unitId), unitAssignmentStatus: 'objected', status: 'assigned,handling', pageSize: 20 }),
  });
  const launcher = useActionLauncher(ACTION_FORMS);

  const sign = async (r: ProposalListItem) => {
    try {
      await api.post(`/proposals/${r.id}/sign`, {});
      message.success(t('已签收'));
      await qc.invalidateQueries({ queryKey: ['proposals'] });
      void qc.invalidateQueries({ queryKey: ['proposal', String(r.id)] });
    } catch (e) {
      showErrors(e);
    }
  };

  /** 批量签收: one confirmation for the ticked assignments; all are signed or none. */
  const signChosen = () =>
    modal.confirm({
      title: t('确认签收选中的{n}件提案？', { n: chosen.length }),
      content: t('签收后即开始办理。全部签收成功才会保存，任何一件不能签收则都不签收。'),
      okText: t('确认签收'),
      cancelText: t('取消'),
      onOk: async () => {
        const r = await batch.run({ title: t('批量签收'), path: '/proposals/sign-bulk', body: { items: chosen.map((id) => ({ id })) } });
        if (r) {
          message.success(t('已签收{n}件', { n: r.items.length }));
          setChosen([]);
        }
      },
    });

  const extraColumns =
    tab.key === 'pending'
      ? [
          {
            title: t('操作'),
            key: 'actions',
            width: 220,
            render: (_: unknown, r: ProposalListItem) => {
              const w = r.objectionWindow;
              const closed = w ? !w.open : false;
              return (
                <Space direction="vertical" size={2}>
                  <Space>
                    <Popconfirm title={t('确认签收该提案')} description={t('签收后即开始办理。')} okText={t('确认签收')} cancelText={t('取消')} onConfirm={() => sign(r)}>
                      <Button type="primary" size="small">
                        {t(ACTION_LABELS.sign)}
                      </Button>
                    </Popconfirm>
                    <Button size="small" disabled={closed} loading={launcher.isLoading(r.id, 'object')} onClick={() => launcher.launch(r.id, 'object')}>
                      {t(ACTION_LABELS.object)}
                    </Button>
                  </Space>
                  {/* Until when a change may be asked for; once past, the button stays disabled and says so. */}
                  {w && (
                    <Typography.Text type={closed ? 'secondary' : undefined} style={{ fontSize: 12 }} data-testid={`objection-window-${r.id}`}>
                      {closed ? t('申请调整期限至{day}，已截止', { day: formatDay(w.lastDay, locale) }) : t('可申请调整至{day}', { day: formatDay(w.lastDay, locale) })}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
        ]
      : tab.key === 'handling'
        ? [
            {
              title: t('剩余时间'),
              key: 'left',
              width: 110,
              render: (_: unknown, r: ProposalListItem) => <DeadlineTag deadline={r.deadline} overdue={r.overdue} dueSoon={r.dueSoon} />,
            },
          ]
        : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <PageTitle style={{ margin: 0 }}>
          {t('本单位待办')}
        </PageTitle>
        {/* The current tab's filter and sort, every row rather than one page. */}
        <Space wrap>
          {tab.key === 'pending' && (
            <Button type="primary" disabled={chosen.length === 0} onClick={signChosen} data-testid="batch-sign">
              {t('批量签收')}
              {chosen.length ? `（${chosen.length}）` : ''}
            </Button>
          )}
        <DownloadButton icon={<FileExcelOutlined />} path="/proposals/export.xlsx" query={{ ...tab.query, unitId: String(unitId), sort: query.sort }} fallbackName="提案列表.xlsx">
          {t('导出表格')}
        </DownloadButton>
        <LinkButton icon={<PrinterOutlined />} to={`/units/${unitId}/print/handling`} data-testid="print-handling">
          {t('打印办理情况表')}
        </LinkButton>
        </Space>
      </div>
      {!!objected.data?.total && (
        <Alert
          type="warning"
          showIcon
          message={
            <span>
              {t('{n}件调整申请等待审定：', { n: objected.data.total })}
              {objected.data.items.map((x, i) => (
                <span key={x.id}>
                  {i > 0 && '、'}
                  <Link to={`/proposals/${x.id}`}>
                    {proposalNo(x.number)} {x.title}
                  </Link>
                </span>
              ))}
            </span>
          }
        />
      )}
      <Card size="small">
        <Tabs
          activeKey={tab.key}
          onChange={(k) => {
            setChosen([]);
            update({ tab: k, sort: undefined, page: undefined });
          }}
          items={TABS.map((x) => ({
            key: x.key,
            label: (
              <Space size={6}>
                {t(x.label)}
                <Badge count={counts.data?.[x.key] ?? 0} showZero overflowCount={999} color={x.key === 'pending' && counts.data?.pending ? '#b71c1c' : '#666666'} />
              </Space>
            ),
          }))}
        />
        <QueryState query={list} empty={(d) => d.total === 0} emptyText={t(tab.empty)}>
          {(data) => (
            <ProposalTable
              data={data}
              loading={list.isFetching}
              sort={query.sort}
              onChange={(p) => update({ page: p.page, pageSize: p.pageSize, sort: p.sort, after: p.after }, false)}
              extraColumns={extraColumns}
              rowSelection={
                tab.key === 'pending'
                  ? {
                      selectedRowKeys: chosen,
                      preserveSelectedRowKeys: true,
                      getTitleCheckboxProps: () => ({ 'aria-label': t('全选本页') }),
                      getCheckboxProps: (r) => ({ 'aria-label': `${t('选择')} ${r.title}` }),
                      onChange: (keys) => setChosen(keys.map(Number)),
                    }
                  : undefined
              }
            />
          )}
        </QueryState>
      </Card>
      {launcher.element}
      {batch.element}
    </Space>
  );
}
