import { App, Alert, Card, Checkbox, Form, Grid, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { RichText } from '../../../components/rich-text.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { RESULT_CLASSES, SATISFACTION, UNIT_ROLES, type Satisfaction } from '../../../../shared/domain.js';
import type { ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import { useMemberAction } from './use-action.js';
import '../i18n.js';
import { scrollRegion } from '../../../components/keyboard.js';

interface Rating {
  attitude?: Satisfaction;
  result?: Satisfaction;
  comment?: string;
}
interface Values {
  ratings: Rating[];
  resendCoUnitIds?: number[];
}

type Assignment = ProposalDetail['assignments'][number];
const ORDER: Record<Assignment['role'], number> = { lead: 0, separate: 1, co: 2 };

/** The units rated in this round: every unit at first; after re-handling, those sent back. */
export function unitsToRate(p: ProposalDetail): Assignment[] {
  return p.assignments
    .filter((a) => a.status !== 'removed' && a.round === p.replySequence)
    .sort((x, y) => ORDER[x.role] - ORDER[y.role] || x.position - y.position || x.id - y.id);
}

/**
 * 测评, one card per unit: the lead unit and each co-unit (会办), or each 分办 unit, with what it
 * did (its reply, or its 会办意见) and its own attitude and result. 不满意 with the lead unit sends
 * it back, with the co-units the proposer ticks; 不满意 with a co-unit alone asks that co-unit for a
 * new opinion. Staff use the same form to enter a paper evaluation on the proposer's behalf (代录).
 */
export function EvaluateForm({ proposal, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(proposal.kind);
  const { modal } = App.useApp();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useMemberAction(proposal.id, onDone, onClose, form);
  const units = unitsToRate(proposal);
  const ratings = (Form.useWatch('ratings', form) ?? []) as Rating[];
  const unhappy = (i: number) => ratings[i]?.attitude === 'unsatisfied' || ratings[i]?.result === 'unsatisfied';
  const firstRound = proposal.replySequence === 1;
  const leadIndex = units.findIndex((u) => u.role === 'lead');
  const leadUnhappy = leadIndex >= 0 && unhappy(leadIndex);
  const coUnits = proposal.assignments.filter((a) => a.role === 'co' && a.status !== 'removed');
  const onBehalf = me.roles.includes('staff') && !me.roles.some((r) => r === 'member' || r === 'group');
  const proposer = proposal.proposers.find((x) => x.position === 0)?.name ?? '';
  const options = SATISFACTION.values.map((v) => ({ value: v, label: t(SATISFACTION.labels[v]) }));

  const finish = (v: Values) =>
    modal.confirm({
      title: onBehalf ? t('确认代录测评？') : t('确认提交测评？'),
      content: onBehalf ? t('将记录为{name}的测评，并注明由您代录。提交后不能修改。', { name: proposer }) : t('测评提交后不能修改。'),
      okText: t('提交测评'),
      cancelText: t('取消'),
      onOk: () =>
        run(
          'evaluations',
          {
            ratings: units.map((u, i) => ({ unitId: u.unitId, attitude: v.ratings[i]!.attitude, result: v.ratings[i]!.result, comment: v.ratings[i]!.comment?.trim() || undefined })),
            resendCoUnitIds: leadUnhappy && firstRound ? (v.resendCoUnitIds ?? []) : [],
            version: proposal.version,
          },
          () => (onBehalf ? t('纸质测评表已代录') : t('测评已提交')),
        ),
    });

  return (
    <Modal
      open
      // On a phone: 8 px clear of either edge, whatever Ant Design's default width.
      width={screens.md ? 760 : 'min(520px, calc(100vw - 16px))'}
      title={onBehalf ? t('代录纸质测评表') : proposal.kind === 'suggestion' ? t('代表满意度测评') : t('测评办理情况')}
      okText={t('提交测评')}
      cancelText={t('取消')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text strong>{proposal.title}</Typography.Text>
        {onBehalf && <Alert type="info" showIcon message={t('代{name}录入纸质测评表：测评记为提案人的测评，并注明由您代录。', { name: proposer })} />}
        <Typography.Text type="secondary">{t('请对每个承办单位分别评价办理态度和办理结果。')}</Typography.Text>
        <Form<Values> form={form} layout="vertical" onFinish={finish} disabled={busy} initialValues={{ ratings: units.map(() => ({})) }}>
          {units.map((u, i) => (
            <UnitCard key={u.id} p={proposal} unit={u} index={i} unhappy={unhappy(i)} options={options} locale={locale} />
          ))}
          {firstRound && leadUnhappy && coUnits.length > 0 && (
            <Form.Item
              name="resendCoUnitIds"
              label={t('请以下会办单位一同重新办理')}
              extra={t('评价为不满意的会办单位都须重新提出会办意见；也可勾选其他会办单位。')}
            >
              <Checkbox.Group options={coUnits.map((c) => ({ value: c.unitId, label: c.unitName }))} />
            </Form.Item>
          )}
          {firstRound && ratings.some((_, i) => unhappy(i)) && (
            <Alert
              type="info"
              showIcon
              message={
                leadUnhappy
                  ? t('主办单位评价为不满意的，将重新办理并再次答复。')
                  : units.some((x, i) => x.role === 'separate' && unhappy(i))
                    ? t('评价为不满意的分办单位将各自重新办理并再次答复。')
                    : t('仅对会办单位不满意的，主办单位不再重新办理，该会办单位须重新提出会办意见。')
              }
            />
          )}
        </Form>
      </Space>
    </Modal>
  );
}

function UnitCard({ p, unit, index, unhappy, options, locale }: { p: ProposalDetail; unit: Assignment; index: number; unhappy: boolean; options: { value: Satisfaction; label: string }[]; locale: string }) {
  const { t } = useKindI18n(p.kind);
  const reply = p.replies.find((r) => r.unitId === unit.unitId && r.sequence === p.replySequence && r.status === 'sent');
  const opinions = p.coOpinions.filter((o) => o.unitId === unit.unitId);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`rate-unit-${unit.unitId}`}
      title={
        <Space wrap size={4}>
          <Tag color={unit.role === 'co' ? 'blue' : 'red'}>{t(UNIT_ROLES.labels[unit.role])}</Tag>
          {unit.unitName}
        </Space>
      }
    >
      {reply ? (
        <div style={{ maxHeight: 200, overflow: 'auto', marginBottom: 8 }} {...scrollRegion(`${unit.unitName} ${t('答复')}`)}>
          <Tag color={reply.resultClass === 'A' ? 'green' : reply.resultClass === 'B' ? 'blue' : 'orange'} style={{ whiteSpace: 'normal', marginBottom: 8 }}>
            {t(RESULT_CLASSES.labels[reply.resultClass])}
          </Tag>
          <RichText value={reply.body} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('签发')}：{reply.signerName} · {t('答复日期')}：{formatDay(reply.replyDate, locale)}
          </Typography.Text>
        </div>
      ) : unit.role === 'co' ? (
        <div style={{ maxHeight: 160, overflow: 'auto', marginBottom: 8 }} {...scrollRegion(`${unit.unitName} ${t('会办意见')}`)}>
          {opinions.length ? (
            opinions.map((o) => (
              <Typography.Paragraph key={o.id} style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                <Typography.Text type="secondary">{t('会办意见')}：</Typography.Text>
                {o.body}
              </Typography.Paragraph>
            ))
          ) : (
            <Typography.Text type="secondary">{t('该单位未提交会办意见')}</Typography.Text>
          )}
        </div>
      ) : null}
      <Form.Item name={['ratings', index, 'attitude']} label={t('办理态度')} rules={[{ required: true, message: t('请评价办理态度') }]} style={{ marginBottom: 8 }}>
        <Radio.Group options={options} aria-label={`${unit.unitName} ${t('办理态度')}`} />
      </Form.Item>
      <Form.Item name={['ratings', index, 'result']} label={t('办理结果')} rules={[{ required: true, message: t('请评价办理结果') }]} style={{ marginBottom: 8 }}>
        <Radio.Group options={options} aria-label={`${unit.unitName} ${t('办理结果')}`} />
      </Form.Item>
      <Form.Item
        name={['ratings', index, 'comment']}
        label={t('意见')}
        style={{ marginBottom: 0 }}
        rules={[
          { required: unhappy, whitespace: true, message: t('评价为不满意时须填写具体意见') },
          { max: 2000, message: t('意见不能超过2000字') },
        ]}
      >
        <Input.TextArea rows={2} placeholder={t('对该单位办理工作的意见和建议')} />
      </Form.Item>
    </Card>
  );
}
