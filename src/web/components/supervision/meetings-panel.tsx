import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { DownloadButton } from '../download-button.js';
import type { Dayjs } from 'dayjs';
import { api } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { formatDay, proposalNo } from '../../lib/format.js';
import { today } from '../../lib/clock.js';
import { useMe } from '../../app/auth.js';
import { QueryState } from '../query-state.js';
import { useServerErrors } from '../use-server-errors.js';
import { INSTRUCTION_STATUSES, MEETING_KINDS } from '../../../shared/domain.js';
import type { Instruction, Meeting } from '../../../shared/schemas/supervision.js';
import { MeetingForm, useLeaderOptions, type LeaderOption, type ProposalOption } from './meeting-form.js';
import './i18n.js';
import { Data } from '../data-text.js';

const pre = { whiteSpace: 'pre-wrap' } as const;

/** One meeting as a card: who chaired, who attended, what was reported, said and decided, the minutes and instructions. */
export function MeetingCard({ m }: { m: Meeting }) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={`${formatDay(m.meetingDate, locale)} ${t(MEETING_KINDS.labels[m.kind])}`} extra={<Typography.Text type="secondary"><Data>{m.place}</Data></Typography.Text>}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('涉及提案')}><Data>{m.proposals.map((p) => `${p.tenantName} ${proposalNo(p.number)} ${p.title}`).join('；')}</Data></Descriptions.Item>
        {m.chair && <Descriptions.Item label={t('主持领导')}><Data>{m.chair.printName}</Data></Descriptions.Item>}
        {m.leaders.some((l) => l.id !== m.chair?.id) && (
          <Descriptions.Item label={t('出席领导')}><Data>{m.leaders.filter((l) => l.id !== m.chair?.id).map((l) => l.printName).join('、')}</Data></Descriptions.Item>
        )}
        {m.units && <Descriptions.Item label={t('参加单位')}><Data>{m.units}</Data></Descriptions.Item>}
        {m.members && <Descriptions.Item label={t('参加委员')}><Data>{m.members}</Data></Descriptions.Item>}
        <Descriptions.Item label={t('会议议程')}><span style={pre} data-content="">{m.agenda}</span></Descriptions.Item>
        {m.unitReport && <Descriptions.Item label={t('承办单位汇报')}><span style={pre} data-content="">{m.unitReport}</span></Descriptions.Item>}
        {m.memberOpinions && <Descriptions.Item label={t('委员意见')}><span style={pre} data-content="">{m.memberOpinions}</span></Descriptions.Item>}
        {m.decisions && <Descriptions.Item label={t('会议议定事项')}><span style={pre} data-content="">{m.decisions}</span></Descriptions.Item>}
        {m.minutes && <Descriptions.Item label={t('会议纪要')}><span style={pre} data-content="">{m.minutes}</span></Descriptions.Item>}
      </Descriptions>
      {m.instructions.length > 0 && <InstructionList items={m.instructions} />}
      <MeetingFiles m={m} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('登记人')} <Data>{m.createdByName}</Data></Typography.Text>
    </Card>
  );
}

