import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { UNIT_KINDS } from '../../../../shared/domain.js';
import { dataCell, PageHeader, useUnits, type Unit, editColumn } from './admin-shared.js';

/** 承办单位: the departments, towns and enterprises that handle proposals. */
export function UnitsPage() {
  const { t } = useI18n();
  const units = useUnits();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const q = (s.q ?? '').trim();
  const filtered = (units.data ?? []).filter((u) => (!q || u.name.includes(q) || (u.contactName ?? '').includes(q)) && (!s.kind || u.kind === s.kind) && (!s.active || String(u.active) === s.active));
  const columns: TableProps<Unit>['columns'] = [
    { title: t('单位名称'), dataIndex: 'name', key: 'name', render: dataCell },
    { title: t('类型'), dataIndex: 'kind', key: 'kind', width: 100, render: (k: Unit['kind']) => t(UNIT_KINDS.labels[k]) },
    { title: t('联系人'), dataIndex: 'contactName', key: 'contactName', width: 120, render: dataCell },
    { title: t('联系电话'), dataIndex: 'contactPhone', key: 'contactPhone', width: 150, render: (v: string | null) => v ?? '—' },
    { title: t('状态'), dataIndex: 'active', key: 'active', width: 90, render: (a: boolean) => (a ? <Tag color="success">{t('启用')}</Tag> : <Tag>{t('停用')}</Tag>) },
    editColumn<Unit>(t, setEditing),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('承办单位')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新增承办单位')}
          </Button>
        }
      />
      <Card size="small">
        <Space wrap>
          <Input.Search allowClear placeholder={t('搜索单位名称或联系人')} aria-label={t('搜索单位名称或联系人')} defaultValue={s.q} onSearch={(v) => update({ q: v })} style={{ width: 240 }} />
          <Select allowClear placeholder={t('类型')} aria-label={t('类型')} style={{ width: 120 }} value={s.kind} onChange={(v) => update({ kind: v })} options={UNIT_KINDS.values.map((k) => ({ value: k, label: t(UNIT_KINDS.labels[k]) }))} />
          <Select allowClear placeholder={t('启用状态')} aria-label={t('启用状态')} style={{ width: 120 }} value={s.active} onChange={(v) => update({ active: v })} options={[{ value: 'true', label: t('启用') }, { value: 'false', label: t('停用') }]} />
        </Space>
      </Card>
      <Card size="small">
        <QueryState query={units}>
          {() => (
            <Table<Unit>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={filtered}
              scroll={{ x: 700 }}
              pagination={{ current: Number(s.page), pageSize: Number(s.pageSize), showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => `${t('共')} ${n} ${t('条')}` }}
              onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
            />
          )}
        </QueryState>
      </Card>
      {editing && <UnitModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface UnitValues {
  name: string;
  kind: Unit['kind'];
  contactName?: string;
  contactPhone?: string;
  active: boolean;
}

function UnitModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<UnitValues>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const save = async (v: UnitValues) => {
    setBusy(true);
    const body = { name: v.name, kind: v.kind, contactName: v.contactName?.trim() || null, contactPhone: v.contactPhone?.trim() || null, active: v.active };
    try {
      if (unit) await api.patch(`/units/${unit.id}`, body);
      else await api.post('/units', body);
      message.success(unit ? t('承办单位已保存') : t('承办单位已新增'));
      await qc.invalidateQueries({ queryKey: ['units'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (v: UnitValues) => {
    if (unit?.active && !v.active) {
      modal.confirm({
        title: t('停用承办单位'),
        content: t('停用后不能再向「{name}」交办提案，确定停用吗？', { name: unit.name }),
        okText: t('停用并保存'),
        cancelText: t('取消'),
        onOk: () => save(v),
      });
    } else void save(v);
  };
  return (
    <Modal open title={unit ? t('编辑承办单位') : t('新增承办单位')} onCancel={onClose} footer={null} destroyOnHidden maskClosable={false}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={unit ? { name: unit.name, kind: unit.kind, contactName: unit.contactName ?? '', contactPhone: unit.contactPhone ?? '', active: unit.active } : { kind: 'department', active: true }}
      >
        <Form.Item name="name" label={t('单位名称')} rules={[{ required: true, whitespace: true, message: t('请填写单位名称') }, { max: 100, message: t('单位名称不能超过100字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('类型')} rules={[{ required: true, message: t('请选择单位类型') }]}>
          <Select options={UNIT_KINDS.values.map((k) => ({ value: k, label: t(UNIT_KINDS.labels[k]) }))} />
        </Form.Item>
        <Form.Item name="contactName" label={t('联系人')} rules={[{ max: 50, message: t('联系人不能超过50字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('联系电话')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('联系电话格式不正确') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label={t('启用')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {unit ? t('保存') : t('新增')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
