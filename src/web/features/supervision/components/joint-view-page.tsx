import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { today } from '../../../lib/clock.js';
import { SUPERVISION_KINDS, type SupervisionKind } from '../../../../shared/domain.js';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { QueryState } from '../../../components/query-state.js';
import { StatusTag } from '../../../components/status-tag.js';
import { RichText } from '../../../components/rich-text.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { JointView } from '../../../../shared/schemas/supervision.js';
import { JointStatusTag } from './joint-supervisions-page.js';
import { SupervisionPanel } from '../../../components/supervision/meetings-panel.js';
import { useLeaderOptions } from '../../../components/supervision/meeting-form.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';
import { Data } from '../../../components/data-text.js';

const ROLE_WORDS: Record<string, string> = { lead: '主办', co: '会办', separate: '分办' };

/**
 * A jointly supervised key proposal as both levels see it: the proposal, its units and replies,
 * its supervision activities, meetings and instructions. Both levels record meetings and
 * instructions here; the higher level names its own leaders.
 */
export function JointViewPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const id = Number(useParams().id);
  const [naming, setNaming] = useState(false);
  const [recording, setRecording] = useState(false);
  const q = useQuery({ queryKey: ['joint-supervision', id], queryFn: () => api.get<JointView>(`/joint-supervisions/${id}`) });
  return (
    <QueryState query={q}>
      {(j) => {
        const label = `${j.proposal.tenantName} ${proposalNo(j.proposal.number)} ${j.proposal.title}`;
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              <PageTitle style={{ margin: 0 }}>{j.proposal.title}</PageTitle>
              <Space wrap>
                <JointStatusTag status={j.status} />
                <Tag>{t('两级联合督办')}</Tag>
                <Typography.Text type="secondary">{`${j.ownerTenant.name} · ${j.sessionName} · ${proposalNo(j.proposal.number)}`}</Typography.Text>
              </Space>
            </div>
            <Card size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('状态')}><StatusTag status={j.proposalStatus} /></Descriptions.Item>
                <Descriptions.Item label={t('提案人')}>{j.proposers.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('督办领导')}>
                  <Space wrap>
                    {j.leaders.map((l) => <span key={l.id}><Data>{l.printName}</Data></span>)}
                    {me.roles.includes('staff') && j.side === 'partner' && j.status === 'accepted' && (
                      <Button size="small" onClick={() => setNaming(true)}>{t('指定本级督办领导')}</Button>
                    )}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('承办单位')}>{j.units.map((u) => `${u.name}（${ROLE_WORDS[u.role] ?? u.role}）`).join('、') || '—'}</Descriptions.Item>
              </Descriptions>
              <div style={{ marginTop: 8 }}>
                <RichText value={j.body} />
              </div>
            </Card>
            {j.replies.length > 0 && (
              <Card size="small" title={t('答复')}>
                {j.replies.map((r, i) => (
                  <Typography.Paragraph key={i}>
                    <Tag>{r.resultClass}</Tag>
                    {r.unitName} {r.repliedOn ? formatDay(r.repliedOn, locale) : ''}
                  </Typography.Paragraph>
                ))}
              </Card>
            )}
            {(j.activities.length > 0 || j.status === 'accepted') && (
              <Card
                size="small"
                title={t('督办活动')}
                extra={j.status === 'accepted' && me.roles.some((r) => r === 'staff' || r === 'office' || r === 'leader') ? <Button size="small" onClick={() => setRecording(true)}>{t('登记督办活动')}</Button> : null}
              >
                {j.activities.map((a) => (
                  <Typography.Paragraph key={a.id}>{`${formatDay(a.activityDate, locale)} ${a.kind} · ${a.place}：${a.content}`}</Typography.Paragraph>
                ))}
              </Card>
            )}
            {j.status === 'accepted' || j.side === 'owner' ? (
              <Card size="small">
                <SupervisionPanel proposal={{ id: j.proposal.id, label }} extraLeaders={j.leaders.map((l) => ({ id: l.id, label: l.printName }))} />
              </Card>
            ) : null}
            {naming && <NameLeadersDialog joint={j} onClose={() => setNaming(false)} />}
            {recording && <ActivityDialog jointId={j.id} onClose={() => setRecording(false)} />}
          </Space>
        );
      }}
    </QueryState>
  );
}

function NameLeadersDialog({ joint, onClose }: { joint: JointView; onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const showErrors = useServerErrors();
  const own = useLeaderOptions();
  const [ids, setIds] = useState<number[]>(joint.leaders.filter((l) => l.tenantId === me.tenantId).map((l) => l.id));
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.put(`/joint-supervisions/${joint.id}/leaders`, { leaderIds: ids });
      message.success(t('本级督办领导已保存'));
      await qc.invalidateQueries({ queryKey: ['joint-supervision'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('指定本级督办领导')} onCancel={onClose} onOk={() => void submit()} okText={t('保存')} cancelText={t('取消')} confirmLoading={busy} destroyOnHidden>
      <Select mode="multiple" aria-label={t('督办领导')} style={{ width: '100%' }} value={ids} onChange={setIds} options={own.map((l) => ({ value: l.id, label: l.label }))} />
    </Modal>
  );
}

interface ActivityValues {
  kind: SupervisionKind;
  activityDate: Dayjs;
  place: string;
  participants: string;
  content: string;
}

/** 登记督办活动 on the jointly supervised proposal, from either level. */
function ActivityDialog({ jointId, onClose }: { jointId: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ActivityValues>();
  const showErrors = useServerErrors(form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: ActivityValues) => {
    setBusy(true);
    try {
      await api.post(`/joint-supervisions/${jointId}/activities`, { ...v, activityDate: v.activityDate.format('YYYY-MM-DD') });
      message.success(t('督办活动已登记'));
      await qc.invalidateQueries({ queryKey: ['joint-supervision'] });
      onClose();
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };
  const required = (label: string) => [{ required: true, whitespace: true, message: t('请填写{label}', { label: t(label) }) }];
  return (
    <Modal open title={t('登记督办活动')} onCancel={onClose} onOk={() => form.submit()} okText={t('保存')} cancelText={t('取消')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ activityDate: today(), kind: 'site_visit' }}>
        <Form.Item name="kind" label={t('活动类型')} rules={[{ required: true }]}>
          <Select options={SUPERVISION_KINDS.values.map((k) => ({ value: k, label: t(SUPERVISION_KINDS.labels[k]) }))} />
        </Form.Item>
        <Form.Item name="activityDate" label={t('活动日期')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
        <Form.Item name="place" label={t('地点')} rules={[...required('地点'), { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="participants" label={t('参加人员')} rules={[...required('参加人员'), { max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="content" label={t('活动内容')} rules={[...required('活动内容'), { max: 20000 }]}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
