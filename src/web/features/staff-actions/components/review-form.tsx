import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Descriptions, Form, Grid, Input, Modal, Radio, Result, Row, Select, Space, Tag, Typography } from 'antd';
import type { ActionFormProps } from '../../../components/action-form.js';
import { RichText } from '../../../components/rich-text.js';
import { SimilarPanel } from '../../../components/similar-panel.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatTime, proposalNo } from '../../../lib/format.js';
import { ACTION_LABELS } from '../../../../shared/lifecycle.js';
import { CATEGORIES, CONVERSIONS, REVIEW_REASONS, SUBMITTED_DURING, type Conversion, type ReviewReason } from '../../../../shared/domain.js';
import type { ProposalSummary } from '../../../../shared/schemas/proposal.js';
import '../i18n-staff.js';
import { PreviewButton } from '../../attachment-preview/components/attachment-preview.js';
import { scrollRegion } from '../../../components/keyboard.js';

type Decision = 'file' | 'reject' | 'return';
const DECISIONS: Decision[] = ['file', 'reject', 'return'];

interface Values {
  decision: Decision;
  reason?: ReviewReason;
  conversion?: Conversion;
  comment?: string;
}

const SUBMIT_LABEL: Record<Decision, string> = { file: '确认立案', reject: '确认不立案', return: '确认退回修改' };

/**
 * 审查: 立案 / 不立案 (with the reason and the conversion) / 退回修改, the proposal's text beside the
 * form so the staff member reads what they decide on. The action that opened it is preselected; a
 * filing ends on the number the proposal got.
 */
