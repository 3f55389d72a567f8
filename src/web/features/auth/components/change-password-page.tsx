import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api.js';
import { useAuth } from '../../../app/auth.js';
import type { Me } from '../../../../shared/schemas/auth.js';
import { landingFor } from './login-page.js';
import '../i18n.js';
import { useI18n } from '../../../lib/i18n.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { CardPageTitle } from '../../../components/page-title.js';

export function ChangePasswordPage() {
  const { me } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const showErrors = useServerErrors(form);

  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    try {
      await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('密码已修改'));
      await qc.invalidateQueries({ queryKey: ['me'] });
      const fresh = qc.getQueryData<Me>(['me']);
      navigate(fresh ? landingFor(fresh, null) : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError) showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<CardPageTitle>{t('修改密码')}</CardPageTitle>} style={{ maxWidth: 480 }}>
      {me?.mustChangePassword && <Alert type="warning" showIcon message={me.passwordExpired ? t('密码已超过有效期，请修改密码') : t('首次登录请修改密码')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="currentPassword" label={t('当前密码')} rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('新密码')} extra={t('至少10位，包含大写字母、小写字母、数字、符号中的至少三类；不得包含用户名，不得与最近5次使用过的密码相同')} rules={[{ required: true, message: '请输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('确认新密码')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_r, v) => (v && v !== getFieldValue('newPassword') ? Promise.reject(new Error(t('两次输入的新密码不一致'))) : Promise.resolve()),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('保存')}
        </Button>
      </Form>
    </Card>
  );
}
