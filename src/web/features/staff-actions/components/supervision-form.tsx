import { useQueryClient } from '@tanstack/react-query';
import { Button, Col, DatePicker, Descriptions, Form, Grid, Input, Modal, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import { SUPERVISION_KINDS, type SupervisionKind } from '../../../../shared/domain.js';
import '../i18n-staff.js';
import { today } from '../../../lib/clock.js';

interface Values {
  kind: SupervisionKind;
  activityDate: Dayjs;
  place: string;
  participants: string;
  content: string;
  unitReport?: string;
  memberOpinions?: string;
  instructions?: string;
}

const optional = (s?: string) => (s && s.trim() ? s.trim() : undefined);

/**
 * 登记督办活动 on a key proposal: a consultation or supervision meeting, a site visit or a
 * discussion, with who took part, what the unit reported, what members said and what the leader
 * instructed.
 */
export function SupervisionForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t } = useKindI18n(p.kind);
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, () => {
    void qc.invalidateQueries({ queryKey: ['key-proposals'] });
    void qc.invalidateQueries({ queryKey: ['supervision-activities', p.id] });
    onDone();
  });
  const leadUnit = p.assignments.find((a) => a.role === 'lead' && a.status !== 'removed');

  const submit = (v: Values) =>
    run(
      () =>
        api.post(`/proposals/${p.id}/supervision-activities`, {
          kind: v.kind,
          activityDate: v.activityDate.format('YYYY-MM-DD'),
          place: v.place,
          participants: v.participants,
          content: v.content,
          unitReport: optional(v.unitReport),
          memberOpinions: optional(v.memberOpinions),
          instructions: optional(v.instructions),
        }),
      t('督办活动已登记'),
    );

  const required = (label: string) => [{ required: true, whitespace: true, message: t('请填写{label}', { label: t(label) }) }];

  return (
    <Modal open title={t('登记督办活动')} onCancel={onClose} footer={null} width={screens.md ? 760 : undefined} destroyOnHidden maskClosable={false}>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('督办领导')}>{p.leaders.map((l) => `${l.name}（${l.title}）`).join('、') || '—'}</Descriptions.Item>
        {leadUnit && <Descriptions.Item label={t('主办单位')}>{leadUnit.unitName}</Descriptions.Item>}
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ activityDate: today() }}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('活动类型')} rules={[{ required: true, message: t('请选择活动类型') }]}>
              <Select options={SUPERVISION_KINDS.values.map((k) => ({ value: k, label: t(SUPERVISION_KINDS.labels[k]) }))} placeholder={t('请选择活动类型')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="activityDate" label={t('活动日期')} rules={[{ required: true, message: t('请选择活动日期') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="place" label={t('地点')} rules={[...required('地点'), { max: 200, message: t('不能超过200字') }]}>
          <Input maxLength={200} placeholder="如：市政府1号楼第三会议室" />
        </Form.Item>
        <Form.Item name="participants" label={t('参加人员')} rules={[...required('参加人员'), { max: 2000, message: t('不能超过2000字') }]}>
          <Input.TextArea rows={2} maxLength={2000} placeholder="如：督办领导、提案人、主办及会办单位负责人" />
        </Form.Item>
        <Form.Item name="content" label={t('活动内容')} rules={[...required('活动内容'), { max: 20000, message: t('不能超过20000字') }]}>
          <Input.TextArea rows={3} maxLength={20000} showCount />
        </Form.Item>
        <Form.Item name="unitReport" label={t('承办单位汇报')} extra={t('选填')} rules={[{ max: 20000, message: t('不能超过20000字') }]}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        <Form.Item name="memberOpinions" label={t('委员意见')} extra={t('选填')} rules={[{ max: 20000, message: t('不能超过20000字') }]}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        <Form.Item name="instructions" label={t('领导批示')} extra={t('选填')} rules={[{ max: 20000, message: t('不能超过20000字') }]}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('保存督办活动')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
