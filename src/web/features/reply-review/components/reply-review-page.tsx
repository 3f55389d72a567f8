import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { ProposalTable } from '../../../components/proposal-table.js';
import { QueryState } from '../../../components/query-state.js';
import { useActionLauncher } from '../../../components/action-launcher.js';
import { ACTION_FORMS } from '../../../app/action-forms.js';
import type { ProposalListItem } from '../../../../shared/schemas/proposal-reads.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

/**
 * 答复审核: the replies waiting for staff or the office (sessions with reply_review on), oldest
 * change first. 审核 opens the replies beside the decision (审核通过 / 退回修改).
 */
export function ReplyReviewPage() {
  const { t } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const query = { status: 'reply_review', page: s.page, pageSize: s.pageSize, sort: s.sort ?? 'updatedAt:asc' };
  const list = useQuery({
    queryKey: ['proposals', 'reply-review', query],
    queryFn: () => api.get<Page<ProposalListItem>>('/proposals', query),
    placeholderData: (prev) => prev,
  });
  const launcher = useActionLauncher(ACTION_FORMS, () => void list.refetch());
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space direction="vertical" size={0}>
        <PageTitle style={{ margin: 0 }}>
          {t('答复审核')}
        </PageTitle>
        {list.data && <Typography.Text type="secondary">{t('待审核答复 {n} 件：审核通过后送达提案人，也可退回承办单位修改', { n: list.data.total })}</Typography.Text>}
      </Space>
      <Card size="small">
        <QueryState query={list} empty={(d) => d.total === 0} emptyText={t('暂无待审核的答复')}>
          {(data) => (
            <ProposalTable
              data={data}
              loading={list.isFetching}
              sort={query.sort}
              onChange={(p) => update({ page: p.page, pageSize: p.pageSize, sort: p.sort }, false)}
              extraColumns={[
                {
                  title: t('操作'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, r: ProposalListItem) => (
                    <Button type="primary" size="small" loading={launcher.isLoading(r.id, 'approve_reply')} onClick={() => void launcher.launch(r.id, 'approve_reply')} aria-label={`${t('审核')} ${r.title}`}>
                      {t('审核')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      {launcher.element}
    </Space>
  );
}
