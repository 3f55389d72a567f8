import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Empty, Form, Input, Modal, Radio, Select, Space, Tag } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay, formatTime, proposalNo } from '../../../lib/format.js';
import { UNIT_ROLES } from '../../../../shared/domain.js';
import type { ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import '../i18n-office.js';

interface UnitInfo {
  id: number;
  name: string;
  active: boolean;
}
interface Values {
  assignmentId: number;
  decision: 'approved' | 'rejected';
  replacementUnitId?: number;
  comment: string;
}
type Assignment = ProposalDetail['assignments'][number];

/** The lead (主办, or the first 分办 unit) cannot leave without a replacement: the server's rule. */
const isLead = (a: Assignment) => a.role === 'lead' || (a.role === 'separate' && a.position === 0);

/** 审定调整申请: approve (with a replacement unit, required for the lead) or reject, with a comment. */
export function DecideObjectionForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<UnitInfo[]>('/units') });
  const objected = p.assignments.filter((a) => a.status === 'objected');
  const assignmentId = Form.useWatch('assignmentId', form) ?? objected[0]?.id;
  const decision = Form.useWatch('decision', form);
  const chosen = objected.find((a) => a.id === assignmentId);
  const taken = new Set(p.assignments.filter((a) => a.status !== 'removed').map((a) => a.unitId));
  const unitOptions = (units.data ?? []).filter((u) => u.active && !taken.has(u.id)).map((u) => ({ value: u.id, label: u.name }));
  const needsReplacement = decision === 'approved' && !!chosen && isLead(chosen);

  const submit = (v: Values) => {
    modal.confirm({
      title: t('确认审定结果'),
      content: t('审定后将通知申请单位，不可撤销。'),
      okText: t('确认审定'),
      cancelText: t('取消'),
      onOk: () =>
        run(
          () =>
            api.post(`/proposals/${p.id}/objections/${v.assignmentId}/decide`, {
              decision: v.decision,
              comment: v.comment,
              replacementUnitId: v.decision === 'approved' ? v.replacementUnitId : undefined,
              version: p.version,
            }),
          t('已审定'),
        ),
    });
  };

  return (
    <Modal open title={t('审定调整申请')} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      {objected.length === 0 ? (
        <Empty description={t('当前没有待审定的调整申请')} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ assignmentId: objected[0]!.id }}>
          <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('案由')}>
              {proposalNo(p.number)} {p.title}
            </Descriptions.Item>
          </Descriptions>
          <Form.Item name="assignmentId" label={t('调整申请')} hidden={objected.length === 1}>
            <Select options={objected.map((a) => ({ value: a.id, label: `${a.unitName}（${t(UNIT_ROLES.labels[a.role])}）` }))} />
          </Form.Item>
          {chosen && (
            <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('申请单位')}>
                <Space wrap>
                  {chosen.unitName}
                  <Tag color={isLead(chosen) ? 'red' : 'blue'}>{isLead(chosen) ? t('主办（须指定新主办单位）') : t(UNIT_ROLES.labels[chosen.role])}</Tag>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('交办日期')}>{formatDay(chosen.assignedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('申请时间')}>{formatTime(chosen.objectedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('申请理由')}>{chosen.objectionReason}</Descriptions.Item>
              {chosen.objectionSuggestedUnit && <Descriptions.Item label={t('建议承办单位')}>{chosen.objectionSuggestedUnit}</Descriptions.Item>}
            </Descriptions>
          )}
          <Form.Item
            name="decision"
            label={t('审定结果')}
            rules={[{ required: true, message: t('请选择审定结果') }]}
            extra={decision === 'approved' ? t('同意后原单位退出，新单位须重新签收。') : decision === 'rejected' ? t('不同意时该单位恢复为待签收，须签收办理。') : undefined}
          >
            <Radio.Group
              onChange={(e) => {
                // The unit the requester suggested, when it names a unit we know, is the likely choice.
                const suggested = chosen?.objectionSuggestedUnit?.trim();
                const match = suggested ? unitOptions.find((u) => u.label === suggested) : undefined;
                if (e.target.value === 'approved' && match && form.getFieldValue('replacementUnitId') === undefined) form.setFieldValue('replacementUnitId', match.value);
              }}
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'approved', label: t('同意调整') },
                { value: 'rejected', label: t('不同意调整') },
              ]}
            />
          </Form.Item>
          {decision === 'approved' && (
            <Form.Item
              name="replacementUnitId"
              label={t('新承办单位')}
              extra={needsReplacement ? undefined : t('可不指定，该单位退出会办')}
              rules={needsReplacement ? [{ required: true, message: t('调整主办单位须指定新的主办单位') }] : []}
            >
              <Select
                showSearch
                allowClear
                optionFilterProp="label"
                loading={units.isLoading}
                options={unitOptions}
                placeholder={t('请选择承办单位')}
              />
            </Form.Item>
          )}
          <Form.Item name="comment" label={t('审定意见')} rules={[{ required: true, whitespace: true, message: t('请填写审定意见') }, { max: 2000 }]}>
            <Input.TextArea rows={3} showCount maxLength={2000} />
          </Form.Item>
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>{t('取消')}</Button>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('确认审定')}
            </Button>
          </Space>
        </Form>
      )}
    </Modal>
  );
}
