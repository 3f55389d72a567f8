import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import { Data } from '../../../components/data-text.js';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../../../app/auth.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { ROLE_LABELS } from '../../../../shared/roles.js';
import { SecondFactorCard } from './second-factor-card.js';
import { SessionsCard } from './sessions-card.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

/**
 * 我的账号: who one is, the password's expiry, the second factor (enrolment with a QR code and the
 * recovery codes) and the open sessions. An account that must still enrol sees the enrolment only.
 */
export function AccountPage() {
  const me = useMe();
  const { signedIn } = useAuth();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const mustEnrol = me.secondFactorRequired && !me.secondFactorEnrolled;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
      <PageTitle style={{ margin: 0 }}>
        {t('我的账号')}
      </PageTitle>
      {mustEnrol && <Alert type="warning" showIcon message={t('须先启用双重验证（手机验证器），才能使用本系统的其他功能。')} />}
      {!mustEnrol && (
        <Card size="small" title={t('账号信息')} extra={<Button size="small" onClick={() => navigate('/change-password')}>{t('修改密码')}</Button>}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('用户名')}>{me.username}</Descriptions.Item>
            <Descriptions.Item label={t('姓名')}>
              <Data>{me.displayName}</Data>
            </Descriptions.Item>
            <Descriptions.Item label={t('单位')}>
              <Data>{me.tenantName}</Data>
            </Descriptions.Item>
            <Descriptions.Item label={t('角色')}>
              <Space size={4} wrap>
                {me.roles.map((r) => (
                  <Tag key={r}>{t(ROLE_LABELS[r])}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('密码有效期至')}>{me.passwordExpiresAt ? formatDay(me.passwordExpiresAt, locale) : t('不限')}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <SecondFactorCard enrolled={me.secondFactorEnrolled} required={me.secondFactorRequired} onEnrolled={() => signedIn({ ...me, secondFactorEnrolled: true })} />
      {!mustEnrol && <SessionsCard />}
    </Space>
  );
}