/** 会议纪要、照片: the meeting's files, to download; staff, the office and leaders add more. */
function MeetingFiles({ m }: { m: Meeting }) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const [busy, setBusy] = useState(false);
  const writer = me.roles.some((r) => r === 'staff' || r === 'office' || r === 'leader');
  if (!m.attachments.length && !writer) return null;
  return (
    <Space wrap style={{ margin: '8px 0' }}>
      {m.attachments.map((a) => (
        <DownloadButton key={a.id} size="small" icon={<PaperClipOutlined />} path={`/supervision-meetings/${m.id}/attachments/${a.id}`} fallbackName={a.fileName}>
          <Data>{a.fileName}</Data>
        </DownloadButton>
      ))}
      {writer && (
        <Upload
          showUploadList={false}
          customRequest={async ({ file }) => {
            const f = file as File;
            setBusy(true);
            try {
              await api.upload(`/supervision-meetings/${m.id}/attachments/upload`, f, f.name);
              message.success(t('纪要或照片已上传'));
              await invalidateSupervision(qc);
            } catch (e) {
              showErrors(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy}>
            {t('上传纪要或照片')}
          </Button>
        </Upload>
      )}
    </Space>
  );
}

/** Instructions with their follow-up; the units, staff and office answer an open one. */
export function InstructionList({ items }: { items: Instruction[] }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const [answering, setAnswering] = useState<Instruction | null>(null);
  const mayAnswer = me.roles.some((r) => r === 'unit' || r === 'staff' || r === 'office');
  return (
    <>
      <List
        size="small"
        header={<Typography.Text strong>{t('领导批示')}</Typography.Text>}
        dataSource={items}
        renderItem={(i) => (
          <List.Item
            actions={
              i.status === 'open' && mayAnswer && !(me.roles.includes('unit') && i.proposal.tenantId !== me.tenantId)
                ? [<Button key="f" size="small" onClick={() => setAnswering(i)}>{t('反馈落实情况')}</Button>]
                : []
            }
          >
            <Space direction="vertical" size={0}>
              <span>
                <Tag color={i.status === 'open' ? 'orange' : 'green'}>{t(INSTRUCTION_STATUSES.labels[i.status])}</Tag>
                {formatDay(i.issuedOn, locale)} <Data>{i.leader.printName}</Data>{t('：')}<Data>{i.content}</Data>
              </span>
              {i.response && <Typography.Text type="secondary">{t('落实情况')}{t('：')}<Data>{i.response}</Data> (<Data>{i.respondedByName}</Data>)</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {answering && <FollowUpDialog instruction={answering} onClose={() => setAnswering(null)} />}
    </>
  );
}

function FollowUpDialog({ instruction, onClose }: { instruction: Instruction; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ response: string }>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { response: string }) => {
    setBusy(true);
    try {
      await api.post(`/supervision-instructions/${instruction.id}/follow-up`, v);
      message.success(t('落实情况已反馈'));
      await invalidateSupervision(qc);
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('反馈落实情况')} onCancel={onClose} onOk={() => form.submit()} okText={t('提交')} cancelText={t('取消')} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph>{instruction.leader.printName}：{instruction.content}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="response" label={t('落实情况')} rules={[{ required: true, whitespace: true, message: t('请填写落实情况') }, { max: 5000, message: t('不能超过5000字') }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export async function invalidateSupervision(qc: ReturnType<typeof useQueryClient>) {
  for (const key of ['supervision-meetings', 'supervision-instructions', 'joint-supervision', 'leader-supervision']) await qc.invalidateQueries({ queryKey: [key] });
}

/** 登记领导批示: a leader his own (leaderId left out), staff and the office for a leader they choose. */
export function InstructionForm({ proposals, leaders, onClose }: { proposals: ProposalOption[]; leaders: LeaderOption[] | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ proposalId: number; leaderId?: number; issuedOn: Dayjs; content: string }>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { proposalId: number; leaderId?: number; issuedOn: Dayjs; content: string }) => {
    setBusy(true);
    try {
      await api.post('/supervision-instructions', { proposalId: v.proposalId, ...(v.leaderId ? { leaderId: v.leaderId } : {}), issuedOn: v.issuedOn.format('YYYY-MM-DD'), content: v.content });
      message.success(t('领导批示已登记'));
      await invalidateSupervision(qc);
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('登记领导批示')} onCancel={onClose} onOk={() => form.submit()} okText={t('保存')} cancelText={t('取消')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ issuedOn: today(), proposalId: proposals.length === 1 ? proposals[0]!.id : undefined }}>
        <Form.Item name="proposalId" label={t('重点提案')} rules={[{ required: true, message: t('请选择重点提案') }]}>
          <Select options={proposals.map((p) => ({ value: p.id, label: p.label }))} />
        </Form.Item>
        {leaders && (
          <Form.Item name="leaderId" label={t('批示领导')} rules={[{ required: true, message: t('请选择批示领导') }]}>
            <Select options={leaders.map((l) => ({ value: l.id, label: l.label }))} />
          </Form.Item>
        )}
        <Form.Item name="issuedOn" label={t('批示日期')} rules={[{ required: true, message: t('请选择批示日期') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
        <Form.Item name="content" label={t('批示内容')} rules={[{ required: true, whitespace: true, message: t('请填写批示内容') }, { max: 5000, message: t('不能超过5000字') }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The meetings and instructions of one key proposal (on the key-proposal page and the joint
 * view), with the forms to record a meeting or an instruction.
 */
export function SupervisionPanel({ proposal, otherProposals = [], extraLeaders = [] }: { proposal: ProposalOption; otherProposals?: ProposalOption[]; extraLeaders?: LeaderOption[] }) {
  const { t } = useI18n();
  const me = useMe();
  const [form, setForm] = useState<'meeting' | 'instruction' | null>(null);
  const meetings = useQuery({ queryKey: ['supervision-meetings', proposal.id], queryFn: () => api.get<{ items: Meeting[] }>('/supervision-meetings', { proposalId: proposal.id }) });
  const instructions = useQuery({ queryKey: ['supervision-instructions', proposal.id], queryFn: () => api.get<{ items: Instruction[] }>('/supervision-instructions', { proposalId: proposal.id }) });
  const leaders = useLeaderOptions(extraLeaders);
  const writer = me.roles.some((r) => r === 'staff' || r === 'office' || r === 'leader');
  const staffLike = me.roles.some((r) => r === 'staff' || r === 'office');
  const loose = (instructions.data?.items ?? []).filter((i) => i.meetingId === null);
  const all = [proposal, ...otherProposals.filter((p) => p.id !== proposal.id)];
  return (
    <div style={{ marginTop: 12 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('督办会议')}</Typography.Text>
        {writer && (
          <>
            <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={() => setForm('meeting')}>
              {t('登记督办会议')}
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setForm('instruction')}>
              {t('登记领导批示')}
            </Button>
          </>
        )}
      </Space>
      <QueryState query={meetings} empty={(d) => d.items.length === 0} emptyText={t('暂无督办会议')}>
        {(d) => <>{d.items.map((m) => <MeetingCard key={m.id} m={m} />)}</>}
      </QueryState>
      {loose.length > 0 ? <InstructionList items={loose} /> : instructions.data && !meetings.data?.items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无领导批示')} />}
      {form === 'meeting' && <MeetingForm proposals={all} initialProposalIds={[proposal.id]} leaders={leaders} onClose={() => setForm(null)} />}
      {form === 'instruction' && <InstructionForm proposals={[proposal]} leaders={staffLike ? leaders : null} onClose={() => setForm(null)} />}
    </div>
  );
}
