import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { BODY_KINDS } from '../../../../shared/domain.js';
import { dataCell, PageHeader, useBodies, type Body, editColumn } from './admin-shared.js';

/** 党派团体 / 界别活动组 / 专门委员会 / 人民团体 that propose as one body. */
export function BodiesPage() {
  const { t } = useI18n();
  const bodies = useBodies();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const [editing, setEditing] = useState<Body | 'new' | null>(null);
  const q = (s.q ?? '').trim();
  const filtered = (bodies.data ?? []).filter((b) => (!q || b.name.includes(q)) && (!s.kind || b.kind === s.kind));
  const columns: TableProps<Body>['columns'] = [
    { title: t('团体名称'), dataIndex: 'name', key: 'name', render: dataCell },
    { title: t('类别'), dataIndex: 'kind', key: 'kind', width: 140, render: (k: Body['kind']) => t(BODY_KINDS.labels[k]) },
    editColumn<Body>(t, setEditing),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('党派团体')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新增团体')}
          </Button>
        }
      />
      <Card size="small">
        <Space wrap>
          <Input.Search allowClear placeholder={t('搜索团体名称')} aria-label={t('搜索团体名称')} defaultValue={s.q} onSearch={(v) => update({ q: v })} style={{ width: 220 }} />
          <Select allowClear placeholder={t('类别')} aria-label={t('类别')} style={{ width: 140 }} value={s.kind} onChange={(v) => update({ kind: v })} options={BODY_KINDS.values.map((k) => ({ value: k, label: t(BODY_KINDS.labels[k]) }))} />
        </Space>
      </Card>
      <Card size="small">
        <QueryState query={bodies}>
          {() => (
            <Table<Body>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={filtered}
              pagination={{ current: Number(s.page), pageSize: Number(s.pageSize), showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => `${t('共')} ${n} ${t('条')}` }}
              onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
            />
          )}
        </QueryState>
      </Card>
      {editing && <BodyModal body={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function BodyModal({ body, onClose }: { body: Body | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; kind: Body['kind'] }>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { name: string; kind: Body['kind'] }) => {
    setBusy(true);
    try {
      if (body) await api.patch(`/bodies/${body.id}`, v);
      else await api.post('/bodies', v);
      message.success(body ? t('团体已保存') : t('团体已新增'));
      await qc.invalidateQueries({ queryKey: ['bodies'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={body ? t('编辑团体') : t('新增团体')} onCancel={onClose} footer={null} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={body ? { name: body.name, kind: body.kind } : { kind: 'party' }}>
        <Form.Item name="name" label={t('团体名称')} rules={[{ required: true, whitespace: true, message: t('请填写团体名称') }, { max: 100, message: t('团体名称不能超过100字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('类别')} rules={[{ required: true, message: t('请选择团体类别') }]}>
          <Select options={BODY_KINDS.values.map((k) => ({ value: k, label: t(BODY_KINDS.labels[k]) }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {body ? t('保存') : t('新增')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
