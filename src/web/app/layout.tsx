import { Suspense, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, Typography } from 'antd';
import { BellOutlined, GlobalOutlined, LogoutOutlined, MenuOutlined, KeyOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useAuth } from './auth.js';
import { navFor } from './navigation.js';
import { api } from '../lib/api.js';
import { useI18n, useKindI18n } from '../lib/i18n.js';
import { ROLE_LABELS } from '../../shared/roles.js';
import { Data } from '../components/data-text.js';
import './a11y-i18n.js';

const { Header, Sider, Content } = Layout;

/** The signed-in shell: menu per role, notification badge, user menu. Phones get a drawer menu. */
export function SignedInLayout() {
  const { me, loading, signOut } = useAuth();
  const { t, locale, setLocale } = useI18n();
  // An account of one organ reads its menu in that organ's words (全部代表建议, 重点督办建议, 我的建议 …).
  const { t: tMenu } = useKindI18n(me?.workKind ?? undefined);
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api.get<{ count: number }>('/notifications/unread-count'),
    enabled: !!me && !me.mustChangePassword && !(me.secondFactorRequired && !me.secondFactorEnrolled),
    refetchInterval: 60_000,
  });

  const unreadCount = unread.data?.count ?? 0;

  if (loading) return <Spin fullscreen />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  // An account that must have a second factor and has none enrols before anything else.
  if (!me.mustChangePassword && me.secondFactorRequired && !me.secondFactorEnrolled && location.pathname !== '/account') return <Navigate to="/account" replace />;

  const items = navFor(me.roles, me.platformAdmin).map((n) => ({ key: n.path, icon: n.icon, label: <Link to={n.path}>{tMenu(n.label)}</Link> }));
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const menu = <Menu mode="inline" items={items} selectedKeys={selected} onClick={() => setDrawer(false)} />;
  const mobile = !screens.md;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <Brand />
          {menu}
        </Sider>
      )}
      <Layout>
        <Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #f0f0f0' }}>
          {mobile && <Button type="text" icon={<MenuOutlined />} aria-label="菜单" onClick={() => setDrawer(true)} />}
          {mobile && <Brand compact />}
          <div style={{ flex: 1 }} />
          <Typography.Text type="secondary" style={{ display: mobile ? 'none' : undefined }}>
            <Data>{me.tenantName}</Data>
          </Typography.Text>
          {/* The link's name says the count the badge shows (the badge itself is hidden from screen readers). */}
          <Link to="/notifications" aria-label={unreadCount ? t('通知（{n}条未读）', { n: unreadCount }) : t('通知')}>
            <Badge count={unreadCount} size="small" aria-hidden>
              <BellOutlined style={{ fontSize: 18, padding: 6 }} />
            </Badge>
          </Link>
          <Dropdown
            menu={{
              items: [
                { key: 'roles', label: me.roles.map((r) => t(r === 'staff' && me.organ === 'npc' ? '人大选联工委' : ROLE_LABELS[r])).join(t('、')), disabled: true },
                { key: 'lang', icon: <GlobalOutlined />, label: locale === 'zh-CN' ? 'English' : '中文' },
                { key: 'account', icon: <SafetyCertificateOutlined />, label: t('我的账号') },
                { key: 'password', icon: <KeyOutlined />, label: t('修改密码') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录') },
              ],
              onClick: async ({ key }) => {
                if (key === 'lang') {
                  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
                  setLocale(next);
                  api.patch('/auth/me', { locale: next }).catch(() => undefined);
                }
                if (key === 'account') navigate('/account');
                if (key === 'password') navigate('/change-password');
                if (key === 'logout') {
                  await signOut();
                  navigate('/login');
                }
              },
            }}
          >
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
              {mobile ? null : <Data>{me.displayName}</Data>}
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: mobile ? 12 : 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={240} styles={{ body: { padding: 0 } }} title={<Brand compact />}>
        {menu}
      </Drawer>
    </Layout>
  );
}

function Brand({ compact }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, padding: compact ? 0 : '16px 20px', color: 'inherit' }}>
      <span style={{ background: '#b71c1c', color: '#fff', borderRadius: 6, width: 28, height: 28, display: 'inline-flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700 }} lang="zh-CN" aria-hidden>督</span>
      <span style={{ fontWeight: 600, fontSize: 16 }}>{t('督办')}</span>
    </Link>
  );
}
