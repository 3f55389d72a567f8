import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { App, Badge, Button, Card, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { z } from 'zod';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatTime } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { serverPagination } from '../../../components/server-pagination.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { ALERT_KINDS, ALERT_KIND_LABELS, type alertOut, type AlertKind } from '../../../../shared/schemas/security.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

type Alert = z.infer<typeof alertOut>;
interface AlertPage {
  items: Alert[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

const KIND_COLORS: Partial<Record<AlertKind, string>> = {
  'approval.requested': 'gold',
  'approval.approved': 'green',
  'approval.rejected': 'default',
  'user.reset_password': 'orange',
  'user.reset_second_factor': 'orange',
  'account.locked': 'red',
  'admin.bootstrap': 'purple',
  'security.settings': 'blue',
};

/**
 * The 审计管理员's alert list (三员分立): role grants and administrator resets with their
 * approvals, other resets, locks, settings, command-line accounts. Each is marked 已阅 once looked
 * at; 「审计日志」 opens the log at the event's day.
 */
export function AlertsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20', unread: 'true' });
  const list = useQuery({
    queryKey: ['security-alerts', s],
    queryFn: () => api.get<AlertPage>('/security-alerts', s),
    placeholderData: (prev) => prev,
  });

  const markRead = async (a: Alert) => {
    try {
      await api.post(`/security-alerts/${a.id}/read`);
      message.success(t('已标记为已阅'));
      await qc.invalidateQueries({ queryKey: ['security-alerts'] });
    } catch (e) {
      showErrors(e);
    }
  };

  const columns: TableProps<Alert>['columns'] = [
    { title: t('时间'), dataIndex: 'at', key: 'at', width: 170, render: (v: string) => formatTime(v, locale) },
    {
      title: t('类型'),
      dataIndex: 'kind',
      key: 'kind',
      width: 150,
      render: (k: AlertKind) => <Tag color={KIND_COLORS[k]}>{t(ALERT_KIND_LABELS[k])}</Tag>,
    },
    { title: t('内容'), dataIndex: 'message', key: 'message', render: (m: string) => <Typography.Text>{m}</Typography.Text> },
    { title: t('操作人'), dataIndex: 'actorName', key: 'actorName', width: 130, render: (n: string | null) => n ?? t('系统（命令行）') },
    {
      title: t('状态'),
      key: 'read',
      width: 190,
      render: (_: unknown, a) =>
        a.readAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('{name} 已阅于 {at}', { name: a.readByName ?? '', at: formatTime(a.readAt, locale) })}
          </Typography.Text>
        ) : (
          <Space size={0} wrap>
            <Badge status="error" text={t('未阅')} />
            <Button type="link" size="small" onClick={() => markRead(a)}>
              {t('标记已阅')}
            </Button>
          </Space>
        ),
    },
    {
      title: t('日志'),
      key: 'log',
      width: 90,
      render: (_: unknown, a) => {
        const day = a.at.slice(0, 10);
        return <Link to={`/audit?from=${day}&to=${day}`}>{t('审计日志')}</Link>;
      },
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <PageTitle style={{ margin: 0 }}>
          {t('安全告警')}
        </PageTitle>
        {list.data && <Tag color={list.data.unread ? 'red' : 'default'}>{t('未阅 {n} 条', { n: list.data.unread })}</Tag>}
      </div>
      <Typography.Text type="secondary">
        {t('三员分立：授予可阅提案内容的角色、重置其他管理员的密码或双重验证，均须另一位管理员审批；每项申请、审批、重置、锁定与安全设置变更都在此列出。')}
      </Typography.Text>
      <Card size="small">
        <Space wrap>
          <Select
            aria-label={t('阅读状态')}
            style={{ width: 140 }}
            value={s.unread === 'true' ? 'unread' : 'all'}
            onChange={(v) => update({ unread: v === 'unread' ? 'true' : 'false' })}
            options={[
              { value: 'unread', label: t('只看未阅') },
              { value: 'all', label: t('全部告警') },
            ]}
          />
          <Select
            allowClear
            placeholder={t('类型')}
            aria-label={t('类型')}
            style={{ width: 180 }}
            value={s.kind}
            onChange={(v) => update({ kind: v })}
            options={ALERT_KINDS.map((k) => ({ value: k, label: t(ALERT_KIND_LABELS[k]) }))}
          />
        </Space>
      </Card>
      <Card size="small">
        <QueryState query={list}>
          {(data) => (
            <Table<Alert>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              columns={columns}
              dataSource={data.items}
              scroll={{ x: 900 }}
              locale={{ emptyText: s.unread === 'true' ? t('没有未阅的告警') : t('没有告警') }}
              pagination={serverPagination(data, t)}
              onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
