import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams, Link } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginResult, Me } from '../../../../shared/schemas/auth.js';
import { api, ApiError, setCsrfToken } from '../../../lib/api.js';
import { useAuth } from '../../../app/auth.js';
import { homeFor } from '../../../app/navigation.js';
import { useI18n } from '../../../lib/i18n.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

type Method = 'totp' | 'recovery';

/** Where a signed-in user goes first: a pending password change, then a pending enrolment, then home. */
export function landingFor(me: Me, next: string | null) {
  if (me.mustChangePassword) return '/change-password';
  if (me.secondFactorRequired && !me.secondFactorEnrolled) return '/account';
  return next ?? homeFor(me.roles, me.platformAdmin);
}

export function LoginPage() {
  const { me, signedIn } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // After a right password for an account with a second factor: the code step.
  const [step, setStep] = useState<'password' | 'second_factor'>('password');
  const [method, setMethod] = useState<Method>('totp');
  if (me) return <Navigate to={landingFor(me, params.get('next'))} replace />;

  const done = (who: Me) => {
    signedIn(who);
    navigate(landingFor(who, params.get('next')), { replace: true });
  };

  const submitPassword = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<LoginResult>('/auth/login', values);
      if (r.status === 'second_factor') {
        setCsrfToken(r.csrfToken);
        setStep('second_factor');
      } else done(r);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('登录失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (values: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<LoginResult>('/auth/login/second-factor', { method, code: values.code });
      if (r.status === 'signed_in') done(r);
    } catch (e) {
      // A lapsed or locked sign-in starts again from the password.
      if (e instanceof ApiError && (e.status === 409 || e.status === 423)) setStep('password');
      setError(e instanceof ApiError ? e.message : t('登录失败，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(160deg,#fff5f5,#f5f5f5 60%)', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div style={{ display: 'inline-flex', width: 48, height: 48, borderRadius: 10, background: '#b71c1c', color: '#fff', fontSize: 26, fontWeight: 700, alignItems: 'center', justifyContent: 'center' }}>督</div>
          <PageTitle size={3} style={{ margin: '12px 0 0' }}>
            {t('督办')}
          </PageTitle>
          <Typography.Text type="secondary">{t('提案建议督办平台')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        {step === 'password' ? (
          <Form layout="vertical" onFinish={submitPassword} requiredMark={false}>
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
        ) : (
          <Form key={method} layout="vertical" onFinish={submitCode} requiredMark={false} data-testid="second-factor-step">
            <Typography.Paragraph type="secondary">
              {method === 'totp' ? t('请打开手机上的验证器应用，输入显示的6位验证码。') : t('手机不在身边时，可输入一个未使用过的恢复码（每个只能用一次）。')}
            </Typography.Paragraph>
            <Form.Item
              name="code"
              label={method === 'totp' ? t('验证码') : t('恢复码')}
              rules={
                method === 'totp'
                  ? [{ required: true, message: t('请输入验证码') }, { pattern: /^\s*\d{6}\s*$/, message: t('验证码为6位数字') }]
                  : [{ required: true, message: t('请输入恢复码') }, { max: 32, message: t('恢复码过长') }]
              }
            >
              <Input
                prefix={<SafetyOutlined />}
                autoComplete="one-time-code"
                inputMode={method === 'totp' ? 'numeric' : 'text'}
                maxLength={method === 'totp' ? 6 : 32}
                autoFocus
                size="large"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('验证并登录')}
            </Button>
            <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }}>
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setMethod(method === 'totp' ? 'recovery' : 'totp')}>
                {method === 'totp' ? t('使用恢复码') : t('使用验证码')}
              </Button>
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setStep('password')}>
                {t('返回重新登录')}
              </Button>
            </div>
          </Form>
        )}
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 16 }}>
          <Link to="/public">{t('公众门户')}</Link>
          <a onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}>{locale === 'zh-CN' ? 'English' : '中文'}</a>
        </div>
      </Card>
    </div>
  );
}
