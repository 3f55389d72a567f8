import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { LockOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatTime } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import type { UserOut } from '../../../../shared/schemas/admin.js';
import { dataCell, PageHeader, useUnits } from './admin-shared.js';
import { serverPagination } from '../../../components/server-pagination.js';
import { Data } from '../../../components/data-text.js';
import { CreateUserModal, EditUserDrawer, isAdminRole, ORGAN_STAFF_LABELS, ResetPasswordModal, useAnnounce } from './user-forms.js';

/** The 安全管理员's account list: filters in the URL, create, edit, reset password, unlock. */
export function UsersPage() {
  const { t, locale } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const units = useUnits();
  const list = useQuery({
    queryKey: ['users', s],
    queryFn: () => api.get<Page<UserOut>>('/users', s),
    placeholderData: (prev) => prev,
  });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserOut | null>(null);
  const [resetting, setResetting] = useState<UserOut | null>(null);

  const columns: TableProps<UserOut>['columns'] = [
    { title: t('用户名'), dataIndex: 'username', key: 'username', width: 140 },
    { title: t('姓名'), dataIndex: 'displayName', key: 'displayName', render: dataCell },
    {
      title: t('角色'),
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: Role[]) => (
        <Space size={4} wrap>
          {roles.map((r) => (
            <Tag key={r} color={isAdminRole(r) ? 'purple' : undefined}>
              {t(ROLE_LABELS[r])}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('所属单位/团体'),
      key: 'org',
      // A staff account's organ: 政协提案委 or 人大选联工委.
      render: (_: unknown, u) => (u.unitName ?? u.bodyName ? <Data>{u.unitName ?? u.bodyName}</Data> : u.organ ? t(ORGAN_STAFF_LABELS[u.organ]) : '—'),
    },
    {
      title: t('状态'),
      key: 'state',
      width: 200,
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          {u.active ? <Tag color="success">{t('启用')}</Tag> : <Tag>{t('停用')}</Tag>}
          {u.locked && (
            <Tooltip title={`${t('锁定至')} ${formatTime(u.lockedUntil, locale)}`}>
              <Tag color="error" icon={<LockOutlined />}>
                {t('已锁定')}
              </Tag>
            </Tooltip>
          )}
          {u.mustChangePassword && <Tag color="warning">{t('待修改密码')}</Tag>}
          {u.secondFactorEnabled && (
            <Tooltip title={t('已启用双重验证')}>
              <Tag color="blue" icon={<SafetyCertificateOutlined />}>
                {t('双重验证')}
              </Tag>
            </Tooltip>
          )}
          {!u.locked && u.failedLogins > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('失败 {n} 次', { n: u.failedLogins })}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('操作'),
      key: 'ops',
      width: 260,
      render: (_: unknown, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(u)}>
            {t('编辑')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            {t('重置密码')}
          </Button>
          {u.secondFactorEnabled && <ResetSecondFactorButton user={u} />}
          {u.locked && <UnlockButton user={u} />}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('用户管理')}
        extra={
          <>
            <Link to="/admin/approvals">{t('双人审批')}</Link>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('新建用户')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Space wrap>
          <Input.Search allowClear placeholder={t('搜索用户名或姓名')} aria-label={t('搜索用户名或姓名')} defaultValue={s.q} onSearch={(q) => update({ q })} style={{ width: 220 }} />
          <Select allowClear placeholder={t('角色')} aria-label={t('角色')} style={{ width: 160 }} value={s.role} onChange={(v) => update({ role: v })} options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))} />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('承办单位')}
            aria-label={t('承办单位')}
            style={{ width: 200 }}
            value={s.unitId ? Number(s.unitId) : undefined}
            onChange={(v) => update({ unitId: v })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
          <Select
            allowClear
            placeholder={t('启用状态')}
            aria-label={t('启用状态')}
            style={{ width: 120 }}
            value={s.active}
            onChange={(v) => update({ active: v })}
            options={[
              { value: 'true', label: t('启用') },
              { value: 'false', label: t('停用') },
            ]}
          />
          <Button onClick={() => update({ q: undefined, role: undefined, unitId: undefined, active: undefined })}>{t('重置')}</Button>
        </Space>
      </Card>
      <Card size="small">
        <QueryState query={list}>
          {(data) => (
            <Table<UserOut>
              rowKey="id"
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
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
      {editing && <EditUserDrawer user={editing} onClose={() => setEditing(null)} unlock={<UnlockButton user={editing} />} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </Space>
  );
}

function UnlockButton({ user }: { user: UserOut }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title={t('解除锁定')}
      description={t('确定解除「{name}」的账户锁定吗？', { name: user.displayName })}
      okText={t('解锁')}
      cancelText={t('取消')}
      onConfirm={async () => {
        setBusy(true);
        try {
          await api.post(`/users/${user.id}/unlock`);
          message.success(t('已解除锁定'));
          await qc.invalidateQueries({ queryKey: ['users'] });
        } catch (e) {
          showErrors(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button type="link" size="small" loading={busy}>
        {t('解锁')}
      </Button>
    </Popconfirm>
  );
}


/**
 * For a lost phone without recovery codes: the holder signs in with the password again and enrols
 * anew. Another administrator's second factor goes to 双人审批 instead.
 */
function ResetSecondFactorButton({ user }: { user: UserOut }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title={t('重置双重验证')}
      description={t('确定清除「{name}」的手机验证器和恢复码吗？其须重新启用双重验证。', { name: user.displayName })}
      okText={t('重置')}
      cancelText={t('取消')}
      onConfirm={async () => {
        setBusy(true);
        try {
          announce(await api.post(`/users/${user.id}/reset-second-factor`), t('双重验证已重置'));
          await qc.invalidateQueries({ queryKey: ['users'] });
        } catch (e) {
          showErrors(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button type="link" size="small" loading={busy}>
        {t('重置双重验证')}
      </Button>
    </Popconfirm>
  );
}
