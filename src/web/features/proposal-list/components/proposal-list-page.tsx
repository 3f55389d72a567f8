import { useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Switch, Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { ProposalTable } from '../../../components/proposal-table.js';
import { QueryState } from '../../../components/query-state.js';
import { DownloadButton } from '../../../components/download-button.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import { STATES, STATE_LABELS } from '../../../../shared/lifecycle.js';
import { CATEGORIES } from '../../../../shared/domain.js';
import { sessionOptionLabel } from '../../../lib/format.js';
import { PageTitle } from '../../../components/page-title.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
}

/** Every proposal the user may see, with the filters kept in the URL. */
export function ProposalListPage() {
  const { t } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20', sort: 'updatedAt:desc' });
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const list = useQuery({
    queryKey: ['proposals', s],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', s),
    placeholderData: (prev) => prev,
  });
  // The export takes the list's filters and sort, without paging: it holds every matching row.
  const { page: _page, pageSize: _pageSize, after: _after, ...filters } = s;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <PageTitle style={{ margin: 0 }}>
          {t('全部提案')}
        </PageTitle>
        <DownloadButton icon={<FileExcelOutlined />} path="/proposals/export.xlsx" query={filters} fallbackName="提案列表.xlsx">
          {t('导出表格')}
        </DownloadButton>
      </div>
      <Card size="small">
        <Space wrap>
          <Input.Search allowClear placeholder={t('搜索案由、正文或编号')} defaultValue={s.q} onSearch={(q) => update({ q })} style={{ width: 240 }} aria-label={t('搜索案由、正文或编号')} />
          <Select allowClear placeholder={t('届次')} aria-label={t('届次')} style={{ width: 200 }} value={s.sessionId ? Number(s.sessionId) : undefined} onChange={(v) => update({ sessionId: v })} options={(sessions.data ?? []).map((x) => ({ value: x.id, label: sessionOptionLabel(x) }))} />
          <Select allowClear mode="multiple" placeholder={t('状态')} aria-label={t('状态')} style={{ minWidth: 200 }} value={s.status ? s.status.split(',') : []} onChange={(v: string[]) => update({ status: v.join(',') })} options={STATES.filter((x) => x !== 'draft').map((x) => ({ value: x, label: t(STATE_LABELS[x]) }))} maxTagCount={2} />
          <Select allowClear placeholder={t('类别')} aria-label={t('类别')} style={{ width: 140 }} value={s.category} onChange={(v) => update({ category: v })} options={CATEGORIES.values.map((c) => ({ value: c, label: CATEGORIES.labels[c] }))} />
          <Space size={4}>
            <Switch size="small" aria-label={t('重点')} checked={s.isKey === 'true'} onChange={(c) => update({ isKey: c ? 'true' : undefined })} />
            {t('重点')}
          </Space>
          <Space size={4}>
            <Switch size="small" aria-label={t('已逾期')} checked={s.overdue === 'true'} onChange={(c) => update({ overdue: c ? 'true' : undefined })} />
            {t('已逾期')}
          </Space>
          <Button onClick={() => update({ q: undefined, status: undefined, sessionId: undefined, category: undefined, isKey: undefined, overdue: undefined })}>{t('重置')}</Button>
        </Space>
      </Card>
      <Card size="small">
        <QueryState query={list}>
          {(data) => <ProposalTable data={data} loading={list.isFetching} sort={s.sort} onChange={(p) => update({ page: p.page, pageSize: p.pageSize, sort: p.sort, after: p.after }, false)} />}
        </QueryState>
      </Card>
    </Space>
  );
}
