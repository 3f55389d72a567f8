import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table, Tag, Typography, type TableProps } from 'antd';
import { api } from '../../../lib/api.js';
import { useAuth } from '../../../app/auth.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatTime } from '../../../lib/format.js';
import { useServerErrors } from '../../../components/use-server-errors.js';

interface SessionRow {
  id: string;
  current: boolean;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
}

/** The account's open sessions (device, address, last seen); any of them can be ended. */
export function SessionsCard() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { signOut } = useAuth();
  const showErrors = useServerErrors();
  const sessions = useQuery({ queryKey: ['my-sessions'], queryFn: () => api.get<{ maxSessions: number; items: SessionRow[] }>('/auth/sessions') });
  const max = sessions.data?.maxSessions;

  const end = async (s: SessionRow) => {
    try {
      await api.delete(`/auth/sessions/${s.id}`);
      if (s.current) {
        await signOut();
        return;
      }
      message.success(t('会话已结束'));
      await qc.invalidateQueries({ queryKey: ['my-sessions'] });
    } catch (e) {
      showErrors(e);
    }
  };

  const columns: TableProps<SessionRow>['columns'] = [
    {
      title: t('设备'),
      dataIndex: 'device',
      key: 'device',
      render: (d: string, s) => (
        <>
          {d} {s.current && <Tag color="processing">{t('当前会话')}</Tag>}
        </>
      ),
    },
    { title: t('地址'), dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '—' },
    { title: t('登录时间'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatTime(v, locale), responsive: ['md'] },
    { title: t('最近活动'), dataIndex: 'lastSeenAt', key: 'lastSeenAt', render: (v: string) => formatTime(v, locale) },
    {
      title: t('操作'),
      key: 'ops',
      width: 80,
      render: (_: unknown, s) => (
        <Popconfirm
          title={t('结束会话')}
          description={s.current ? t('结束当前会话将退出登录。') : t('结束该会话后，该设备须重新登录。')}
          okText={t('结束')}
          cancelText={t('取消')}
          onConfirm={() => end(s)}
        >
          <Button type="link" size="small" danger>
            {t('结束')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card size="small" title={t('登录会话')} data-testid="sessions-card">
      {max !== undefined && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('每个账号最多同时保持 {n} 个会话，超出时最早的会话自动结束。', { n: max })}
        </Typography.Paragraph>
      )}
      <Table<SessionRow> rowKey="id" size="small" loading={sessions.isLoading} columns={columns} dataSource={sessions.data?.items ?? []} pagination={false} />
    </Card>
  );
}
