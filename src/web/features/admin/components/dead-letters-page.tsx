import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Typography, type TableProps } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatTime } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { CHANNEL_LABELS } from '../../../../shared/schemas/notification-channels.js';
import { PageHeader } from './admin-shared.js';

interface DeadLetter {
  id: number;
  channel: keyof typeof CHANNEL_LABELS;
  address: string;
  userName: string;
  kind: string;
  message: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** 发送失败的消息: deliveries the gateways refused after every retry; the administrator resends them. */
export function DeadLettersPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const [busy, setBusy] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['dead-letters', s], queryFn: () => api.get<Page<DeadLetter>>('/admin/notification-dead-letters', s), placeholderData: (p) => p });
  const resend = async (d: DeadLetter) => {
    setBusy(d.id);
    try {
      await api.post(`/admin/notification-dead-letters/${d.id}/resend`);
      message.success(t('已重新加入发送队列'));
      await qc.invalidateQueries({ queryKey: ['dead-letters'] });
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(null);
    }
  };
  const columns: TableProps<DeadLetter>['columns'] = [
    { title: t('时间'), dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => formatTime(v, locale) },
    { title: t('收件人'), key: 'to', width: 180, render: (_, d) => (<><div>{d.userName}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.address}</Typography.Text></>) },
    { title: t('渠道'), dataIndex: 'channel', key: 'channel', width: 120, render: (c: DeadLetter['channel']) => t(CHANNEL_LABELS[c]) },
    { title: t('消息'), dataIndex: 'message', key: 'message', ellipsis: true },
    { title: t('失败原因'), key: 'error', width: 220, render: (_, d) => <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('尝试{n}次', { n: d.attempts })}：{d.lastError}</Typography.Text> },
    {
      title: t('操作'),
      key: 'op',
      width: 110,
      render: (_, d) => (
        <Button size="small" icon={<RedoOutlined />} loading={busy === d.id} onClick={() => void resend(d)}>
          {t('重新发送')}
        </Button>
      ),
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('发送失败的消息')} />
      <Card size="small">
        <QueryState query={list} empty={(d) => d.total === 0} emptyText={t('没有发送失败的消息')}>
          {(data) => (
            <Table<DeadLetter>
              rowKey="id"
              size="small"
              scroll={{ x: 900 }}
              columns={columns}
              dataSource={data.items}
              pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, size: 'small', onChange: (page, pageSize) => update({ page, pageSize }, false) }}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
