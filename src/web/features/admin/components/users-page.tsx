import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography, type FormInstance, type TableProps } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError, type Page } from '../../../lib/api.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatTime } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import { ORGANS, type Organ } from '../../../../shared/domain.js';
import { ADMIN_ROLES, type UserOut } from '../../../../shared/schemas/admin.js';
import { passwordSchema } from '../../../../shared/password-policy.js';
import { PageHeader, mergeFresh, orNull, useBodies, useUnits } from './admin-shared.js';
import { serverPagination } from '../../../components/server-pagination.js';

const isAdminRole = (r: Role) => (ADMIN_ROLES as readonly Role[]).includes(r);

/** 三员分立: picking an administrator role clears the others, picking another role clears it. */
function exclusiveRoles(prev: Role[] | undefined, next: Role[]): Role[] {
  const added = next.filter((r) => !(prev ?? []).includes(r));
  const last = added[added.length - 1];
  if (!last) return next;
  if (isAdminRole(last)) return [last];
  return next.filter((r) => !isAdminRole(r));
}

const PASSWORD_HINT = '至少10位，包含大写字母、小写字母、数字、符号中的至少三类';
const passwordRule = {
  validator: (_r: unknown, v: string | undefined) => {
    if (!v) return Promise.resolve();
    const r = passwordSchema.safeParse(v);
    return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? '密码不符合要求'));
  },
};

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
    { title: t('姓名'), dataIndex: 'displayName', key: 'displayName' },
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
      render: (_: unknown, u) => u.unitName ?? u.bodyName ?? (u.organ ? t(ORGAN_STAFF_LABELS[u.organ]) : '—'),
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
          {!u.locked && u.failedLogins > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('失败 {n} 次', { n: u.failedLogins })}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('操作'),
      key: 'ops',
      width: 220,
      render: (_: unknown, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(u)}>
            {t('编辑')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            {t('重置密码')}
          </Button>
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
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('新建用户')}
          </Button>
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
      {editing && <EditUserDrawer user={editing} onClose={() => setEditing(null)} />}
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

/** Role, unit and body fields shared by the create and edit forms. */
function RoleFields({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const units = useUnits();
  const bodies = useBodies();
  const roles = (Form.useWatch('roles', form) as Role[] | undefined) ?? [];
  return (
    <>
      <Form.Item
        name="roles"
        label={t('角色')}
        extra={t('系统管理员、安全管理员、审计管理员须单独设置，不能兼任其他角色')}
        rules={[{ required: true, type: 'array', min: 1, message: t('请至少选择一个角色') }]}
        getValueFromEvent={(next: Role[]) => exclusiveRoles(form.getFieldValue('roles') as Role[] | undefined, next)}
      >
        <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))} />
      </Form.Item>
      {roles.includes('unit') && (
        <Form.Item name="unitId" label={t('所属承办单位')} rules={[{ required: true, message: t('承办单位用户须选择所属承办单位') }]}>
          <Select showSearch optionFilterProp="label" options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
      {roles.includes('staff') && (
        <Form.Item name="organ" label={t('所属机关')} extra={t('提案委工作人员只看到并办理本机关的届次会议和提案（建议）')} rules={[{ required: true, message: t('提案委工作人员须选择所属机关（政协提案委或人大选联工委）') }]}>
          <Select data-testid="user-organ" options={ORGANS.values.map((o) => ({ value: o, label: t(ORGAN_STAFF_LABELS[o]) }))} />
        </Form.Item>
      )}
      {roles.includes('group') && (
        <Form.Item name="bodyId" label={t('所代表的团体')} rules={[{ required: true, message: t('党派团体账户须选择所代表的团体') }]}>
          <Select showSearch optionFilterProp="label" options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
      )}
    </>
  );
}

interface UserFormValues {
  username?: string;
  password?: string;
  displayName: string;
  roles: Role[];
  unitId?: number | null;
  bodyId?: number | null;
  organ?: Organ | null;
  phone?: string;
  active?: boolean;
}

/** How an organ's staff body is named on the account screens. */
const ORGAN_STAFF_LABELS: Record<Organ, string> = { cppcc: '政协提案委', npc: '人大选联工委' };

