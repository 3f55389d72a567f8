import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatTime } from '../../../lib/format.js';
import { useServerErrors } from '../../../components/use-server-errors.js';

interface Status {
  enrolled: boolean;
  enrolledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}
interface Setup {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

const codeRules = (t: (s: string) => string) => [
  { required: true, message: t('请输入验证码') },
  { pattern: /^\d{6}$/, message: t('验证码为6位数字') },
];

/** The authenticator app: its state, enrolment (QR code, then a code), recovery codes shown once. */
export function SecondFactorCard({ enrolled, required, onEnrolled }: { enrolled: boolean; required: boolean; onEnrolled: () => void }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: ['second-factor'], queryFn: () => api.get<Status>('/auth/second-factor') });
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [renewing, setRenewing] = useState(false);
  const showErrors = useServerErrors();
  const [busy, setBusy] = useState(false);
  const s = status.data;
  const on = s?.enrolled ?? enrolled;

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await api.post<Setup>('/auth/second-factor/setup'));
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('双重验证')}
          {on ? <Tag color="success">{t('已启用')}</Tag> : <Tag>{t('未启用')}</Tag>}
        </Space>
      }
      data-testid="second-factor-card"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('登录时除密码外，还须输入手机验证器应用（如 Microsoft Authenticator、Google 身份验证器、腾讯身份验证器）显示的6位验证码。')}
        </Typography.Text>
        {required && <Typography.Text>{t('本账号须使用双重验证')}</Typography.Text>}
        {on && s && (
          <Typography.Text>
            {s.enrolledAt ? t('启用于 {at}', { at: formatTime(s.enrolledAt, locale) }) : null}
            {'　'}
            {t('剩余恢复码 {n} 个', { n: s.recoveryCodesLeft })}
          </Typography.Text>
        )}
        {!on && !setup && (
          <Button type="primary" onClick={start} loading={busy}>
            {t('启用双重验证')}
          </Button>
        )}
        {!on && setup && (
          <EnrolForm
            setup={setup}
            onCancel={() => setSetup(null)}
            onDone={async (recovery) => {
              setSetup(null);
              setCodes(recovery);
              await qc.invalidateQueries({ queryKey: ['second-factor'] });
            }}
          />
        )}
        {on && (
          <Space wrap>
            <Button onClick={() => setRenewing(true)}>{t('重新生成恢复码')}</Button>
            <Typography.Text type="secondary">{t('更换手机或丢失验证器时，请联系安全管理员重置双重验证。')}</Typography.Text>
          </Space>
        )}
      </Space>
      {renewing && (
        <RenewModal
          onClose={() => setRenewing(false)}
          onDone={async (recovery) => {
            setRenewing(false);
            setCodes(recovery);
            await qc.invalidateQueries({ queryKey: ['second-factor'] });
          }}
        />
      )}
      {codes && (
        <RecoveryCodesModal
          codes={codes}
          onClose={() => {
            setCodes(null);
            if (!enrolled) onEnrolled();
          }}
        />
      )}
    </Card>
  );
}

function EnrolForm({ setup, onCancel, onDone }: { setup: Setup; onCancel: () => void; onDone: (codes: string[]) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { code: string }) => {
    setBusy(true);
    try {
      const r = await api.post<{ recoveryCodes: string[] }>('/auth/second-factor/enable', { code: v.code });
      onDone(r.recoveryCodes);
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="enrol-form" style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
      <div>
        <Typography.Paragraph strong>{t('1. 用验证器应用扫描二维码')}</Typography.Paragraph>
        <img src={setup.qrDataUrl} alt="otpauth QR" width={200} height={200} style={{ border: '1px solid #f0f0f0', borderRadius: 6 }} />
        <Typography.Paragraph type="secondary" style={{ maxWidth: 260, marginTop: 8 }}>
          {t('无法扫描时，可在应用中手动输入密钥：')}
          <br />
          <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
            {setup.secret}
          </Typography.Text>
        </Typography.Paragraph>
      </div>
      <Form form={form} layout="vertical" onFinish={submit} style={{ minWidth: 220, flex: 1 }}>
        <Typography.Paragraph strong>{t('2. 输入应用显示的6位验证码')}</Typography.Paragraph>
        <Form.Item name="code" label={t('验证码')} rules={codeRules(t)}>
          <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ maxWidth: 200 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('确认启用')}
          </Button>
          <Button onClick={onCancel}>{t('取消')}</Button>
        </Space>
      </Form>
    </div>
  );
}

function RenewModal({ onClose, onDone }: { onClose: () => void; onDone: (codes: string[]) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ code: string }>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open title={t('重新生成恢复码')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          try {
            onDone((await api.post<{ recoveryCodes: string[] }>('/auth/second-factor/recovery-codes', { code: v.code })).recoveryCodes);
          } catch (e) {
            showErrors(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('输入验证器当前的验证码，生成新的恢复码；旧恢复码将作废。')}</Typography.Paragraph>
        <Form.Item name="code" label={t('验证码')} rules={codeRules(t)}>
          <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('生成')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function RecoveryCodesModal({ codes, onClose }: { codes: string[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Modal open title={t('请保存恢复码')} closable={false} maskClosable={false} footer={<Button type="primary" onClick={onClose}>{t('我已保存')}</Button>}>
      <Alert type="success" showIcon message={t('双重验证已启用')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph>
        {t('手机丢失或不在身边时，可用恢复码代替验证码登录，每个只能使用一次。这些恢复码只显示这一次，请抄写或打印后妥善保管。')}
      </Typography.Paragraph>
      <div data-testid="recovery-codes" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 6, fontFamily: 'monospace', fontSize: 15, marginBottom: 12 }}>
        {codes.map((c) => (
          <span key={c}>{c}</span>
        ))}
      </div>
      <Button
        size="small"
        onClick={() => {
          void navigator.clipboard?.writeText(codes.join('\n')).then(() => message.success(t('已复制')));
        }}
      >
        {t('复制')}
      </Button>
    </Modal>
  );
}
