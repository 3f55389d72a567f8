import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, InputNumber, Space, Typography } from 'antd';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { ROLE_LABELS, SECOND_FACTOR_OPTIONAL_ROLES, type Role } from '../../../../shared/roles.js';
import type { SecuritySettingsBody } from '../../../../shared/schemas/security.js';
import { PageHeader, mergeFresh } from './admin-shared.js';

/**
 * The 安全管理员's sign-in rules for the tenant: who besides the administrators must use a second
 * factor, how many sessions an account keeps, how long passwords last. Every change reaches the
 * auditor's alert list.
 */
export function SecuritySettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['security-settings'], queryFn: () => api.get<SecuritySettingsBody>('/security-settings') });
  const [form] = Form.useForm<SecuritySettingsBody>();
  const reload = async () => {
    const fresh = await qc.fetchQuery({ queryKey: ['security-settings'], queryFn: () => api.get<SecuritySettingsBody>('/security-settings') });
    mergeFresh(form, fresh as unknown as Record<string, unknown>, ['secondFactorRoles', 'maxSessions', 'adminPasswordMaxAgeDays', 'passwordMaxAgeDays']);
    form.setFieldValue('version', fresh.version);
  };
  const showErrors = useServerErrors(form, () => void reload());
  const [busy, setBusy] = useState(false);
  const save = async (v: SecuritySettingsBody) => {
    setBusy(true);
    try {
      const saved = await api.put<SecuritySettingsBody>('/security-settings', v);
      form.setFieldsValue(saved);
      qc.setQueryData(['security-settings'], saved);
      message.success(t('安全设置已保存'));
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  const days = (label: string) => [
    { required: true, message: t('请填写{label}', { label: t(label) }) },
    { type: 'integer' as const, min: 0, max: 365, message: t('{label}须为0到365之间的整数', { label: t(label) }) },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <PageHeader title={t('安全设置')} />
      <Card size="small">
        <QueryState query={settings}>
          {(data) => (
            <Form form={form} layout="vertical" initialValues={data} onFinish={save}>
              <Form.Item name="version" hidden>
                <InputNumber />
              </Form.Item>
              <Form.Item
                name="secondFactorRoles"
                label={t('须使用双重验证的其他角色')}
                extra={t('系统管理员、安全管理员、审计管理员在生产环境中始终须使用双重验证。所选角色的用户下次登录时须先启用手机验证器。')}
              >
                <Checkbox.Group options={SECOND_FACTOR_OPTIONAL_ROLES.map((r: Role) => ({ value: r, label: t(ROLE_LABELS[r]) }))} />
              </Form.Item>
              <Form.Item
                name="maxSessions"
                label={t('每个账号同时在线的会话数')}
                extra={t('超出时，最早的会话自动结束。')}
                rules={[{ required: true, message: t('请填写会话数') }, { type: 'integer', min: 1, max: 20, message: t('会话数须为1到20之间的整数') }]}
              >
                <InputNumber min={1} max={20} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="adminPasswordMaxAgeDays" label={t('管理员密码有效期（天）')} extra={t('0 表示不限。到期后须修改密码才能继续使用。')} rules={days('管理员密码有效期')}>
                <InputNumber min={0} max={365} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="passwordMaxAgeDays" label={t('其他用户密码有效期（天）')} extra={t('0 表示不限。')} rules={days('其他用户密码有效期')}>
                <InputNumber min={0} max={365} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Typography.Paragraph type="secondary">{t('保存后，审计管理员的安全告警中将记录此次变更。')}</Typography.Paragraph>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('保存设置')}
              </Button>
            </Form>
          )}
        </QueryState>
      </Card>
    </Space>
  );
}
