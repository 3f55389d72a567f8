import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams, Link } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '../../../../shared/schemas/auth.js';
import { api, ApiError } from '../../../lib/api.js';
import { useAuth } from '../../../app/auth.js';
import { homeFor } from '../../../app/navigation.js';
import { useI18n } from '../../../lib/i18n.js';

export function LoginPage() {
  const { me, signedIn } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to={params.get('next') ?? homeFor(me.roles)} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const who = await api.post<Me>('/auth/login', values);
      signedIn(who);
      navigate(who.mustChangePassword ? '/change-password' : (params.get('next') ?? homeFor(who.roles)), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(160deg,#fff5f5,#f5f5f5 60%)', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div style={{ display: 'inline-flex', width: 48, height: 48, borderRadius: 10, background: '#b71c1c', color: '#fff', fontSize: 26, fontWeight: 700, alignItems: 'center', justifyContent: 'center' }}>督</div>
          <Typography.Title level={3} style={{ margin: '12px 0 0' }}>
            {t('督办')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('提案建议督办平台')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('用户名')} rules={[{ required: true, message: t('请输入用户名') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('密码')} rules={[{ required: true, message: t('请输入密码') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('登录')}
          </Button>
        </Form>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
          <Link to="/public">{t('公众门户')}</Link>
          <a onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>{locale === 'zh-CN' ? 'English' : '中文'}</a>
        </div>
      </Card>
    </div>
  );
}
