import './lib/zod-config.js';
import { StrictMode, useEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { IconProvider } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from './lib/i18n.js';
import './lib/i18n-en.js';
import { AuthProvider, useAuth } from './app/auth.js';
import { router } from './app/routes.js';
import { ApiError } from './lib/api.js';
import { prefersReducedMotion } from './lib/motion.js';
import { appTheme } from './lib/theme.js';
import './lib/a11y.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again.
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// The Content-Security-Policy allows inline <style> only with this page's nonce: Ant Design writes
// its styles with it. Vite puts the nonce in <meta property="csp-nonce"> (the server fills it in).
const CSP = { nonce: document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined };
// The icons insert their own small stylesheet, through their own context.
const ICONS = { csp: CSP };

function Themed() {
  const { locale, setLocale } = useI18n();
  const { me } = useAuth();
  // The user's saved language wins once they are signed in.
  useEffect(() => {
    if (me && (me.locale === 'zh-CN' || me.locale === 'en-US') && me.locale !== locale) setLocale(me.locale);
  }, [me?.userId]);
  useEffect(() => {
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  }, [locale]);
  const theme = useMemo(() => appTheme(!prefersReducedMotion()), []);
  return (
    // No space inserted between two Chinese characters of a button (「审 查」): screen readers and voice
    // control read the button's name as its text shows it, 「审查」 (WCAG 2.5.3).
    <ConfigProvider csp={CSP} locale={locale === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <IconProvider value={ICONS}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </IconProvider>
    </ConfigProvider>
  );
}

// Browser tests (navigator.webdriver is set only under automation) move to the next screen as after a
// reload, without loading and starting the app again (a second of a slow CPU per step): every
// cached answer is fetched again, and the screen is drawn anew (through a page no route has, so
// that a screen of the same route does not keep its state).
if (navigator.webdriver) {
  (window as unknown as { __dubanGoto?: (to: string) => Promise<void> }).__dubanGoto = async (to) => {
    await queryClient.invalidateQueries();
    await router.navigate('/__e2e__', { replace: true });
    await router.navigate(to);
  };
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthProvider>
          <Themed />
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
