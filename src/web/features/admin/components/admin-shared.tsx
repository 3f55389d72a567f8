import type { ReactNode } from 'react';
import { Button, Space, type FormInstance, type TableColumnType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import type { z } from 'zod';
import type { bodyOut, leaderOut, sessionOut, unitOut } from '../../../../shared/schemas/admin.js';
import '../i18n.js';
import { Data } from '../../../components/data-text.js';
import { PageTitle } from '../../../components/page-title.js';

export type Unit = z.infer<typeof unitOut>;
export type Body = z.infer<typeof bodyOut>;
export type Leader = z.infer<typeof leaderOut>;
export type Session = z.infer<typeof sessionOut>;

/** A data cell (a name, a unit, a phone): kept as written whatever the interface language; — when empty. */
export const dataCell = (v: string | null | undefined) => (v ? <Data>{v}</Data> : '—');

/** The title row of an administration page: heading on the left, actions on the right. */
export function PageHeader({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
      <PageTitle style={{ margin: 0 }}>
        {title}
      </PageTitle>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}

/** The 操作 column of an administration list: one 编辑 link that opens the row's form. */
export function editColumn<T>(t: (s: string) => string, onEdit: (row: T) => void, width = 90): TableColumnType<T> {
  return {
    title: t('操作'),
    key: 'ops',
    width,
    render: (_: unknown, row: T) => (
      <Button type="link" size="small" onClick={() => onEdit(row)}>
        {t('编辑')}
      </Button>
    ),
  };
}

export const useUnits = () => useQuery({ queryKey: ['units'], queryFn: () => api.get<Unit[]>('/units') });
export const useBodies = () => useQuery({ queryKey: ['bodies'], queryFn: () => api.get<Body[]>('/bodies') });
export const useLeaders = () => useQuery({ queryKey: ['leaders'], queryFn: () => api.get<Leader[]>('/leaders') });
export const useSessions = () => useQuery({ queryKey: ['sessions'], queryFn: () => api.get<Session[]>('/sessions') });

/** antd's InputNumber gives null for an empty field; the API wants the field absent or null. */
export const orNull = <T,>(v: T | undefined | null): T | null => (v === undefined || v === '' ? null : v);

/**
 * After a stale-version conflict: take the record's new version and the server's values for the
 * fields the user has not touched; what the user typed stays.
 */
export function mergeFresh(
  form: FormInstance,
  fresh: Record<string, unknown>,
  fields: string[],
) {
  const patch: Record<string, unknown> = {};
  for (const f of fields) if (!form.isFieldTouched(f)) patch[f] = fresh[f];
  form.setFieldsValue(patch);
}
