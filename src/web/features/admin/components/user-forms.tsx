import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Modal, Select, Space, Switch, Tag, Typography, type FormInstance } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import { ADMIN_ROLES, type UserOut } from '../../../../shared/schemas/admin.js';
import { ORGANS, type Organ } from '../../../../shared/domain.js';
import type { AdminRequestOut } from '../../../../shared/schemas/security.js';
import { passwordSchema } from '../../../../shared/password-policy.js';
import { mergeFresh, orNull, useBodies, useUnits } from './admin-shared.js';

// The forms of the 安全管理员's account list: create, edit, reset password. A change that needs a
// second administrator (三员分立) comes back as a filed request (HTTP 202), and the form says so.

export const isAdminRole = (r: Role) => (ADMIN_ROLES as readonly Role[]).includes(r);

/** 三员分立: picking an administrator role clears the others, picking another role clears it. */
function exclusiveRoles(prev: Role[] | undefined, next: Role[]): Role[] {
  const added = next.filter((r) => !(prev ?? []).includes(r));
  const last = added[added.length - 1];
  if (!last) return next;
  if (isAdminRole(last)) return [last];
  return next.filter((r) => !isAdminRole(r));
}

const PASSWORD_HINT = '至少10位，包含大写字母、小写字母、数字、符号中的至少三类；不得包含用户名';
const passwordRule = {
  validator: (_r: unknown, v: string | undefined) => {
    if (!v) return Promise.resolve();
    const r = passwordSchema.safeParse(v);
    return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? '密码不符合要求'));
  },
};

/** The answer of a write that waits for a second administrator. */
export interface PendingApproval {
  pendingApproval: true;
  request: AdminRequestOut;
}
export const isPending = (r: unknown): r is PendingApproval => !!r && typeof r === 'object' && 'pendingApproval' in r;

/** Tells the secadmin what became of the change: done, or filed for approval (with its number). */
export function useAnnounce() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  return (r: unknown, done: string) => {
    if (isPending(r)) {
      modal.info({
        title: t('已提交双人审批（第{id}号）', { id: r.request.id }),
        content: `${r.request.summary}。${t('须由另一位系统管理员或安全管理员在「双人审批」中批准后生效；审计管理员会收到安全告警。')}`,
        okText: t('知道了'),
      });
    } else message.success(done);
  };
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
        extra={
          <>
            {t('系统管理员、安全管理员、审计管理员须单独设置，不能兼任其他角色')}
            <br />
            {t('授予提案委、政府办/督查室、承办单位、督办领导或管理员角色，须经另一位管理员在「双人审批」中批准后生效')}
          </>
        }
        rules={[{ required: true, type: 'array', min: 1, message: t('请至少选择一个角色') }]}
        getValueFromEvent={(next: Role[]) => exclusiveRoles(form.getFieldValue('roles') as Role[] | undefined, next)}
      >
        <Select mode="multiple" optionFilterProp="label" options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))} />
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
export const ORGAN_STAFF_LABELS: Record<Organ, string> = { cppcc: '政协提案委', npc: '人大选联工委' };

const links = (v: UserFormValues) => ({
  unitId: v.roles.includes('unit') ? orNull(v.unitId) : null,
  bodyId: v.roles.includes('group') ? orNull(v.bodyId) : null,
  organ: v.roles.includes('staff') ? orNull(v.organ) : null,
  phone: v.phone?.trim() ? v.phone.trim() : null,
});

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const qc = useQueryClient();
  const [form] = Form.useForm<UserFormValues>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: UserFormValues) => {
    setBusy(true);
    try {
      const r = await api.post('/users', { username: v.username, password: v.password, displayName: v.displayName, roles: v.roles, ...links(v) });
      announce(r, t('用户已创建，首次登录须修改密码'));
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (e) {
      // A taken username comes back as a plain 409: show it next to the field.
      if (e instanceof ApiError && e.status === 409 && e.serverMessage.includes('用户名')) form.setFields([{ name: 'username', errors: [e.message] }]);
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

export function EditUserDrawer({ user, onClose, unlock }: { user: UserOut; onClose: () => void; unlock: ReactNode }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const announce = useAnnounce();
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
      const r = await api.patch(`/users/${user.id}`, { displayName: v.displayName, roles: v.roles, active: v.active, ...links(v), version });
      announce(r, t('用户已保存'));
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
              {unlock}
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

export function ResetPasswordModal({ user, onClose }: { user: UserOut; onClose: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const announce = useAnnounce();
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
          const r = await api.post(`/users/${user.id}/reset-password`, { newPassword: v.newPassword });
          announce(r, t('密码已重置'));
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
