import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Segmented, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { api, type Page } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatTime } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { serverPagination } from '../../../components/server-pagination.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { useMe } from '../../../app/auth.js';
import { ADMIN_REQUEST_KIND_LABELS, ADMIN_REQUEST_STATUS_LABELS, type AdminRequestOut } from '../../../../shared/schemas/security.js';
import { PageHeader } from './admin-shared.js';

const STATUS_COLORS = { pending: 'gold', approved: 'green', rejected: 'default' } as const;

/**
 * 双人审批 (三员分立): what the 安全管理员 may not do alone — a role that reads proposal content,
 * an administrator account, another administrator's password or second factor — waits here for a
 * different 系统管理员 or 安全管理员. Nobody approves their own request or one about themselves.
 */
export function ApprovalsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20', status: 'pending' });
  const list = useQuery({
    queryKey: ['admin-requests', s],
    queryFn: () => api.get<Page<AdminRequestOut>>('/admin-requests', { ...s, status: s.status === 'all' ? undefined : s.status }),
    placeholderData: (prev) => prev,
  });
  const [deciding, setDeciding] = useState<{ request: AdminRequestOut; decision: 'approve' | 'reject' } | null>(null);

  const columns: TableProps<AdminRequestOut>['columns'] = [
    { title: t('编号'), dataIndex: 'id', key: 'id', width: 80, render: (id: number) => `第${id}号` },
    { title: t('事项'), dataIndex: 'kind', key: 'kind', width: 120, render: (k: AdminRequestOut['kind']) => <Tag>{t(ADMIN_REQUEST_KIND_LABELS[k])}</Tag> },
    { title: t('申请内容'), dataIndex: 'summary', key: 'summary' },
    {
      title: t('申请人'),
      key: 'requested',
      width: 170,
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.requestedByName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(r.requestedAt, locale)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('状态'),
      key: 'status',
      width: 200,
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATUS_COLORS[r.status]}>{t(ADMIN_REQUEST_STATUS_LABELS[r.status])}</Tag>
          {r.decidedByName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.decidedByName} · {formatTime(r.decidedAt, locale)}
              {r.decisionNote ? `：${r.decisionNote}` : ''}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('操作'),
      key: 'ops',
      width: 150,
      render: (_: unknown, r) => {
        if (r.status !== 'pending') return null;
        const own = r.requestedBy === me.userId;
        return (
          <Space size={0} wrap>
            <Tooltip title={r.canApprove ? undefined : own ? t('不能审批自己提出的申请') : t('不能审批涉及自己账户的申请')}>
              <Button type="link" size="small" disabled={!r.canApprove} onClick={() => setDeciding({ request: r, decision: 'approve' })}>
                {t('批准')}
              </Button>
            </Tooltip>
            <Button type="link" size="small" danger onClick={() => setDeciding({ request: r, decision: 'reject' })}>
              {own ? t('撤回') : t('驳回')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('双人审批')} />
      <Typography.Text type="secondary">
        {t('授予可阅提案内容的角色（提案委、政府办/督查室、承办单位、督办领导）、新建或变更管理员、重置其他管理员的密码或双重验证，须由提出人以外的另一位系统管理员或安全管理员批准后生效。')}
      </Typography.Text>
      <Segmented
        value={s.status ?? 'pending'}
        onChange={(v) => update({ status: String(v) })}
        options={[
          { value: 'pending', label: t('待审批') },
          { value: 'approved', label: t('已批准') },
          { value: 'rejected', label: t('已驳回') },
          { value: 'all', label: t('全部') },
        ]}
      />
      <Card size="small">
        <QueryState query={list}>
          {(data) => (
            <Table<AdminRequestOut>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              columns={columns}
              dataSource={data.items}
              scroll={{ x: 900 }}
              locale={{ emptyText: t('没有申请') }}
              pagination={serverPagination(data, t)}
              onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
            />
          )}
        </QueryState>
      </Card>
      {deciding && <DecideModal {...deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}

function DecideModal({ request, decision, onClose }: { request: AdminRequestOut; decision: 'approve' | 'reject'; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const approve = decision === 'approve';
  const submit = async (v: { note?: string }) => {
    setBusy(true);
    try {
      await api.post(`/admin-requests/${request.id}/${decision}`, { note: v.note?.trim() || undefined });
      message.success(approve ? t('已批准，变更已生效') : t('已驳回'));
      await qc.invalidateQueries({ queryKey: ['admin-requests'] });
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${approve ? t('批准申请') : t('驳回申请')} · 第${request.id}号`} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph>{request.summary}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('提出人：{name}', { name: request.requestedByName })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('说明（可选）')} rules={[{ max: 200, message: t('说明不能超过200字') }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Space>
          <Button type="primary" danger={!approve} htmlType="submit" loading={busy}>
            {approve ? t('批准') : t('驳回')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
