import { App, Alert, Button, Card, Checkbox, Drawer, Form, Grid, Input, Radio, Space, Tag, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { RichText } from '../../../components/rich-text.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { RESULT_CLASSES, UNIT_ROLES } from '../../../../shared/domain.js';
import '../i18n-staff.js';

interface Values {
  decision: 'approve' | 'return';
  replyIds?: number[];
  reason?: string;
  comment?: string;
}

/**
 * 答复审核: staff or the office read the replies waiting for review and either let them go out to
 * the proposer (审核通过) or return the chosen ones to their units with a reason (退回, the unit
 * edits and sends again). Opened for approve_reply and return_reply alike, on the matching choice.
 */
export function ReplyReviewForm({ proposal: p, action, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const pending = p.replies.filter((r) => r.status === 'pending_review' && r.sequence === p.replySequence);
  const decision = Form.useWatch('decision', form) ?? (action === 'return_reply' ? 'return' : 'approve');
  const roleOf = (unitId: number) => p.assignments.find((a) => a.unitId === unitId && a.status !== 'removed')?.role;

  const submit = (v: Values) => {
    const approve = v.decision === 'approve';
    modal.confirm({
      title: approve ? t('确认审核通过？') : t('确认退回答复？'),
      content: approve ? t('答复将送达提案人，并请其测评。') : t('答复将退回承办单位修改，退回理由将告知承办单位。'),
      okText: t('确定'),
      cancelText: t('取消'),
      onOk: () =>
        run(
          () =>
            approve
              ? api.post(`/proposals/${p.id}/reply-review/approve`, { comment: v.comment?.trim() || undefined, version: p.version })
              : api.post(`/proposals/${p.id}/reply-review/return`, { reason: v.reason?.trim(), replyIds: v.replyIds, version: p.version }),
          approve ? t('答复已审核通过，已送提案人') : t('答复已退回承办单位'),
        ),
    });
  };

  return (
    <Drawer
      open
      title={t('答复审核')}
      width={screens.md ? 820 : '100%'}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('取消')}</Button>
          <Button type="primary" danger={decision === 'return'} loading={busy} onClick={() => form.submit()}>
            {decision === 'return' ? t('退回修改') : t('审核通过')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text strong>
          {proposalNo(p.number)} {p.title}
        </Typography.Text>
        <Alert type="info" showIcon message={t('本届会议开启了答复审核：答复经审核通过后才送达提案人。')} />
        {pending.map((r) => (
          <Card
            key={r.id}
            size="small"
            title={
              <Space wrap size={4}>
                {r.unitName}
                {roleOf(r.unitId) && <Tag>{t(UNIT_ROLES.labels[roleOf(r.unitId)!])}</Tag>}
                <Tag color={r.resultClass === 'A' ? 'green' : r.resultClass === 'B' ? 'blue' : 'orange'} style={{ whiteSpace: 'normal' }}>
                  {t(RESULT_CLASSES.labels[r.resultClass])}
                </Tag>
              </Space>
            }
            styles={{ body: { maxHeight: 320, overflow: 'auto' } }}
          >
            <RichText value={r.body} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.documentNo ? `${r.documentNo} · ` : ''}
              {t('签发')}：{r.signerName} · {t('报送日期')}：{formatDay(r.replyDate, locale)}（{t('办理期限')} {formatDay(r.dueDate, locale)}）
            </Typography.Text>
          </Card>
        ))}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ decision: action === 'return_reply' ? 'return' : 'approve', replyIds: pending.map((r) => r.id) }}
        >
          <Form.Item name="decision" label={t('审核结果')} rules={[{ required: true, message: t('请选择审核结果') }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'approve', label: t('审核通过') },
                { value: 'return', label: t('退回修改') },
              ]}
            />
          </Form.Item>
          {decision === 'approve' ? (
            <Form.Item name="comment" label={t('审核意见')} extra={t('选填')} rules={[{ max: 500, message: t('审核意见不能超过500字') }]}>
              <Input.TextArea rows={2} showCount maxLength={500} />
            </Form.Item>
          ) : (
            <>
              {pending.length > 1 && (
                <Form.Item name="replyIds" label={t('退回的答复')} rules={[{ required: true, type: 'array', min: 1, message: t('请选择要退回的答复') }]}>
                  <Checkbox.Group options={pending.map((r) => ({ value: r.id, label: r.unitName }))} />
                </Form.Item>
              )}
              <Form.Item
                name="reason"
                label={t('退回理由')}
                rules={[
                  { required: true, whitespace: true, message: t('请填写退回理由') },
                  { max: 2000, message: t('退回理由不能超过2000字') },
                ]}
              >
                <Input.TextArea rows={4} showCount maxLength={2000} placeholder={t('写明需要修改或补充的内容，承办单位将看到此理由')} />
              </Form.Item>
            </>
          )}
        </Form>
      </Space>
    </Drawer>
  );
}