const links = (v: UserFormValues) => ({
  unitId: v.roles.includes('unit') ? orNull(v.unitId) : null,
  bodyId: v.roles.includes('group') ? orNull(v.bodyId) : null,
  organ: v.roles.includes('staff') ? orNull(v.organ) : null,
  phone: v.phone?.trim() ? v.phone.trim() : null,
});

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<UserFormValues>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: UserFormValues) => {
    setBusy(true);
    try {
      await api.post('/users', { username: v.username, password: v.password, displayName: v.displayName, roles: v.roles, ...links(v) });
      message.success(t('用户已创建，首次登录须修改密码'));
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (e) {
      // A taken username comes back as a plain 409: show it next to the field.
      if (e instanceof ApiError && e.status === 409 && e.message.includes('用户名')) form.setFields([{ name: 'username', errors: [e.message] }]);
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('新建用户')} onCancel={onClose} footer={null} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ roles: [] }}>
        <Form.Item name="username" label={t('用户名')} extra={t('3到32位字母、数字、下划线、点或连字符')} rules={[{ required: true, message: t('请填写用户名') }, { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('用户名须为3到32位字母、数字、下划线、点或连字符') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('姓名')} rules={[{ required: true, whitespace: true, message: t('请填写姓名') }, { max: 50, message: t('姓名不能超过50字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={t('初始密码')} extra={t(PASSWORD_HINT)} rules={[{ required: true, message: t('请填写初始密码') }, passwordRule]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <RoleFields form={form} />
        <Form.Item name="phone" label={t('联系电话')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('联系电话格式不正确') }]}>
          <Input />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('创建用户')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function EditUserDrawer({ user, onClose }: { user: UserOut; onClose: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<UserFormValues>();
  const [version, setVersion] = useState(user.version);
  const reload = async () => {
    const fresh = await api.get<UserOut>(`/users/${user.id}`);
    setVersion(fresh.version);
    mergeFresh(form, fresh as unknown as Record<string, unknown>, ['displayName', 'roles', 'unitId', 'bodyId', 'organ', 'phone', 'active']);
    void qc.invalidateQueries({ queryKey: ['users'] });
  };
  const showErrors = useServerErrors(form, () => void reload());
  const [busy, setBusy] = useState(false);
  const save = async (v: UserFormValues) => {
    setBusy(true);
    try {
      await api.patch(`/users/${user.id}`, { displayName: v.displayName, roles: v.roles, active: v.active, ...links(v), version });
      message.success(t('用户已保存'));
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (v: UserFormValues) => {
    if (user.active && v.active === false) {
      modal.confirm({
        title: t('停用账户'),
        content: t('停用后「{name}」将无法登录，确定停用吗？', { name: user.displayName }),
        okText: t('停用并保存'),
        cancelText: t('取消'),
        onOk: () => save(v),
      });
    } else void save(v);
  };
  return (
    <Drawer
      open
      title={`${t('编辑用户')} · ${user.username}`}
      onClose={onClose}
      width={480}
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()}>
          {t('保存用户')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ displayName: user.displayName, roles: user.roles, unitId: user.unitId, bodyId: user.bodyId, organ: user.organ, phone: user.phone ?? '', active: user.active }}
      >
        <Form.Item label={t('用户名')}>
          <Typography.Text>{user.username}</Typography.Text>
        </Form.Item>
        <Form.Item name="displayName" label={t('姓名')} rules={[{ required: true, whitespace: true, message: t('请填写姓名') }, { max: 50, message: t('姓名不能超过50字') }]}>
          <Input />
        </Form.Item>
        <RoleFields form={form} />
        <Form.Item name="phone" label={t('联系电话')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('联系电话格式不正确') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label={t('启用')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {user.locked && (
          <Form.Item label={t('锁定状态')}>
            <Space>
              <Tag color="error" icon={<LockOutlined />}>
                {t('已锁定')}
              </Tag>
              <UnlockButton user={user} />
            </Space>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('保存用户')}
        </Button>
      </Form>
    </Drawer>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserOut; onClose: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = (v: { newPassword: string }) =>
    modal.confirm({
      title: t('重置密码'),
      content: t('确定重置「{name}」的密码吗？其下次登录须修改密码。', { name: user.displayName }),
      okText: t('确认重置'),
      cancelText: t('取消'),
      onOk: async () => {
        setBusy(true);
        try {
          await api.post(`/users/${user.id}/reset-password`, { newPassword: v.newPassword });
          message.success(t('密码已重置'));
          await qc.invalidateQueries({ queryKey: ['users'] });
          onClose();
        } catch (e) {
          showErrors(e);
        } finally {
          setBusy(false);
        }
      },
    });
  return (
    <Modal open title={`${t('重置密码')} · ${user.displayName}`} onCancel={onClose} footer={null} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="newPassword" label={t('新密码')} extra={t(PASSWORD_HINT)} rules={[{ required: true, message: t('请输入新密码') }, passwordRule]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('确认新密码')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('请再次输入新密码') },
            ({ getFieldValue }) => ({
              validator: (_r, v) => (v && v !== getFieldValue('newPassword') ? Promise.reject(new Error(t('两次输入的新密码不一致'))) : Promise.resolve()),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('重置密码')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
