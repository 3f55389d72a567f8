import type { ReactNode } from 'react';
import { Alert, Button, Empty, Skeleton } from 'antd';
import { ApiError } from '../lib/api.js';
import { useT } from '../lib/i18n.js';
import { NotFound } from './not-found.js';

interface Props<T> {
  query: { data?: T; isLoading: boolean; error: unknown; refetch: () => unknown };
  empty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/** Loading, error (404 as "not found"), empty and loaded states of one query, the same on every screen. */
export function QueryState<T>({ query, empty, emptyText, children }: Props<T>) {
  const t = useT();
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.error) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFound title={query.error.message} />;
    const msg = query.error instanceof ApiError ? query.error.message : String(query.error);
    return (
      <Alert
        type="error"
        showIcon
        message={t('加载失败')}
        description={msg}
        action={<Button onClick={() => query.refetch()}>{t('重试')}</Button>}
      />
    );
  }
  if (query.data === undefined) return null;
  if (empty?.(query.data)) return <Empty description={emptyText ?? t('暂无数据')} />;
  return <>{children(query.data)}</>;
}
