import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, List, Popconfirm, Segmented, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatTime } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { NotificationOut } from '../../../../shared/schemas/notifications.js';
import '../i18n.js';
import { NotificationSettings } from './notification-settings.js';
import { MessageText } from '../../../components/data-text.js';
import { PageTitle } from '../../../components/page-title.js';

/** Everyone's in-app messages: unread first, click to read and open the proposal. */
export function NotificationsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const unreadOnly = s.unreadOnly === 'true';
  const list = useQuery({
    queryKey: ['notifications', 'list', s],
    queryFn: () => api.get<Page<NotificationOut>>('/notifications', s),
    placeholderData: (prev) => prev,
  });
  const unread = useQuery({ queryKey: ['notifications', 'unread-count'], queryFn: () => api.get<{ count: number }>('/notifications/unread-count') });
  const [opening, setOpening] = useState<number | null>(null);
  const [allBusy, setAllBusy] = useState(false);

  const open = async (n: NotificationOut) => {
    setOpening(n.id);
    try {
      if (!n.read) {
        await api.post(`/notifications/${n.id}/read`);
        void qc.invalidateQueries({ queryKey: ['notifications'] });
      }
      if (n.proposalId) navigate(`/proposals/${n.proposalId}`);
    } catch (e) {
      showErrors(e);
    } finally {
      setOpening(null);
    }
  };
  const readAll = async () => {
    setAllBusy(true);
    try {
      const r = await api.post<{ count: number }>('/notifications/read-all');
      message.success(t('已将 {n} 条消息标为已读', { n: r.count }));
      await qc.invalidateQueries({ queryKey: ['notifications'] });
    } catch (e) {
      showErrors(e);
    } finally {
      setAllBusy(false);
    }
  };
  const count = unread.data?.count ?? 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 920 }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <PageTitle style={{ margin: 0 }}>
          {t('消息')}
          {count > 0 && <Badge count={count} style={{ marginInlineStart: 8 }} />}
        </PageTitle>
        <Space wrap>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => update({ unreadOnly: v === 'unread' ? 'true' : undefined })}
            options={[
              { value: 'all', label: t('全部（未读在前）') },
              { value: 'unread', label: t('仅未读') },
            ]}
          />
          <Popconfirm title={t('将全部消息标为已读？')} okText={t('全部已读')} cancelText={t('取消')} onConfirm={readAll} disabled={count === 0}>
            <Button icon={<CheckOutlined />} loading={allBusy} disabled={count === 0}>
              {t('全部已读')}
            </Button>
          </Popconfirm>
        </Space>
      </div>
      <Card size="small">
        <QueryState query={list} empty={(d) => d.total === 0} emptyText={unreadOnly ? t('没有未读消息') : t('暂无消息')}>
          {(data) => {
            // Unread first within the page, newest first within each group (the server's order).
            const items = [...data.items].sort((a, b) => Number(a.read) - Number(b.read));
            return (
              <List<NotificationOut>
                loading={list.isFetching && !opening}
                dataSource={items}
                pagination={{
                  current: data.page,
                  pageSize: data.pageSize,
                  total: data.total,
                  showSizeChanger: true,
                  pageSizeOptions: [20, 50, 100],
                  size: 'small',
                  showTotal: (n) => `${t('共')} ${n} ${t('条')}`,
                  onChange: (page, pageSize) => update({ page, pageSize }, false),
                }}
                renderItem={(n) => (
                  <List.Item
                    key={n.id}
                    style={{ cursor: 'pointer', background: n.read ? undefined : '#fff7f6', paddingInline: 12 }}
                    onClick={() => void open(n)}
                    actions={[
                      n.proposalId ? (
                        <Button key="open" type="link" size="small" loading={opening === n.id} onClick={(e) => (e.stopPropagation(), void open(n))}>
                          {t('查看提案')}
                        </Button>
                      ) : !n.read ? (
                        <Button key="read" type="link" size="small" loading={opening === n.id} onClick={(e) => (e.stopPropagation(), void open(n))}>
                          {t('标为已读')}
                        </Button>
                      ) : null,
                    ].filter(Boolean)}
                  >
                    <List.Item.Meta
                      avatar={<Badge status={n.read ? 'default' : 'error'} />}
                      title={
                        <Typography.Text strong={!n.read} style={{ whiteSpace: 'normal' }}>
                          {locale === 'en-US' && n.messageEn ? <MessageText text={n.messageEn} /> : <MessageText text={n.message} chinese={locale === 'en-US'} />}
                        </Typography.Text>
                      }
                      description={
                        <Space size={8} wrap style={{ fontSize: 12 }}>
                          <span>{formatTime(n.createdAt, locale)}</span>
                          {n.read ? <span>{t('已读')}</span> : <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('未读')}</Typography.Text>}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            );
          }}
        </QueryState>
      </Card>
      <NotificationSettings />
    </Space>
  );
}
