import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, InputNumber, Select, Space, Table, type TableProps } from 'antd';
import { LEADER_ORGANS, LEADER_RANKS, type LeaderOrgan } from '../../../../shared/domain.js';
import { useMe } from '../../../app/auth.js';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { Data } from '../../../components/data-text.js';
import { dataCell, PageHeader, orNull, useLeaders, type Leader, editColumn } from './admin-shared.js';

/** 督办领导: city leaders who lead and supervise key proposals. */
export function LeadersPage() {
  const { t } = useI18n();
  const me = useMe();
  const leaders = useLeaders();
  const [editing, setEditing] = useState<Leader | 'new' | null>(null);
  const columns: TableProps<Leader>['columns'] = [
    { title: t('姓名'), dataIndex: 'name', key: 'name', render: dataCell },
    { title: t('职务'), dataIndex: 'title', key: 'title', render: dataCell },
    { title: t('所在机关'), dataIndex: 'organ', key: 'organ', width: 110, render: (v: Leader['organ']) => (v ? t(LEADER_ORGANS.labels[v]) : '—') },
    { title: t('职级'), dataIndex: 'rank', key: 'rank', width: 110, render: (v: Leader['rank']) => (v ? t(LEADER_RANKS.labels[v]) : '—') },
    { title: t('文件中称谓'), key: 'print', render: (_: unknown, l: Leader) => <Data>{printName(l, me.tenantName)}</Data> },
    { title: t('登录账户'), dataIndex: 'userId', key: 'userId', width: 110, render: (v: number | null) => (v ? `#${v}` : '—') },
    editColumn<Leader>(t, setEditing),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('督办领导')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新增督办领导')}
          </Button>
        }
      />
      <Card size="small">
        <QueryState query={leaders} empty={(d) => d.length === 0}>
          {(data) => <Table<Leader> rowKey="id" size="middle" columns={columns} dataSource={data} pagination={{ pageSize: 50, hideOnSinglePage: true }} />}
        </QueryState>
      </Card>
      {editing && <LeaderDrawer leader={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface LeaderValues {
  name: string;
  title: string;
  organ?: Leader['organ'];
  rank?: Leader['rank'];
  userId?: number | null;
}

const ORGAN_WORDS: Record<LeaderOrgan, string | null> = { party: '委', npc: '人大', government: '政府', cppcc: '政协', other: null };

/** How the documents print the leader (「市政协领导朱卫国」): the server's rule (leaderPrintName), for the preview. */
function printName(l: Pick<Leader, 'name' | 'title' | 'organ'>, tenantName: string) {
  const word = l.organ ? ORGAN_WORDS[l.organ] : null;
  const level = /[市区县旗州盟]$/.test(tenantName) ? tenantName.slice(-1) : '';
  return word ? `${level}${word}领导${l.name}` : `${l.title}${l.name}`;
}

function LeaderDrawer({ leader, onClose }: { leader: Leader | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<LeaderValues>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: LeaderValues) => {
    setBusy(true);
    const body = { name: v.name, title: v.title, organ: v.organ ?? null, rank: v.rank ?? null, userId: orNull(v.userId) };
    try {
      if (leader) await api.patch(`/leaders/${leader.id}`, body);
      else await api.post('/leaders', body);
      message.success(leader ? t('督办领导已保存') : t('督办领导已新增'));
      await qc.invalidateQueries({ queryKey: ['leaders'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open title={leader ? t('编辑督办领导') : t('新增督办领导')} onClose={onClose} width={420} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={leader ? { name: leader.name, title: leader.title, organ: leader.organ, rank: leader.rank, userId: leader.userId } : {}}>
        <Form.Item name="name" label={t('姓名')} rules={[{ required: true, whitespace: true, message: t('请填写姓名') }, { max: 50, message: t('姓名不能超过50字') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t('职务')} rules={[{ required: true, whitespace: true, message: t('请填写职务') }, { max: 50, message: t('职务不能超过50字') }]}>
          <Input placeholder={t('如：副市长')} />
        </Form.Item>
        <Form.Item name="organ" label={t('所在机关')} extra={t('文件中按“机关+领导+姓名”称谓，如“市政协领导朱卫国”')}>
          <Select allowClear options={LEADER_ORGANS.values.map((o) => ({ value: o, label: t(LEADER_ORGANS.labels[o]) }))} placeholder={t('请选择')} />
        </Form.Item>
        <Form.Item name="rank" label={t('职级')} extra={t('主要领导领衔督办的件数按机关统计，如“市委、市人大、市政府、市政协主要领导领衔督办4件”')}>
          <Select allowClear options={LEADER_RANKS.values.map((o) => ({ value: o, label: t(LEADER_RANKS.labels[o]) }))} placeholder={t('请选择')} />
        </Form.Item>
        <Form.Item name="userId" label={t('登录账户编号')} extra={t('由安全管理员创建的账户编号，可不填')}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {leader ? t('保存') : t('新增')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
