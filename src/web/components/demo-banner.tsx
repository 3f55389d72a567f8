import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

interface AuthOptions {
  demo: boolean;
  secondFactorMethods: string[];
}

/** What the server says before anyone signs in: whether it is a demo (GET /auth/options). */
export const useAuthOptions = () =>
  useQuery({ queryKey: ['auth-options'], queryFn: () => api.get<AuthOptions>('/auth/options'), staleTime: Infinity, retry: false });

/**
 * On a demo server every page says so, above everything else: the data is invented and the
 * accounts' password is public, so nobody should type anything real into it.
 */
export function DemoBanner() {
  const { t } = useI18n();
  const options = useAuthOptions();
  if (!options.data?.demo) return null;
  return (
    <div
      role="note"
      data-testid="demo-banner"
      style={{ background: '#fff7e6', borderBottom: '1px solid #ffd591', color: '#874d00', padding: '4px 12px', fontSize: 13, lineHeight: '20px', textAlign: 'center' }}
    >
      <strong style={{ marginRight: 8 }}>{t('演示环境')}</strong>
      {t('数据均为虚构，演示账号的密码是公开的，请勿录入真实信息。')}
    </div>
  );
}
