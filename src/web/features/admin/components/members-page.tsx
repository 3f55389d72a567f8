import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { api, type Page } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { PROPOSAL_KINDS } from '../../../../shared/domain.js';
import type { memberOut } from '../../../../shared/schemas/admin.js';
import { dataCell, PageHeader, orNull, editColumn } from './admin-shared.js';

type Member = z.infer<typeof memberOut>;
const KIND_SHORT: Record<Member['kind'], string> = { proposal: '政协委员', suggestion: '人大代表' };

/** 委员 / 代表: the people who propose, paged on the server. */
export function MembersPage() {
  const { t } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({ page: '1', pageSize: '20' });
  const list = useQuery({ queryKey: ['members', s], queryFn: () => api.get<Page<Member>>('/members', s), placeholderData: (prev) => prev });
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const columns: TableProps<Member>['columns'] = [
    { title: t('姓名'), dataIndex: 'name', key: 'name', width: 110, render: dataCell },
    { title: t('类别'), dataIndex: 'kind', key: 'kind', width: 100, render: (k: Member['kind']) => t(KIND_SHORT[k]) },
    { title: t('界别/代表团'), dataIndex: 'sector', key: 'sector', render: dataCell },
    { title: t('党派'), dataIndex: 'party', key: 'party', width: 90, render: dataCell },
    { title: t('工作单位及职务'), dataIndex: 'workplace', key: 'workplace', render: dataCell },
    { title: t('联系电话'), dataIndex: 'phone', key: 'phone', width: 130, render: (v: string | null | undefined) => v ?? '—' },
    { title: t('登录账户'), dataIndex: 'userId', key: 'userId', width: 90, render: (v: number | null) => (v ? `#${v}` : '—') },
    editColumn<Member>(t, setEditing, 80),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('委员代表')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新增委员/代表')}
          </Button>
        }
      />
      <Card size="small">
        <Space wrap>
          <Input.Search allowClear placeholder={t('搜索姓名')} aria-label={t('搜索姓名')} defaultValue={s.q} onSearch={(v) => update({ q: v })} style={{ width: 220 }} />
          <Select allowClear placeholder={t('类别')} aria-label={t('类别')} style={{ width: 140 }} value={s.kind} onChange={(v) => update({ kind: v })} options={PROPOSAL_KINDS.values.map((k) => ({ value: k, label: t(KIND_SHORT[k]) }))} />
          <Button onClick={() => update({ q: undefined, kind: undefined })}>{t('重置')}</Button>
        </Space>
      </Card>
      <Card size="small">
        <QueryState query={list}>
          {(data) => (
            <Table<Member>
              rowKey="id"
              size="middle"
              loading={list.isFetching}
              columns={columns}
              dataSource={data.items}
              scroll={{ x: 980 }}
              pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => `${t('共')} ${n} ${t('条')}` }}
              onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 }, false)}
            />
          )}
        </QueryState>
      </Card>
      {editing && <MemberModal member={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface MemberValues {
  kind: Member['kind'];
  name: string;
  sector?: string;
  party?: string;
  workplace?: string;
  phone?: string;
  userId?: number | null;
}

function MemberModal({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<MemberValues>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: MemberValues) => {
    setBusy(true);
    const blank = (x?: string) => (x?.trim() ? x.trim() : null);
    const body = { kind: v.kind, name: v.name, sector: blank(v.sector), party: blank(v.party), workplace: blank(v.workplace), phone: blank(v.phone), userId: orNull(v.userId) };
    try {
      if (member) await api.patch(`/members/${member.id}`, body);
      else await api.post('/members', body);
      message.success(member ? t('委员/代表已保存') : t('委员/代表已新增'));
      await qc.invalidateQueries({ queryKey: ['members'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={member ? t('编辑委员/代表') : t('新增委员/代表')} onCancel={onClose} footer={null} destroyOnHidden maskClosable={false}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          member
            ? { kind: member.kind, name: member.name, sector: member.sector ?? '', party: member.party ?? '', workplace: member.workplace ?? '', phone: member.phone ?? '', userId: member.userId }
            : { kind: 'proposal' }
        }
      >
        <Form.Item name="kind" label={t('类别')} rules={[{ required: true, message: t('请选择委员或代表') }]}>
          <Select options={PROPOSAL_KINDS.values.map((k) => ({ value: k, label: t(KIND_SHORT[k]) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('姓名')} rules={[{ required: true, whitespace: true, message: t('请填写姓名') }, { max: 50, message: t('姓名不能超过50字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sector" label={t('界别/代表团')} rules={[{ max: 50, message: t('界别不能超过50字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="party" label={t('党派')} rules={[{ max: 50, message: t('党派不能超过50字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="workplace" label={t('工作单位及职务')} rules={[{ max: 200, message: t('工作单位及职务不能超过200字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('联系电话')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('联系电话格式不正确') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="userId" label={t('登录账户编号')} extra={t('由安全管理员创建的账户编号，可不填')}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {member ? t('保存') : t('新增')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
