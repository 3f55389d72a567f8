import { useEffect, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Grid, Layout, Select, Typography } from 'antd';
import { GlobalOutlined, LoginOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import type { z } from 'zod';
import type { publicSession, publicTenant, publicTenantList, publicProposalItem } from '../../../../shared/schemas/public.js';
import { RESULT_CLASSES } from '../../../../shared/domain.js';
import '../i18n.js';
import { LinkButton } from '../../../components/link-button.js';

export type PublicTenant = z.infer<typeof publicTenant>;
export type PublicSession = z.infer<typeof publicSession>;
type Item = z.infer<typeof publicProposalItem>;

/** The portal's own frame: a plain header (督办 · 公开, language, 登录) and a centred page. */
export function PublicShell({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Header style={{ background: '#fff', borderBottom: '3px solid #b71c1c', padding: screens.md ? '0 24px' : '0 12px', display: 'flex', alignItems: 'center', gap: screens.sm ? 12 : 4, height: 56 }}>
        <Link to="/public" style={{ display: 'flex', alignItems: 'center', gap: 8, color: 'inherit' }}>
          <span style={{ background: '#b71c1c', color: '#fff', borderRadius: 6, width: 28, height: 28, display: 'inline-flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700 }}>督</span>
          <span style={{ fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>
            {t('督办')} · {t('公开')}
          </span>
        </Link>
        <div style={{ flex: 1 }} />
        {extra}
        <Button type="text" icon={<GlobalOutlined />} onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')} aria-label={locale === 'zh-CN' ? 'English' : '中文'}>
          {screens.sm ? (locale === 'zh-CN' ? 'English' : '中文') : null}
        </Button>
        <LinkButton to="/login" icon={<LoginOutlined />} aria-label={t('登录')}>
            {screens.sm ? t('登录') : null}
          </LinkButton>
      </Layout.Header>
      <Layout.Content style={{ padding: screens.md ? 24 : 12 }}>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>{children}</div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: 'transparent' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('本平台公开已办理提案建议的办理情况，不公开个人信息。')}
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}

export const usePublicTenants = () =>
  useQuery({ queryKey: ['public', 'tenants'], queryFn: () => api.get<z.infer<typeof publicTenantList>>('/public/tenants'), staleTime: 300_000 });

const TENANT_KEY = 'duban.public.tenant';

function storedTenant(): number | undefined {
  try {
    return Number(localStorage.getItem(TENANT_KEY)) || undefined;
  } catch {
    return undefined;
  }
}

export function rememberTenant(id: number) {
  try {
    localStorage.setItem(TENANT_KEY, String(id));
  } catch {
    // Storage refused (private mode): the URL still carries the choice.
  }
}

/**
 * The portal's one region choice, the same on every /public page: ?tenant= in the URL, else the
 * one this browser chose last (localStorage), else the server's default (the first region with
 * published content). The choice is written back to the URL (replacing the entry) and remembered.
 */
export function usePortalTenant() {
  const [params, setParams] = useSearchParams();
  const tenants = usePublicTenants();
  const list = tenants.data?.items ?? [];
  const known = (id: number | undefined) => (id !== undefined && list.some((x) => x.id === id) ? id : undefined);
  const fromUrl = Number(params.get('tenant')) || undefined;
  const tenantId = tenants.data ? (known(fromUrl) ?? known(storedTenant()) ?? tenants.data.defaultTenantId ?? undefined) : undefined;

  useEffect(() => {
    if (tenantId === undefined) return;
    rememberTenant(tenantId);
    if (fromUrl !== tenantId)
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('tenant', String(tenantId));
          return next;
        },
        { replace: true },
      );
  }, [tenantId, fromUrl, setParams]);

  /** Another region: remembered, in the URL, and what depends on the region (`reset`) cleared. */
  const choose = (id: number, reset: string[] = []) => {
    rememberTenant(id);
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('tenant', String(id));
      for (const k of [...reset, 'page']) next.delete(k);
      return next;
    });
  };
  return { tenants, list, tenantId, tenant: list.find((x) => x.id === tenantId), choose };
}

/** The region picker of the portal's header (shown when there is more than one region). */
export function TenantPicker({ portal, reset }: { portal: ReturnType<typeof usePortalTenant>; reset?: string[] }) {
  const { t } = useI18n();
  if (portal.list.length <= 1) return null;
  return (
    <span data-testid="portal-tenant">
      <Select
        aria-label={t('地区')}
        value={portal.tenantId}
        style={{ minWidth: 96 }}
        variant="borderless"
        loading={portal.tenantId === undefined}
        onChange={(v: number) => portal.choose(v, reset)}
        options={portal.list.map((x) => ({ value: x.id, label: x.name }))}
      />
    </span>
  );
}

export const usePublicSessions = (tenantId: number | undefined) =>
  useQuery({
    queryKey: ['public', 'sessions', tenantId],
    queryFn: async () => (await api.get<{ items: PublicSession[] }>('/public/sessions', { tenantId })).items,
    enabled: !!tenantId,
    staleTime: 300_000,
  });

export const sessionLabel = (s: PublicSession, t: (zh: string) => string) => `${s.year} ${s.name}（${s.kind === 'suggestion' ? t('人大代表建议') : t('政协提案')}）`;

export const proposerNames = (p: Item['proposers']) => p.map((x) => x.name).join('、');

/** 'A类' with the full meaning as a tooltip text. */
export const resultShort = (r: Item['resultClass']) => (r ? `${r}类` : null);
export const resultFull = (r: Item['resultClass']) => (r ? RESULT_CLASSES.labels[r] : null);
export const RESULT_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange' };
