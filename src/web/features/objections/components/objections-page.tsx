import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Button, Card, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { api } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay, formatTime, proposalNo } from '../../../lib/format.js';
import { ACTION_FORMS } from '../../../app/action-forms.js';
import { QueryState } from '../../../components/query-state.js';
import { StatusTag } from '../../../components/status-tag.js';
import { useActionLauncher } from '../../../components/action-launcher.js';
import { ACTION_LABELS } from '../../../../shared/lifecycle.js';
import { UNIT_ROLES } from '../../../../shared/domain.js';
import type { ObjectionItem } from '../../../../shared/schemas/objections.js';
import type { ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import '../i18n.js';
import { serverPagination } from '../../../components/server-pagination.js';
import { KindTag } from '../../../components/kind-tag.js';
import { PageTitle } from '../../../components/page-title.js';

interface ObjectionPage {
  items: ObjectionItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** 调整申请 (office and committee): units' requests to leave a proposal, oldest first, decided here. */
export function ObjectionsPage() {
  const { t, locale } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const list = useQuery({
    queryKey: ['objections', s.page, s.pageSize],
    queryFn: () => api.get<ObjectionPage>('/objections', { page: s.page, pageSize: s.pageSize }),
    placeholderData: (prev) => prev,
  });
  const launcher = useActionLauncher(ACTION_FORMS, () => void list.refetch());

  // The form offers every objected assignment of the proposal; from this row, only this one.
  const only = (assignmentId: number) => (p: ProposalDetail) => ({
    ...p,
    assignments: p.assignments.filter((a) => a.status !== 'objected' || a.id === assignmentId),
  });

  const columns: TableProps<ObjectionItem>['columns'] = [
    {
      title: t('提案'),
      key: 'proposal',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/proposals/${r.proposalId}`}>
            <KindTag kind={r.proposalKind} />
            {proposalNo(r.proposalNumber)} {r.proposalTitle}
          </Link>
          <Space size={4} wrap>
            <StatusTag status={r.proposalStatus} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.sessionName} · {t('办理期限')} {formatDay(r.deadline, locale)}
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    {
      title: t('申请单位'),
      key: 'unit',
      width: 200,
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          {r.unitName}
          <Tag color={r.isLead ? 'red' : 'blue'}>{r.isLead ? t('主办（须指定新主办单位）') : t(UNIT_ROLES.labels[r.role])}</Tag>
        </Space>
      ),
    },
    {
      title: t('申请理由'),
      key: 'reason',
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>
            {r.reason}
          </Typography.Paragraph>
          {r.suggestedUnit && (
            <Typography.Text type="secondary">
              {t('建议承办单位')}：{r.suggestedUnit}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('申请时间'),
      key: 'objectedAt',
      width: 170,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          {formatTime(r.objectedAt, locale)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('交办日期')} {formatDay(r.assignedAt, locale)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('操作'),
      key: 'actions',
      width: 130,
      render: (_, r) => (
        <Button type="primary" size="small" loading={launcher.isLoading(r.proposalId, 'decide_objection')} onClick={() => launcher.launch(r.proposalId, 'decide_objection', only(r.assignmentId))}>
          {t(ACTION_LABELS.decide_objection)}
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle style={{ margin: 0 }}>
          {t('调整申请')}
        </PageTitle>
        <Typography.Text type="secondary">{t('承办单位申请调整（退出或改由其他单位承办），待审定')}</Typography.Text>
      </div>
      <Card size="small">
        <QueryState query={list} empty={(d) => d.total === 0} emptyText={t('暂无待审定的调整申请')}>
          {(data) => (
            <Table<ObjectionItem>
              rowKey="assignmentId"
              size="middle"
              loading={list.isFetching}
              columns={columns}
              dataSource={data.items}
              scroll={{ x: 900 }}
              pagination={serverPagination(data, t)}
              onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
            />
          )}
        </QueryState>
      </Card>
      {launcher.element}
    </Space>
  );
}
