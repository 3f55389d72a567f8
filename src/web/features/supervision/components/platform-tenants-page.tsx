import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { TENANT_LEVELS } from '../../../../shared/domain.js';
import { ROLE_LABELS, type Role } from '../../../../shared/roles.js';
import type { TenantOut } from '../../../../shared/schemas/supervision.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';

type Level = TenantOut['level'];

/**
 * 单位管理 for the platform administrator: the province's tenants with their parent, created and
 * edited here, and each tenant's first administrators (a one-time first password, shown once).
 */
export function PlatformTenantsPage() {
  const { t } = useI18n();
  const [editing, setEditing] = useState<TenantOut | 'new' | null>(null);
  const [adminFor, setAdminFor] = useState<TenantOut | null>(null);
  const q = useQuery({ queryKey: ['platform-tenants'], queryFn: () => api.get<{ items: TenantOut[] }>('/platform/tenants') });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <PageTitle style={{ margin: 0 }}>{t('单位管理')}</PageTitle>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('新建单位')}</Button>
      </Space>
      <Card size="small">
        <QueryState query={q} empty={(d) => d.items.length === 0}>
          {(d) => (
            <List
              dataSource={d.items}
              renderItem={(x) => (
                <List.Item
                  actions={[
                    <Button key="e" size="small" onClick={() => setEditing(x)}>{t('编辑')}</Button>,
                    <Button key="a" size="small" onClick={() => setAdminFor(x)}>{t('添加管理员')}</Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <span>{x.name}</span>
                        <Tag>{TENANT_LEVELS.labels[x.level]}</Tag>
                        {!x.active && <Tag color="red">{t('已停用')}</Tag>}
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={0}>
                        <span>{`${t('行政区划代码')}：${x.code}${x.parentName ? ` · ${t('上级单位')}：${x.parentName}` : ''}`}</span>
                        <span>{`${t('管理员')}：${x.administrators.map((a) => `${a.displayName}（${a.username}）`).join('、') || '—'}`}</span>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      </Card>
      {editing && <TenantDrawer tenant={editing === 'new' ? null : editing} all={q.data?.items ?? []} onClose={() => setEditing(null)} />}
      {adminFor && <AdminDialog tenant={adminFor} onClose={() => setAdminFor(null)} />}
    </Space>
  );
}

interface TenantValues {
  name: string;
  code: string;
  level: Level;
  parentId?: number | null;
  active?: boolean;
}

function TenantDrawer({ tenant, all, onClose }: { tenant: TenantOut | null; all: TenantOut[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TenantValues>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: TenantValues) => {
    setBusy(true);
    try {
      if (tenant) await api.patch(`/platform/tenants/${tenant.id}`, { name: v.name, parentId: v.parentId ?? null, active: v.active });
      else await api.post('/platform/tenants', { name: v.name, code: v.code, level: v.level, parentId: v.parentId ?? null });
      message.success(t('单位已保存'));
      await qc.invalidateQueries({ queryKey: ['platform-tenants'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open title={tenant ? tenant.name : t('新建单位')} onClose={onClose} width={420} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={tenant ? { name: tenant.name, code: tenant.code, level: tenant.level, parentId: tenant.parentId, active: tenant.active } : { level: 'county' }}>
        <Form.Item name="name" label={t('名称')} rules={[{ required: true, whitespace: true, message: t('请填写名称') }, { max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="code" label={t('行政区划代码')} rules={[{ required: true, whitespace: true, message: t('请填写行政区划代码') }, { max: 20 }]}>
          <Input disabled={!!tenant} />
        </Form.Item>
        <Form.Item name="level" label={t('级别')} rules={[{ required: true }]}>
          <Select disabled={!!tenant} options={TENANT_LEVELS.values.map((l) => ({ value: l, label: TENANT_LEVELS.labels[l] }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('上级单位')}>
          <Select allowClear options={all.filter((x) => x.id !== tenant?.id).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        {tenant && (
          <Form.Item name="active" label={t('状态')}>
            <Select options={[{ value: true, label: t('启用') }, { value: false, label: t('停用') }]} />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t('保存')}</Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}

function AdminDialog({ tenant, onClose }: { tenant: TenantOut; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ role: Role; username: string; displayName: string }>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ username: string; password: string } | null>(null);
  const submit = async (v: { role: Role; username: string; displayName: string }) => {
    setBusy(true);
    try {
      setMade(await api.post<{ username: string; password: string }>(`/platform/tenants/${tenant.id}/administrators`, v));
      await qc.invalidateQueries({ queryKey: ['platform-tenants'] });
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${tenant.name} · ${t('添加管理员')}`} onCancel={onClose} footer={made ? <Button onClick={onClose}>{t('关闭')}</Button> : undefined} onOk={() => form.submit()} okText={t('保存')} cancelText={t('取消')} confirmLoading={busy} destroyOnHidden>
      {made ? (
        <Alert type="success" showIcon message={`${made.username}`} description={<span>{t('一次性初始密码（仅显示一次）')}：<Typography.Text code copyable>{made.password}</Typography.Text></span>} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'secadmin' }}>
          <Form.Item name="role" label={t('角色')} rules={[{ required: true }]}>
            <Select options={(['sysadmin', 'secadmin', 'auditor'] as const).map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="username" label={t('用户名')} rules={[{ required: true, whitespace: true, message: t('请填写用户名') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('姓名')} rules={[{ required: true, whitespace: true, message: t('请填写姓名') }]}>
            <Input />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
