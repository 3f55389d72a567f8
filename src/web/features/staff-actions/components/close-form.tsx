import { App, Button, Descriptions, Form, Input, Modal, Space, Tag } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { StatusTag } from '../../../components/status-tag.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { proposalNo } from '../../../lib/format.js';
import { RESULT_CLASSES, SATISFACTION } from '../../../../shared/domain.js';
import '../i18n-staff.js';

interface Values {
  comment?: string;
}

/** 办结: the committee closes a replied or followed-up proposal, with an optional comment, after a confirm. */
export function CloseForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t } = useKindI18n(p.kind);
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const lastReply = [...p.replies].sort((a, b) => b.sequence - a.sequence || Number(b.isLead) - Number(a.isLead))[0];
  // The lead unit's latest evaluation (主办, or the first 分办 unit), as the figures count it.
  const leadUnit = p.assignments.filter((a) => a.status !== 'removed' && a.role !== 'co').sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead') || a.position - b.position)[0]?.unitId;
  const lastEval = p.evaluations.filter((e) => e.unitId === leadUnit || e.unitId === null).sort((a, b) => b.sequence - a.sequence || b.id - a.id)[0];
  const openFollowUp = p.status === 'following_up' && !p.followUps.some((f) => f.completed);

  const submit = (v: Values) =>
    modal.confirm({
      title: t('确认办结此提案？'),
      content: openFollowUp ? t('承办单位尚未报送落实完成情况。办结后不可撤销。') : t('办结后不可撤销。'),
      okText: t('确定'),
      cancelText: t('取消'),
      onOk: () => run(() => api.post(`/proposals/${p.id}/close`, { comment: v.comment?.trim() || undefined, version: p.version }), t('已办结')),
    });

  return (
    <Modal open title={t('办结')} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('案由')}>
          {proposalNo(p.number)} {p.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('状态')}>
          <StatusTag status={p.status} />
        </Descriptions.Item>
        {lastReply && (
          <Descriptions.Item label={t('办理结果')}>
            <Tag>{t(RESULT_CLASSES.labels[lastReply.resultClass])}</Tag>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('测评')}>
          {lastEval ? `${t('办理态度')} ${t(SATISFACTION.labels[lastEval.attitude])}，${t('办理结果')} ${t(SATISFACTION.labels[lastEval.result])}` : t('尚未测评')}
        </Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="comment" label={t('办结意见')} extra={t('选填')} rules={[{ max: 2000, message: t('不能超过2000字') }]}>
          <Input.TextArea rows={3} showCount maxLength={2000} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('确认办结')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