export function ReviewForm({ proposal: p, action, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<ProposalSummary | null>(null);
  const showErrors = useServerErrors(form, () => void qc.invalidateQueries({ queryKey: ['proposal', String(p.id)] }));
  const allowed = DECISIONS.filter((d) => p.availableActions.includes(d));
  const initial: Decision = DECISIONS.includes(action as Decision) ? (action as Decision) : (allowed[0] ?? 'file');
  const decision = Form.useWatch('decision', form) ?? initial;

  const send = async (v: Values) => {
    setBusy(true);
    try {
      const body =
        v.decision === 'file'
          ? { decision: 'file', comment: v.comment?.trim() || undefined, version: p.version }
          : v.decision === 'reject'
            ? { decision: 'reject', reason: v.reason, conversion: v.conversion, comment: v.comment?.trim() || undefined, version: p.version }
            : { decision: 'return', comment: v.comment, version: p.version };
      const res = await api.post<ProposalSummary>(`/proposals/${p.id}/review`, body);
      void qc.invalidateQueries({ queryKey: ['proposals'] });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
      if (v.decision === 'file') {
        message.success(t('已立案，编号{no}', { no: proposalNo(res.number) }));
        setFiled(res);
      } else {
        message.success(v.decision === 'reject' ? t('已作不立案处理') : t('已退回提案人修改'));
        onDone();
      }
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (v: Values) => {
    const what =
      v.decision === 'file'
        ? t('立案后将按届次自动编号，不可撤销。')
        : v.decision === 'reject'
          ? t('不立案，{conv}。将通知提案人，不可撤销。', { conv: v.conversion ? t(CONVERSIONS.labels[v.conversion]) : '' })
          : t('提案将退回提案人修改，提案人修改后可重新提交。');
    modal.confirm({
      title: t('确认对「{title}」{action}？', { title: p.title, action: t(ACTION_LABELS[v.decision]) }),
      content: what,
      okText: t('确定'),
      cancelText: t('取消'),
      onOk: () => send(v),
    });
  };

  if (filed) {
    return (
      <Modal open title={t('立案')} onCancel={onDone} footer={null} width={520} destroyOnHidden>
        <Result
          status="success"
          title={t('已立案')}
          subTitle={
            <span data-testid="filed-number">
              {t('编号')}：{proposalNo(filed.number)}
            </span>
          }
          extra={
            <Button type="primary" onClick={onDone} autoFocus>
              {t('完成')}
            </Button>
          }
        />
      </Modal>
    );
  }

  const reading = (
    <div style={{ maxHeight: screens.md ? '62vh' : undefined, overflowY: 'auto', paddingRight: 8 }} data-testid="review-reading" {...scrollRegion(p.title)}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {p.title}
      </Typography.Title>
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('届次')}>{p.session.name}</Descriptions.Item>
        <Descriptions.Item label={t('提案人')}>
          <Space size={[4, 4]} wrap>
            {p.proposers.map((x, i) => (
              <Tag key={i} color={i === 0 ? 'red' : 'blue'}>
                {x.name}
                {x.sector ? `（${x.sector}）` : ''}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('类别')}>{t(CATEGORIES.labels[p.category])}</Descriptions.Item>
        <Descriptions.Item label={t('提交时间')}>
          {formatTime(p.submittedAt, locale)}（{t(SUBMITTED_DURING.labels[p.submittedDuring])}）
        </Descriptions.Item>
        {p.attachments.length > 0 && (
          <Descriptions.Item label={t('附件')}>
            <Space size={[8, 0]} wrap>
              {p.attachments.map((a) => (
                <span key={a.id}>
                  <a href={`/api/v1/proposals/${p.id}/attachments/${a.id}`}>{a.fileName}</a>
                  <PreviewButton proposalId={p.id} file={a} />
                </span>
              ))}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      <RichText value={p.body} />
    </div>
  );

  const decisionForm = (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: initial }} disabled={busy}>
      <Form.Item name="decision" label={t('审查决定')} rules={[{ required: true, message: t('请选择审查决定') }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={DECISIONS.map((d) => ({ value: d, label: t(ACTION_LABELS[d]), disabled: !allowed.includes(d) }))}
          onChange={() => form.setFields([{ name: 'comment', errors: [] }])}
        />
      </Form.Item>
      {decision === 'reject' && (
        <>
          <Form.Item name="reason" label={t('不立案理由')} rules={[{ required: true, message: t('请选择不立案理由') }]}>
            <Select
              placeholder={t('请选择不立案理由')}
              options={REVIEW_REASONS.values.filter((r) => r !== 'needs_revision').map((r) => ({ value: r, label: t(REVIEW_REASONS.labels[r]) }))}
            />
          </Form.Item>
          <Form.Item name="conversion" label={t('转办方式')} rules={[{ required: true, message: t('请选择转办方式（作为来信处理或转社情民意）') }]}>
            <Radio.Group options={CONVERSIONS.values.map((c) => ({ value: c, label: t(CONVERSIONS.labels[c]) }))} />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="comment"
        label={decision === 'return' ? t('退回意见') : decision === 'reject' ? t('审查意见') : t('立案意见')}
        extra={decision === 'return' ? t('请写明需要修改完善的内容，提案人将看到此意见') : t('选填')}
        rules={[
          ...(decision === 'return' ? [{ required: true, whitespace: true, message: t('请填写退回意见') }] : []),
          { max: 2000, message: t('不能超过2000字') },
        ]}
      >
        <Input.TextArea rows={decision === 'return' ? 5 : 3} showCount maxLength={2000} />
      </Form.Item>
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose} disabled={false}>
          {t('取消')}
        </Button>
        <Button type="primary" htmlType="submit" loading={busy} danger={decision === 'reject'}>
          {t(SUBMIT_LABEL[decision])}
        </Button>
      </Space>
    </Form>
  );

  return (
    <Modal
      open
      title={`${t('审查')} · ${p.session.name}${p.number ? ` · ${proposalNo(p.number)}` : ''}`}
      onCancel={onClose}
      footer={null}
      width={screens.lg ? 1100 : screens.md ? 860 : undefined}
      destroyOnHidden
      maskClosable={false}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} md={14} style={{ borderRight: screens.md ? '1px solid #f0f0f0' : undefined }}>
          {reading}
        </Col>
        <Col xs={24} md={10}>
          {decisionForm}
          <div style={{ marginTop: 16 }}>
            <SimilarPanel proposalId={p.id} sessionId={p.session.id} />
          </div>
        </Col>
      </Row>
    </Modal>
  );
}
