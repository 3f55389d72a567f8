import { App, Alert, Card, Form, Grid, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { RichText } from '../../../components/rich-text.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { RESULT_CLASSES, SATISFACTION, type Satisfaction } from '../../../../shared/domain.js';
import { useMemberAction } from './use-action.js';
import '../i18n.js';

interface Values {
  attitude?: Satisfaction;
  result?: Satisfaction;
  comment?: string;
}

/** 测评: the lead proposer rates the handling attitude and result of the reply in front of them. */
export function EvaluateForm({ proposal, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(proposal.kind);
  const { modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useMemberAction(proposal.id, onDone, onClose, form);
  const attitude = Form.useWatch('attitude', form);
  const result = Form.useWatch('result', form);
  const unsatisfied = attitude === 'unsatisfied' || result === 'unsatisfied';
  const replies = proposal.replies
    .filter((r) => r.sequence === proposal.replySequence)
    .sort((a, b) => Number(b.isLead) - Number(a.isLead));
  const options = SATISFACTION.values.map((v) => ({ value: v, label: t(SATISFACTION.labels[v]) }));

  const finish = (v: Values) =>
    modal.confirm({
      title: t('确认提交测评？'),
      content: t('测评提交后不能修改。'),
      okText: t('提交测评'),
      cancelText: t('取消'),
      onOk: () => run('evaluations', { attitude: v.attitude, result: v.result, comment: v.comment?.trim() || undefined, version: proposal.version }, () => t('测评已提交')),
    });

  return (
    <Modal
      open
      width={screens.md ? 720 : undefined}
      title={proposal.kind === 'suggestion' ? t('代表满意度测评') : t('测评办理情况')}
      okText={t('提交测评')}
      cancelText={t('取消')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text strong>{proposal.title}</Typography.Text>
        {replies.map((r) => (
          <Card
            key={r.id}
            size="small"
            title={
              <Space wrap size={4}>
                {r.sequence > 1 ? t('重新办理答复') : t('待测评的答复')} · {r.unitName}
              </Space>
            }
            styles={{ body: { maxHeight: 260, overflow: 'auto' } }}
          >
            <Tag color={r.resultClass === 'A' ? 'green' : r.resultClass === 'B' ? 'blue' : 'orange'} style={{ whiteSpace: 'normal', marginBottom: 8 }}>
              {t(RESULT_CLASSES.labels[r.resultClass])}
            </Tag>
            <RichText value={r.body} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.documentNo ? `${r.documentNo} · ` : ''}
              {t('签发')}：{r.signerName} · {t('答复日期')}：{formatDay(r.replyDate, locale)}
            </Typography.Text>
          </Card>
        ))}
        <Form<Values> form={form} layout="vertical" onFinish={finish} disabled={busy}>
          <Form.Item name="attitude" label={t('办理态度')} rules={[{ required: true, message: t('请评价办理态度') }]}>
            <Radio.Group options={options} />
          </Form.Item>
          <Form.Item name="result" label={t('办理结果')} rules={[{ required: true, message: t('请评价办理结果') }]}>
            <Radio.Group options={options} />
          </Form.Item>
          {unsatisfied && proposal.replySequence === 1 && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('评价为不满意的，承办单位将重新办理并再次答复。')} />
          )}
          <Form.Item
            name="comment"
            label={t('意见')}
            dependencies={['attitude', 'result']}
            rules={[
              { required: unsatisfied, whitespace: true, message: t('评价为不满意时须填写具体意见') },
              { max: 2000, message: '意见不能超过2000字' },
            ]}
          >
            <Input.TextArea rows={3} placeholder={t('对办理工作的意见和建议')} />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
