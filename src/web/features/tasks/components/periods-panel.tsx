import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Typography } from 'antd';
import { BellOutlined, FileExcelOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay, formatTime } from '../../../lib/format.js';
import { DownloadButton } from '../../../components/download-button.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { PERIOD_KIND_LABELS, type PeriodStatus, type TaskList, type TaskPeriod } from '../../../../shared/schemas/tasks.js';
import { PeriodStatusTag } from './task-tags.js';
import { useTaskPeriods } from './use-task-data.js';
import { OpenPeriodModal, DueDateModal, RemindModal } from './period-modals.js';

// What each status change is called and what the confirm says.
const MOVES: { to: PeriodStatus; from: PeriodStatus[]; label: string; confirm: string }[] = [
  { to: 'closed', from: ['open'], label: '截止填报', confirm: '截止后责任单位不能再填报或报送，可重新开放。' },
  { to: 'open', from: ['closed'], label: '重新开放', confirm: '重新开放后责任单位可继续填报。' },
  { to: 'published', from: ['open', 'closed'], label: '公开发布', confirm: '公开后完成情况表将在公众平台展示，责任单位不能再修改。' },
  { to: 'closed', from: ['published'], label: '撤回公开', confirm: '撤回后公众平台不再展示该报告期。' },
];

/** 报告期管理 (督查室): open a period, close, reopen, publish, move the due date, 催办, export. */
export function PeriodsPanel({ list }: { list: TaskList }) {
  const { t, locale } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const periods = useTaskPeriods(list.id);
  const showErrors = useServerErrors(undefined, () => void periods.refetch());
  const [opening, setOpening] = useState(false);
  const [dueFor, setDueFor] = useState<TaskPeriod | null>(null);
  const [remindFor, setRemindFor] = useState<TaskPeriod | null>(null);

  const refresh = () => qc.invalidateQueries({ queryKey: ['tasks'] });
  const move = (p: TaskPeriod, m: (typeof MOVES)[number]) =>
    modal.confirm({
      title: t('确认{action}「{label}」？', { action: t(m.label), label: p.label }),
      content: t(m.confirm),
      okText: t('确定'),
      cancelText: t('取消'),
      onOk: async () => {
        try {
          await api.patch(`/task-periods/${p.id}`, { status: m.to, version: p.version });
          message.success(t('已{action}', { action: t(m.label) }));
          await refresh();
        } catch (e) {
          showErrors(e);
        }
      },
    });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('开启报告期后，牵头单位会收到填报通知；截止日前10个工作日内未报送的任务显示黄灯，逾期未报送显示红灯。')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
          {t('开启报告期')}
        </Button>
      </Space>
      <Table<TaskPeriod>
        rowKey="id"
        size="middle"
        loading={periods.isLoading}
        dataSource={[...(periods.data ?? [])].reverse()}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="period-table"
        locale={{ emptyText: t('暂无报告期，请先开启报告期') }}
        columns={[
          { title: t('报告期'), dataIndex: 'label', key: 'label', render: (v: string, p) => <Space>{v}<Typography.Text type="secondary">{t(PERIOD_KIND_LABELS[p.kind])}</Typography.Text></Space> },
          { title: t('起止日期'), key: 'range', render: (_: unknown, p) => `${formatDay(p.startDate, locale)} — ${formatDay(p.endDate, locale)}` },
          { title: t('报送截止'), dataIndex: 'dueDate', key: 'due', width: 140, render: (v: string) => formatDay(v, locale) },
          { title: t('状态'), dataIndex: 'status', key: 'status', width: 150, render: (v: PeriodStatus, p) => <Space direction="vertical" size={0}><PeriodStatusTag status={v} />{p.publishedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(p.publishedAt, locale)}</Typography.Text>}</Space> },
          {
            title: t('操作'),
            key: 'actions',
            width: 460,
            render: (_: unknown, p) => (
              <Space wrap size={4}>
                {MOVES.filter((m) => m.from.includes(p.status)).map((m) => (
                  <Button key={m.label} size="small" type={m.to === 'published' ? 'primary' : 'default'} onClick={() => move(p, m)}>
                    {t(m.label)}
                  </Button>
                ))}
                {p.status !== 'published' && (
                  <Button size="small" onClick={() => setDueFor(p)}>
                    {t('调整截止日期')}
                  </Button>
                )}
                {p.status === 'open' && (
                  <Button size="small" icon={<BellOutlined />} onClick={() => setRemindFor(p)}>
                    {t('催办')}
                  </Button>
                )}
                <DownloadButton size="small" icon={<FileExcelOutlined />} path={`/task-periods/${p.id}/export`} query={{ format: 'xlsx' }} fallbackName="完成情况.xlsx" data-testid="export-xlsx">
                  {t('表格')}
                </DownloadButton>
                <DownloadButton size="small" icon={<FileWordOutlined />} path={`/task-periods/${p.id}/export`} query={{ format: 'docx' }} fallbackName="完成情况.docx" data-testid="export-docx">
                  {t('文档')}
                </DownloadButton>
              </Space>
            ),
          },
        ]}
      />
      {opening && <OpenPeriodModal list={list} onClose={() => setOpening(false)} onDone={() => { setOpening(false); void refresh(); }} />}
      {dueFor && <DueDateModal period={dueFor} onClose={() => setDueFor(null)} onDone={() => { setDueFor(null); void refresh(); }} onReload={() => void periods.refetch()} />}
      {remindFor && <RemindModal period={remindFor} onClose={() => setRemindFor(null)} />}
    </Space>
  );
}
