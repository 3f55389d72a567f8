import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Card, Input, Modal, Space, Tabs, Typography } from 'antd';
import { FileExcelOutlined, NotificationOutlined, PrinterOutlined } from '@ant-design/icons';
import { LinkButton } from '../../../components/link-button.js';
import { proposalNo } from '../../../lib/format.js';
import '../../print/i18n.js';
import { DownloadButton } from '../../../components/download-button.js';
import { useBatchRunner } from '../../../components/batch-runner.js';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { ACTION_FORMS } from '../../../app/action-forms.js';
import { ProposalTable } from '../../../components/proposal-table.js';
import { QueryState } from '../../../components/query-state.js';
import { DeadlineTag } from '../../../components/deadline-tag.js';
import { useActionLauncher } from '../../../components/action-launcher.js';
import { ACTION_LABELS } from '../../../../shared/lifecycle.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import { UNSIGNED_HINT, UnsignedList, useUnsignedCount } from './unsigned-list.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

type ColumnKey = 'dueSoon' | 'overdue' | 'replied' | 'rehandling';

const IN_UNITS = 'assigned,handling,rehandling';

// The board's four lists, each a filter of GET /proposals, most urgent first. Their colours carry the
// badge's white count at ≥ 4.5:1 (WCAG 1.4.3).
const COLUMNS: { key: ColumnKey; label: string; hint: string; query: Record<string, string>; sort: string; color: string; actions: boolean }[] = [
  { key: 'dueSoon', label: '即将到期', hint: '3个工作日内到期、尚未答复的提案', query: { status: IN_UNITS, dueSoon: 'true', overdue: 'false' }, sort: 'deadline:asc', color: '#ad4e00', actions: true },
  { key: 'overdue', label: '已逾期', hint: '已过办理期限、尚未答复的提案', query: { status: IN_UNITS, overdue: 'true' }, sort: 'deadline:asc', color: '#cf1322', actions: true },
  { key: 'replied', label: '待测评', hint: '已答复、等待提案人测评的提案', query: { status: 'replied' }, sort: 'updatedAt:asc', color: '#006d75', actions: false },
  { key: 'rehandling', label: '重新办理', hint: '测评不满意、正在重新办理的提案', query: { status: 'rehandling' }, sort: 'deadline:asc', color: '#d4380d', actions: true },
];

/**
 * 期限看板 (staff and office): what is due, overdue, awaiting evaluation or re-handled; 催办 and 延期
 * from here. The fifth tab, 超期未签收, lists units rather than proposals (unsigned-list.tsx).
 */
