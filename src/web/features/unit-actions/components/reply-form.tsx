import { useCallback, useEffect, useRef } from 'react';
import type { Editor } from '@tiptap/react';
import { Alert, App, Button, Card, Col, Drawer, Form, Grid, Input, Radio, Row, Space, Spin, Tag, Typography, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import type { ActionFormProps } from '../../../components/action-form.js';
import { useActionRunner } from '../../../components/use-action-runner.js';
import { api } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { DISCLOSURES, RESULT_CLASSES, SATISFACTION, type ResultClass } from '../../../../shared/domain.js';
import { C_REASON_MIN, type ReplyBody } from '../../../../shared/schemas/handling.js';
import { bodyText } from '../../../../shared/rich-text.js';
import { RichTextEditor } from '../../proposal-form/components/rich-text-editor.js';
import { HandlingFiles, filesRule, uploadFiles } from './handling-files.js';
import { ReplyTemplatesMenu } from './reply-templates.js';
import { useReplyDraft } from './use-reply-draft.js';
import '../i18n.js';
import '../i18n-aids.js';

type Values = Omit<ReplyBody, 'version'> & { files?: UploadFile[] };

// The full definitions of the result classes, as the reply letter states them.
const CLASS_TEXT: Record<ResultClass, { title: string; text: string; color: string }> = {
  A: { title: 'A类', text: '所提问题已经解决或基本解决，或建议已被采纳', color: 'green' },
  B: { title: 'B类', text: '正在解决或已列入计划逐步解决', color: 'blue' },
  C: { title: 'C类', text: '因条件限制等原因暂时不能解决，留作参考（须说明原因）', color: 'orange' },
};

/**
 * 答复: the reply letter in a wide drawer, the body in the same rich-text editor as a proposal's,
 * with the unit's templates to insert. The letter is kept as a draft on the server while typing
 * (debounced; a reload, another browser or a colleague picks it up: use-reply-draft.ts); submitting asks for confirmation because a signed-off
 * reply cannot be changed. Files are uploaded first: after the reply the unit may no longer add any.
 * Before the lead unit writes, it sees which co-units' opinions it still waits for (and until when);
 * the submit stays off while one is missing and its window is open. A reply returned by 答复审核
 * opens with its text and the reason.
 */
export function ReplyForm({ proposal: p, onClose, onDone }: ActionFormProps) {
  const { t, locale } = useKindI18n(p.kind);
  const me = useMe();
  const mine = p.assignments.find((a) => a.unitId === me.unitId && a.status !== 'removed');
  const isLead = mine?.role === 'lead';
  const waiting = isLead ? p.coOpinionStatus.filter((s) => s.waiting) : [];
  const returned = p.replies.find((r) => r.unitId === me.unitId && r.sequence === p.replySequence && r.status === 'returned');
  const { modal, message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const draft = useReplyDraft(p.id);
  const { busy, run } = useActionRunner(p.id, form, onDone);
  const resultClass = Form.useWatch('resultClass', form);
  const body = Form.useWatch('body', form) ?? '';
  const restored = useRef(false);
  const editor = useRef<Editor | null>(null);
  const onEditor = useCallback((e: Editor | null) => {
    editor.current = e;
  }, []);

  useEffect(() => {
    if (restored.current || draft.loading) return;
    restored.current = true;
    // The drawer opened while the draft was loading, and the editor was drawn again with it: the
    // keyboard focus goes to the form's first field, inside the drawer (WCAG 2.4.3).
    requestAnimationFrame(() => {
      const body = document.querySelector<HTMLElement>('.ant-drawer-open .ant-drawer-body');
      if (body && !body.contains(document.activeElement)) body.querySelector<HTMLElement>('input:not([disabled]), [contenteditable="true"], button:not([disabled])')?.focus();
    });
    const d = draft.draft;
    if (d) {
      form.setFieldsValue({
        resultClass: d.resultClass ?? undefined,
        body: d.body,
        disclosure: d.disclosure ?? 'public',
        documentNo: d.documentNo ?? undefined,
        contactPerson: d.contactPerson ?? undefined,
        signerName: d.signerName ?? undefined,
      });
      message.info(t('已恢复上次未提交的草稿（{who} {time}保存）', { who: d.updatedByName, time: dayjs(d.updatedAt).format('HH:mm') }));
    } else if (returned) {
      // The returned letter, to be edited and sent again.
      form.setFieldsValue({
        resultClass: returned.resultClass,
        body: returned.body,
        disclosure: returned.disclosure,
        documentNo: returned.documentNo ?? undefined,
        contactPerson: returned.contactPerson ?? undefined,
        signerName: returned.signerName,
      });
    }
  }, [form, draft.loading, draft.draft, message, t, returned]);

  const saveDraft = () => {
    if (!restored.current) return;
    const { files: _files, ...v } = form.getFieldsValue(true) as Values;
    draft.save({
      resultClass: v.resultClass ?? null,
      body: v.body ?? '',
      disclosure: v.disclosure ?? null,
      documentNo: v.documentNo || undefined,
      contactPerson: v.contactPerson || undefined,
      signerName: v.signerName || undefined,
    });
  };

  // A template goes in at the cursor; into an empty editor it becomes the text.
  const insertTemplate = (html: string) => {
    const e = editor.current;
    if (e && !e.isEmpty) e.chain().focus().insertContent(html).run();
    else form.setFieldValue('body', html);
    if (e && !e.isEmpty) form.setFieldValue('body', e.getHTML());
    saveDraft();
  };

  const lastEvaluation = p.status === 'rehandling' ? [...p.evaluations].sort((a, b) => b.sequence - a.sequence)[0] : undefined;

  const submit = (v: Values) => {
    modal.confirm({
      title: t('确认提交答复'),
      content: t('签发后不可修改。答复将送提案人测评。'),
      okText: t('提交答复'),
      cancelText: t('取消'),
      onOk: () =>
        run(async () => {
          // Sending deletes the server's draft: a save still waiting must not bring it back.
          draft.cancel();
          await uploadFiles(form, p.id, 'reply');
          await api.post(`/proposals/${p.id}/replies`, {
            resultClass: v.resultClass,
            body: v.body,
            disclosure: v.disclosure,
            documentNo: v.documentNo || undefined,
            contactPerson: v.contactPerson || undefined,
            signerName: v.signerName,
            version: p.version,
          });
        }, t('答复已提交')),
    });
  };

  return (
    <Drawer
      open
      title={p.status === 'rehandling' ? t('重新办理答复（第{n}次答复）', { n: p.replySequence + 1 }) : t('答复提案')}
      width={screens.md ? 880 : '100%'}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text type={draft.state === 'failed' || draft.state === 'conflict' ? 'warning' : 'secondary'} data-testid="draft-status">
            {draft.state === 'saving'
              ? t('正在保存草稿…')
              : draft.state === 'failed'
                ? t('草稿保存失败，将在下次修改时重试')
                : draft.state === 'conflict'
                  ? t('草稿已在其他窗口修改，下次修改将覆盖')
                  : draft.savedAt
                    ? t('草稿已保存 {time}', { time: dayjs(draft.savedAt).format('HH:mm') })
                    : t('编辑时自动保存草稿')}
          </Typography.Text>
          <Space>
            <Button onClick={onClose}>{t('取消')}</Button>
            <Button type="primary" loading={busy} disabled={waiting.length > 0} onClick={() => form.submit()}>
              {returned ? t('修改后重新提交') : t('提交答复')}
            </Button>
          </Space>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>
            {proposalNo(p.number)} {p.title}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('办理期限：{day}', { day: formatDay(p.deadline, locale) })}</Typography.Text>
        </div>
        {waiting.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="co-opinion-waiting"
            message={t('尚有会办单位未提交会办意见，暂不能答复')}
            description={
              <Space direction="vertical" size={2}>
                {waiting.map((w) => (
                  <span key={w.unitId}>
                    {t('{unit}：会办期限至{day}', { unit: w.unitName, day: formatDay(w.windowEnds, locale) })}
                  </span>
                ))}
                <span>{t('可先撰写答复并保存草稿，待会办意见送达或期限届满后提交。')}</span>
              </Space>
            }
          />
        )}
        {isLead && waiting.length === 0 && p.coOpinionStatus.length > 0 && (
          <Alert
            type="success"
            showIcon
            message={t('会办意见')}
            description={
              <Space direction="vertical" size={2}>
                {p.coOpinionStatus.map((s) => (
                  <span key={s.unitId}>
                    {s.unitName}：{s.given ? t('已提交') : t('会办期限（{day}）已过，未提交', { day: formatDay(s.windowEnds, locale) })}
                  </span>
                ))}
              </Space>
            }
          />
        )}
        {returned && (
          <Alert type="warning" showIcon message={t('答复被退回修改')} description={`${t('退回理由：')}${returned.reviewComment ?? ''}`} />
        )}
        {lastEvaluation && (
          <Alert
            type="warning"
            showIcon
            message={`${t('提案人测评为不满意，意见：')}${lastEvaluation.comment ?? ''}`}
            description={`${t('办理态度')}：${t(SATISFACTION.labels[lastEvaluation.attitude])}；${t('办理结果')}：${t(SATISFACTION.labels[lastEvaluation.result])}`}
          />
        )}
        {draft.loading && <Spin size="small" />}
        <Form form={form} layout="vertical" onFinish={submit} onValuesChange={saveDraft} initialValues={{ disclosure: 'public' }} scrollToFirstError>
          <Form.Item name="resultClass" label={t('答复类别')} rules={[{ required: true, message: t('请选择答复类别') }]}>
            <Radio.Group style={{ width: '100%' }}>
              <Row gutter={[12, 12]}>
                {RESULT_CLASSES.values.map((c) => (
                  <Col key={c} xs={24} md={8}>
                    <Card
                      size="small"
                      hoverable
                      onClick={() => {
                        form.setFieldValue('resultClass', c);
                        saveDraft();
                      }}
                      style={{ height: '100%', borderColor: resultClass === c ? '#b71c1c' : undefined, background: resultClass === c ? '#fff5f5' : undefined }}
                    >
                      <Radio value={c} aria-label={RESULT_CLASSES.labels[c]}>
                        <Tag color={CLASS_TEXT[c].color}>{t(CLASS_TEXT[c].title)}</Tag>
                      </Radio>
                      <div style={{ marginTop: 6 }}>{t(CLASS_TEXT[c].text)}</div>
                    </Card>
                  </Col>
                ))}
              </Row>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="body"
            label={t('答复内容')}
            required
            extra={t('称呼和“您提出的《……》收悉，现答复如下”由答复函自动写出（含会办单位），请直接从正文写起。')}
            dependencies={['resultClass']}
            rules={[
              { max: 50000 },
              ({ getFieldValue }) => ({
                validator: async (_r, v?: string) => {
                  const text = bodyText(v ?? '');
                  if (!text) throw new Error(t('请填写答复内容'));
                  if (getFieldValue('resultClass') === 'C' && text.length < C_REASON_MIN) throw new Error(t('C类答复须说明暂时不能解决的原因（不少于20字）'));
                },
              }),
            ]}
          >
            <RichTextEditor aria-label={t('答复内容')} onEditor={onEditor} />
          </Form.Item>
          <div style={{ marginTop: -12, marginBottom: 16 }}>
            <ReplyTemplatesMenu onInsert={insertTemplate} currentBody={bodyText(body) ? body : ''} />
          </div>
          <Form.Item name="disclosure" label={t('公开属性')} rules={[{ required: true, message: t('请选择公开属性') }]}>
            <Radio.Group options={DISCLOSURES.values.map((d) => ({ value: d, label: t(DISCLOSURES.labels[d]) }))} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="documentNo" label={t('文号')} rules={[{ max: 100 }]}>
                <Input placeholder="如：平农函〔2025〕12号" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactPerson" label={t('联系人')} rules={[{ max: 100 }]}>
                <Input placeholder={t('联系人及电话，如：张明 0573-85012345')} maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signerName" label={t('签发人')} rules={[{ required: true, whitespace: true, message: t('请填写签发人') }, { max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="files" label={t('答复附件')} valuePropName="value" rules={[filesRule(t)]}>
            <HandlingFiles />
          </Form.Item>
        </Form>
      </Space>
    </Drawer>
  );
}
