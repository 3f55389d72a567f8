import type { TablePaginationConfig } from 'antd';

interface Paged {
  page: number;
  pageSize: number;
  total: number;
}

/**
 * The pager of a server-paged list: the page the server answered, sizes 20/50/100 and 「共 N 条」.
 * Pair it with the table's onChange writing page and pageSize into the URL.
 */
export function serverPagination(data: Paged, t: (s: string) => string): TablePaginationConfig {
  return {
    current: data.page,
    pageSize: data.pageSize,
    total: data.total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (n) => `${t('共')} ${n} ${t('条')}`,
  };
}
