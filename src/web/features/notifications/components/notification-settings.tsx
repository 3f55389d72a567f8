import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Space, Typography } from 'antd';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { CHANNEL_LABELS, NOTIFICATION_CHANNELS } from '../../../../shared/schemas/notification-channels.js';
import '../i18n.js';

type Channel = (typeof NOTIFICATION_CHANNELS)[number];
interface Preferences {
  channels: Channel[];
  email: string | null;
  phone: string | null;
  workNoticeId: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  available: Channel[];
}

const blankToNull = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

/** 消息设置: where besides the web app a person hears of new work, and when not to be disturbed. */
export function NotificationSettings() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const showErrors = useServerErrors(form);
  const [saving, setSaving] = useState(false);
  const prefs = useQuery({ queryKey: ['notification-preferences'], queryFn: () => api.get<Preferences>('/notification-preferences') });
  useEffect(() => {
    if (prefs.data) form.setFieldsValue({ ...prefs.data, email: prefs.data.email ?? '', workNoticeId: prefs.data.workNoticeId ?? '', quietStart: prefs.data.quietStart ?? '', quietEnd: prefs.data.quietEnd ?? '' });
  }, [prefs.data, form]);
  if (!prefs.data) return null;
  const available = prefs.data.available;

  const save = async (v: { channels: Channel[]; email?: string; workNoticeId?: string; quietStart?: string; quietEnd?: string }) => {
    setSaving(true);
    try {
      await api.put('/notification-preferences', {
        channels: v.channels ?? [],
        email: blankToNull(v.email),
        workNoticeId: blankToNull(v.workNoticeId),
        quietStart: blankToNull(v.quietStart),
        quietEnd: blankToNull(v.quietEnd),
      });
      message.success(t('消息设置已保存'));
      await qc.invalidateQueries({ queryKey: ['notification-preferences'] });
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('消息设置')} data-testid="notification-settings">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('站内消息总会送达。还可选择以下渠道，在免打扰时段内（安全告警除外）推迟到时段结束后发送。')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 520 }}>
        <Form.Item name="channels" label={t('同时通过')}>
          <Checkbox.Group
            options={NOTIFICATION_CHANNELS.map((c) => ({ value: c, label: t(CHANNEL_LABELS[c]), disabled: !available.includes(c) }))}
          />
        </Form.Item>
        {available.length < NOTIFICATION_CHANNELS.length && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('灰色的渠道本平台尚未开通。')}
          </Typography.Paragraph>
        )}
        <Form.Item name="email" label={t('电子邮箱')}>
          <Input inputMode="email" placeholder="name@example.gov.cn" maxLength={200} />
        </Form.Item>
        <Form.Item label={t('手机号（短信）')}>
          <Typography.Text>{prefs.data.phone ?? t('未登记，请联系系统管理员')}</Typography.Text>
        </Form.Item>
        <Form.Item name="workNoticeId" label={t('工作通知账号')}>
          <Input maxLength={64} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="quietStart" label={t('免打扰开始')}>
            <Input placeholder="22:00" maxLength={5} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="quietEnd" label={t('免打扰结束')}>
            <Input placeholder="07:00" maxLength={5} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('保存')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
