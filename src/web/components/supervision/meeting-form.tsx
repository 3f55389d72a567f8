import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Form, Grid, Input, Modal, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { today } from '../../lib/clock.js';
import { useServerErrors } from '../use-server-errors.js';
import { MEETING_KINDS, type MeetingKind } from '../../../shared/domain.js';
import './i18n.js';

export interface ProposalOption {
  id: number;
  label: string;
}
export interface LeaderOption {
  id: number;
  label: string;
}

interface Values {
  proposalIds: number[];
  kind: MeetingKind;
  meetingDate: Dayjs;
  place: string;
  chairLeaderId?: number;
  leaderIds?: number[];
  units?: string;
  members?: string;
  agenda: string;
  unitReport?: string;
  memberOpinions?: string;
  decisions?: string;
  minutes?: string;
  instructions?: { leaderId: number; proposalId?: number; content: string }[];
}

const optional = (s?: string) => (s && s.trim() ? s.trim() : undefined);

/** The tenant's own leaders, with any others (the other level's, on a joint proposal) the caller adds. */
export function useLeaderOptions(extra: LeaderOption[] = []): LeaderOption[] {
  const own = useQuery({ queryKey: ['leaders'], queryFn: () => api.get<{ id: number; name: string; title: string }[]>('/leaders') });
  const list = [...(own.data ?? []).map((l) => ({ id: l.id, label: `${l.name}（${l.title}）` })), ...extra];
  return list.filter((l, i) => list.findIndex((x) => x.id === l.id) === i);
}

/**
 * 登记督办会议: a 专题协商会, 现场督办 or 座谈会 on one or more key proposals, with its chair and
 * attending leaders, the units and members present, agenda, the unit's report, the members'
 * opinions, what was decided, the minutes and the leaders' instructions (each to be followed up).
 */
export function MeetingForm({ proposals, initialProposalIds, leaders, onClose }: { proposals: ProposalOption[]; initialProposalIds: number[]; leaders: LeaderOption[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const chosen = Form.useWatch('proposalIds', form) ?? initialProposalIds;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post('/supervision-meetings', {
        proposalIds: v.proposalIds,
        kind: v.kind,
        meetingDate: v.meetingDate.format('YYYY-MM-DD'),
        place: v.place,
        chairLeaderId: v.chairLeaderId ?? null,
        leaderIds: v.leaderIds ?? [],
        units: optional(v.units),
        members: optional(v.members),
        agenda: v.agenda,
        unitReport: optional(v.unitReport),
        memberOpinions: optional(v.memberOpinions),
        decisions: optional(v.decisions),
        minutes: optional(v.minutes),
        instructions: (v.instructions ?? []).filter((i) => i && i.leaderId && i.content).map((i) => ({ leaderId: i.leaderId, content: i.content, ...(i.proposalId ? { proposalId: i.proposalId } : {}) })),
      });
      message.success(t('督办会议已登记'));
      await qc.invalidateQueries({ queryKey: ['supervision-meetings'] });
      await qc.invalidateQueries({ queryKey: ['supervision-instructions'] });
      await qc.invalidateQueries({ queryKey: ['joint-supervision'] });
      await qc.invalidateQueries({ queryKey: ['leader-supervision'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  const required = (label: string) => [{ required: true, whitespace: true, message: t('请填写{label}', { label: t(label) }) }];
  const leaderOptions = leaders.map((l) => ({ value: l.id, label: l.label }));

  return (
    <Modal open title={t('登记督办会议')} onCancel={onClose} footer={null} width={screens.md ? 800 : undefined} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ meetingDate: today(), proposalIds: initialProposalIds, kind: 'consultation' }}>
        <Form.Item name="proposalIds" label={t('涉及的重点提案')} rules={[{ required: true, message: t('请选择会议涉及的重点提案') }]}>
          <Select mode="multiple" options={proposals.map((p) => ({ value: p.id, label: p.label }))} placeholder={t('可选择多件')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('会议类型')} rules={[{ required: true, message: t('请选择会议类型') }]}>
              <Select options={MEETING_KINDS.values.map((k) => ({ value: k, label: t(MEETING_KINDS.labels[k]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="meetingDate" label={t('会议日期')} rules={[{ required: true, message: t('请选择会议日期') }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="place" label={t('地点')} rules={[...required('地点'), { max: 200, message: t('不能超过200字') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="chairLeaderId" label={t('主持领导')}>
              <Select allowClear options={leaderOptions} placeholder={t('请选择')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="leaderIds" label={t('出席领导')}>
              <Select mode="multiple" allowClear options={leaderOptions} placeholder={t('可选择多位')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="units" label={t('参加单位')} rules={[{ max: 2000, message: t('不能超过2000字') }]}>
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item name="members" label={t('参加委员')} rules={[{ max: 2000, message: t('不能超过2000字') }]}>
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item name="agenda" label={t('会议议程')} rules={[...required('会议议程'), { max: 5000, message: t('不能超过5000字') }]}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="unitReport" label={t('承办单位汇报')} rules={[{ max: 20000, message: t('不能超过20000字') }]}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        <Form.Item name="memberOpinions" label={t('委员意见')} rules={[{ max: 20000, message: t('不能超过20000字') }]}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        <Form.Item name="decisions" label={t('会议议定事项')} rules={[{ max: 20000, message: t('不能超过20000字') }]}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        <Form.Item name="minutes" label={t('会议纪要')} rules={[{ max: 50000, message: t('不能超过50000字') }]}>
          <Input.TextArea rows={3} maxLength={50000} />
        </Form.Item>
        <Form.List name="instructions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[f.name, 'leaderId']} label={t('批示领导')} rules={[{ required: true, message: t('请选择批示领导') }]}>
                    <Select style={{ width: 180 }} options={leaderOptions} />
                  </Form.Item>
                  {chosen.length > 1 && (
                    <Form.Item name={[f.name, 'proposalId']} label={t('针对提案')} rules={[{ required: true, message: t('请选择所针对的提案') }]}>
                      <Select style={{ width: 200 }} options={proposals.filter((p) => chosen.includes(p.id)).map((p) => ({ value: p.id, label: p.label }))} />
                    </Form.Item>
                  )}
                  <Form.Item name={[f.name, 'content']} label={t('批示内容')} rules={[{ required: true, whitespace: true, message: t('请填写批示内容') }]}>
                    <Input.TextArea rows={1} style={{ width: screens.md ? 280 : 240 }} maxLength={5000} />
                  </Form.Item>
                  <Button type="text" aria-label={t('删除批示')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }}>
                {t('添加领导批示')}
              </Button>
            </>
          )}
        </Form.List>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('保存督办会议')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
