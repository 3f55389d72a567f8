import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { App, Button, Card, Col, DatePicker, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { extendEnglish, useI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { ORGANS, ORGAN_OF_KIND, PROPOSAL_KINDS } from '../../../../shared/domain.js';
import { PageHeader, mergeFresh, useSessions, type Session, editColumn } from './admin-shared.js';
import { Data } from '../../../components/data-text.js';
import { today } from '../../../lib/clock.js';

// The unsigned-alert setting (issue 16, handling aids).
extendEnglish({ 签收提醒期限: 'Unsigned alert after', '；超期未签收 {n} 个工作日': '; unsigned alert after {n} working days' });

/** 届次会议 and their deadline settings. */
export function SessionsPage() {
  const { t, locale } = useI18n();
  const sessions = useSessions();
  const [editing, setEditing] = useState<Session | 'new' | null>(null);
  const columns: TableProps<Session>['columns'] = [
    {
      title: t('会议'),
      key: 'name',
      render: (_: unknown, s) => (
        <Space size={4} wrap>
          <Data>{s.name}</Data>
          {s.isCurrent && <Tag color="red">{t('当前')}</Tag>}
        </Space>
      ),
    },
    // A session belongs to one organ through its kind: its staff alone review, number and publish it.
    {
      title: t('所属机关'),
      key: 'organ',
      width: 110,
      render: (_: unknown, s) => <Tag color={s.kind === 'suggestion' ? 'gold' : 'red'}>{t(ORGANS.labels[ORGAN_OF_KIND[s.kind]])}</Tag>,
    },
    { title: t('类别'), dataIndex: 'kind', key: 'kind', width: 130, render: (k: Session['kind']) => t(PROPOSAL_KINDS.labels[k]) },
    { title: t('年度'), dataIndex: 'year', key: 'year', width: 80 },
    { title: t('大会会期'), key: 'plenary', width: 240, render: (_: unknown, s) => (s.plenaryStart ? `${formatDay(s.plenaryStart, locale)} – ${formatDay(s.plenaryEnd, locale)}` : '—') },
    {
      title: t('期限设置'),
      key: 'deadlines',
      render: (_: unknown, s) => (
        <Space direction="vertical" size={2}>
          {t('办理 {m} 个月（最长 {max} 个月）；申请调整 {o}、首次沟通 {c}、测评 {e} 个工作日；重新办理 {r} 个月', {
            r: s.rehandlingMonths,
            m: s.replyMonths,
            max: s.replyMaxMonths,
            o: s.objectionWorkingDays,
            c: s.firstContactWorkingDays,
            e: s.evaluationWorkingDays,
          })}
          <span>
            {t('会办意见 {n} 个月', { n: s.coOpinionMonths })}
            {t('；超期未签收 {n} 个工作日', { n: s.signAlertWorkingDays })}
            {s.replyReview && <Tag color="gold" style={{ marginLeft: 8 }}>{t('答复审核')}</Tag>}
          </span>
        </Space>
      ),
    },
    editColumn<Session>(t, setEditing, 80),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('届次会议')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新增届次会议')}
          </Button>
        }
      />
      <Card size="small">
        <QueryState query={sessions} empty={(d) => d.length === 0}>
          {(data) => <Table<Session> rowKey="id" size="middle" columns={columns} dataSource={data} scroll={{ x: 960 }} pagination={{ pageSize: 50, hideOnSinglePage: true }} />}
        </QueryState>
      </Card>
      {editing && <SessionDrawer session={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface SessionValues {
  kind: Session['kind'];
  name: string;
  term: number;
  meeting: number;
  year: number;
  plenary?: [Dayjs | null, Dayjs | null] | null;
  replyMonths: number;
  replyMaxMonths: number;
  objectionWorkingDays: number;
  firstContactWorkingDays: number;
  evaluationWorkingDays: number;
  rehandlingMonths: number;
  coOpinionMonths: number;
  signAlertWorkingDays: number;
  replyReview: boolean;
  isCurrent: boolean;
}

const SETTINGS = ['name', 'term', 'meeting', 'year', 'replyMonths', 'replyMaxMonths', 'objectionWorkingDays', 'firstContactWorkingDays', 'evaluationWorkingDays', 'rehandlingMonths', 'coOpinionMonths', 'signAlertWorkingDays', 'replyReview', 'isCurrent'];

function SessionDrawer({ session, onClose }: { session: Session | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SessionValues>();
  const [version, setVersion] = useState(session?.version ?? 0);
  const reload = async () => {
    if (!session) return;
    const fresh = await api.get<Session>(`/sessions/${session.id}`);
    setVersion(fresh.version);
    mergeFresh(form, fresh as unknown as Record<string, unknown>, SETTINGS);
    void qc.invalidateQueries({ queryKey: ['sessions'] });
  };
  const showErrors = useServerErrors(form, () => void reload());
  const [busy, setBusy] = useState(false);
  const save = async (v: SessionValues) => {
    setBusy(true);
    const [start, end] = v.plenary ?? [null, null];
    const body = {
      name: v.name.trim(),
      term: v.term,
      meeting: v.meeting,
      year: v.year,
      plenaryStart: start ? start.format('YYYY-MM-DD') : null,
      plenaryEnd: end ? end.format('YYYY-MM-DD') : null,
      replyMonths: v.replyMonths,
      replyMaxMonths: v.replyMaxMonths,
      objectionWorkingDays: v.objectionWorkingDays,
      firstContactWorkingDays: v.firstContactWorkingDays,
      evaluationWorkingDays: v.evaluationWorkingDays,
      rehandlingMonths: v.rehandlingMonths,
      coOpinionMonths: v.coOpinionMonths,
      signAlertWorkingDays: v.signAlertWorkingDays,
      replyReview: v.replyReview,
      isCurrent: v.isCurrent,
    };
    try {
      if (session) await api.patch(`/sessions/${session.id}`, { ...body, version });
      else await api.post('/sessions', { ...body, kind: v.kind });
      message.success(session ? t('届次会议已保存') : t('届次会议已新增'));
      await qc.invalidateQueries({ queryKey: ['sessions'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (v: SessionValues) => {
    if (v.isCurrent && !session?.isCurrent) {
      modal.confirm({
        title: t('设为当前会议'),
        content: t('设为当前会议后，新提交的{kind}将归入此会议。确定吗？', { kind: t(PROPOSAL_KINDS.labels[session?.kind ?? v.kind]) }),
        okText: t('确定'),
        cancelText: t('取消'),
        onOk: () => save(v),
      });
    } else void save(v);
  };
  const num = (name: keyof SessionValues, label: string, min: number, max: number, unit: string) => (
    <Col xs={24} sm={12}>
      <Form.Item
        name={name}
        label={t(label)}
        rules={[
          { required: true, message: t('请填写{label}', { label: t(label) }) },
          { type: 'number', min, max, message: t('{label}应在{min}到{max}{unit}之间', { label: t(label), min, max, unit: t(unit) }) },
        ]}
      >
        <InputNumber min={min} max={max} precision={0} addonAfter={t(unit)} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  return (
    <Drawer
      open
      title={session ? `${t('编辑届次会议')} · ${session.name}` : t('新增届次会议')}
      onClose={onClose}
      width={560}
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()}>
          {t('保存设置')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          session
            ? { ...session, plenary: session.plenaryStart ? [dayjs(session.plenaryStart), session.plenaryEnd ? dayjs(session.plenaryEnd) : null] : null }
            : { kind: 'proposal', year: today().year(), replyMonths: 3, replyMaxMonths: 6, objectionWorkingDays: 5, firstContactWorkingDays: 15, evaluationWorkingDays: 15, rehandlingMonths: 1, coOpinionMonths: 1, signAlertWorkingDays: 3, replyReview: false, isCurrent: false }
        }
      >
        <Form.Item name="kind" label={t('类别')} extra={session ? t('已有提案的会议不能更改类别') : t('政协提案由政协提案委办理，人大代表建议由人大选联工委办理，两者各自编号')} rules={[{ required: true, message: t('请选择政协提案或人大代表建议') }]}>
          <Select disabled={!!session} options={PROPOSAL_KINDS.values.map((k) => ({ value: k, label: t(PROPOSAL_KINDS.labels[k]) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('会议名称')}
          rules={[
            { required: true, whitespace: true, message: t('请填写会议名称') },
            { pattern: /届.*次会议$/, message: t('会议名称应形如“十一届四次会议”') },
          ]}
        >
          <Input placeholder={t('如：十一届五次会议')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={8}>
            <Form.Item name="term" label={t('届次')} rules={[{ required: true, message: t('请填写届次') }]}>
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="meeting" label={t('会议次数')} rules={[{ required: true, message: t('请填写会议次数') }]}>
              <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="year" label={t('年度')} rules={[{ required: true, message: t('请填写年度') }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="plenary" label={t('大会会期')}>
          <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('办理期限设置')}
        </Divider>
        <Row gutter={12}>
          {num('replyMonths', '办理期限', 1, 6, '个月')}
          <Col xs={24} sm={12}>
            <Form.Item
              name="replyMaxMonths"
              label={t('最长办理期限')}
              dependencies={['replyMonths']}
              rules={[
                { required: true, message: t('请填写最长办理期限') },
                ({ getFieldValue }) => ({
                  validator: (_r, v: number | null) =>
                    v != null && v < (getFieldValue('replyMonths') as number) ? Promise.reject(new Error(t('最长办理期限不能少于办理期限'))) : Promise.resolve(),
                }),
              ]}
            >
              <InputNumber min={1} max={6} precision={0} addonAfter={t('个月')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {num('objectionWorkingDays', '申请调整期限', 1, 60, '个工作日')}
          {num('firstContactWorkingDays', '首次沟通期限', 1, 60, '个工作日')}
          {num('evaluationWorkingDays', '测评期限', 1, 60, '个工作日')}
          {num('rehandlingMonths', '重新办理期限', 1, 6, '个月')}
          {num('coOpinionMonths', '会办意见期限', 1, 6, '个月')}
          {num('signAlertWorkingDays', '签收提醒期限', 1, 30, '个工作日')}
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('会办单位在交办后上述期限内向主办单位提交会办意见；期限内未提交的，主办单位须等待后才能答复。')}
        </Typography.Paragraph>
        <Form.Item name="replyReview" label={t('答复审核')} valuePropName="checked" extra={t('开启后，承办单位的答复须经提案委或督查室审核通过才送达提案人，审核人可退回修改。')}>
          <Switch />
        </Form.Item>
        <Form.Item name="isCurrent" label={t('当前会议')} valuePropName="checked" extra={t('新提交的提案归入当前会议')}>
          <Switch />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('保存设置')}
          </Button>
          <Button onClick={onClose}>{t('取消')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