export function DeadlineBoardPage() {
  const { t } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ tab: 'dueSoon', page: '1', pageSize: '20' });
  const unsignedTab = s.tab === 'unsigned';
  const unsignedCount = useUnsignedCount();
  const col = COLUMNS.find((c) => c.key === s.tab) ?? COLUMNS[0]!;
  const query = { ...col.query, page: s.page, pageSize: s.pageSize, sort: s.sort ?? col.sort };
  const list = useQuery({
    queryKey: ['proposals', 'deadlines', query],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', query),
    placeholderData: (prev) => prev,
    enabled: !unsignedTab,
  });
  const counts = useQuery({
    queryKey: ['proposals', 'deadline-counts'],
    queryFn: async () => {
      const totals = await Promise.all(COLUMNS.map((c) => api.get<Page<ProposalListItem>>('/proposals', { ...c.query, pageSize: 1 }).then((r) => r.total)));
      return Object.fromEntries(COLUMNS.map((c, i) => [c.key, totals[i]!])) as Record<ColumnKey, number>;
    },
  });
  const launcher = useActionLauncher(ACTION_FORMS);
  const { message } = App.useApp();
  const batch = useBatchRunner();
  // 批量催办: the proposals ticked on this tab, then one confirmation with an optional message.
  const [chosen, setChosen] = useState<number[]>([]);
  const [remindOpen, setRemindOpen] = useState(false);
  const [note, setNote] = useState('');
  const remindChosen = async () => {
    setRemindOpen(false);
    const r = await batch.run({ title: t('批量催办'), path: '/proposals/remind-bulk', body: { items: chosen.map((id) => ({ id })), message: note.trim() || undefined } });
    if (r) {
      message.success(t('已催办{n}件', { n: r.items.length }));
      setChosen([]);
      setNote('');
    }
  };

  const extraColumns = [
    {
      title: t('剩余时间'),
      key: 'left',
      width: 110,
      render: (_: unknown, r: ProposalListItem) => (r.status === 'replied' ? '—' : <DeadlineTag deadline={r.deadline} overdue={r.overdue} dueSoon={r.dueSoon} />),
    },
    ...(col.actions
      ? [
          {
            title: t('操作'),
            key: 'actions',
            width: 230,
            render: (_: unknown, r: ProposalListItem) => (
              <Space size={4} wrap>
                <Button size="small" loading={launcher.isLoading(r.id, 'remind')} onClick={() => launcher.launch(r.id, 'remind')}>
                  {t(ACTION_LABELS.remind)}
                </Button>
                <Button size="small" loading={launcher.isLoading(r.id, 'extend_deadline')} onClick={() => launcher.launch(r.id, 'extend_deadline')}>
                  {t(ACTION_LABELS.extend_deadline)}
                </Button>
                <LinkButton size="small" icon={<PrinterOutlined />} to={`/proposals/${r.id}/print/reminder`} aria-label={`${t('打印催办通知单')} ${proposalNo(r.number)}`}>
                  {t('通知单')}
                </LinkButton>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <PageTitle style={{ margin: 0 }}>
          {t('期限看板')}
        </PageTitle>
        <Space wrap>
          {col.actions && !unsignedTab && (
            <Button type="primary" icon={<NotificationOutlined />} disabled={chosen.length === 0} onClick={() => setRemindOpen(true)} data-testid="batch-remind">
              {t('批量催办')}
              {chosen.length ? `（${chosen.length}）` : ''}
            </Button>
          )}
          <DownloadButton icon={<FileExcelOutlined />} path="/proposals/overdue.xlsx" fallbackName="逾期提案清单.xlsx" data-testid="export-overdue">
            {t('导出逾期清单')}
          </DownloadButton>
        </Space>
      </div>
      <Card size="small">
        <Tabs
          activeKey={unsignedTab ? 'unsigned' : col.key}
          onChange={(k) => {
            setChosen([]);
            update({ tab: k, sort: undefined });
          }}
          items={[
            ...COLUMNS.map((c) => ({
              key: c.key,
              label: (
                <Space size={6}>
                  {t(c.label)}
                  <Badge count={counts.data?.[c.key] ?? 0} showZero overflowCount={999} color={c.color} />
                </Space>
              ),
            })),
            {
              key: 'unsigned',
              label: (
                <Space size={6} data-testid="tab-unsigned">
                  {t('超期未签收')}
                  <Badge count={unsignedCount.data ?? 0} showZero overflowCount={999} color="#722ed1" />
                </Space>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t(unsignedTab ? UNSIGNED_HINT : col.hint)}
        </Typography.Paragraph>
        {unsignedTab ? (
          <UnsignedList page={Number(s.page) || 1} pageSize={Number(s.pageSize) || 20} onPage={(page, pageSize) => update({ page: String(page), pageSize: String(pageSize) }, false)} launcher={launcher} />
        ) : (
          <QueryState query={list} empty={(d) => d.total === 0} emptyText={t('暂无提案')}>
            {(data) => (
              <ProposalTable
                data={data}
                loading={list.isFetching}
                sort={query.sort}
                onChange={(p) => update({ page: p.page, pageSize: p.pageSize, sort: p.sort }, false)}
                extraColumns={extraColumns}
                rowSelection={
                  col.actions
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
        )}
      </Card>
      {launcher.element}
      {batch.element}
      <Modal
        open={remindOpen}
        title={t('批量催办{n}件提案', { n: chosen.length })}
        okText={t('发送催办')}
        cancelText={t('取消')}
        onOk={() => void remindChosen()}
        onCancel={() => setRemindOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('将通知各提案尚未答复的承办单位。全部催办成功才会保存，任何一件不能催办则都不催办。')}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('催办内容（选填）')} aria-label={t('催办内容')} />
      </Modal>
    </Space>
  );
}
