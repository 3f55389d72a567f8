import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Collapse, Form, Grid, Input, Radio, Result, Row, Select, Space, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api, ApiError, type Page } from '../../../lib/api.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { useMe } from '../../../app/auth.js';
import { QueryState } from '../../../components/query-state.js';
import { StatusTag } from '../../../components/status-tag.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import type { ProposalSummary } from '../../../../shared/schemas/proposal.js';
import { CATEGORIES, SUBMITTED_DURING, REVIEW_REASONS, type Category, type SubmittedDuring } from '../../../../shared/domain.js';
import { looksLikeHtml } from '../../../../shared/rich-text.js';
import { RichTextEditor } from './rich-text-editor.js';
import { CoProposersPicker, proposerKey, proposerRef, type ProposerKey } from './co-proposers-picker.js';
import { AttachmentsField } from './attachments-field.js';
import { SimilarPanel } from '../../../components/similar-panel.js';
import '../i18n.js';
import { today } from '../../../lib/clock.js';
import { LinkButton } from '../../../components/link-button.js';
import { CardPageTitle } from '../../../components/page-title.js';
import { SessionLabel } from '../../../components/session-label.js';
import { Data } from '../../../components/data-text.js';

interface SessionOption {
  id: number;
  kind: 'proposal' | 'suggestion';
  name: string;
  year: number;
  plenaryStart: string | null;
  plenaryEnd: string | null;
  isCurrent: boolean;
}
interface MemberRecord {
  id: number;
  kind: 'proposal' | 'suggestion';
  name: string;
}

interface Values {
  sessionId?: number;
  title: string;
  category?: Category;
  submittedDuring: SubmittedDuring;
  body: string;
  coProposers: ProposerKey[];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A plain-text body (older records) opened in the editor: one paragraph per line. */
const toEditorHtml = (body: string) =>
  looksLikeHtml(body) ? body : body.split(/\r?\n/).filter((l) => l.trim()).map((l) => `<p>${escapeHtml(l)}</p>`).join('');

const TITLE_PATTERN = /^关于.+的(建议|提案)$/;

/** Write a new proposal (/proposals/new) or edit a draft or a returned one (/proposals/:id/edit). */
export function ProposalFormPage() {
  const { id: routeId } = useParams();
  const me = useMe();
  const { t } = useKindI18n(me.workKind ?? undefined);
  // A draft created on this page moves the address to /proposals/:id/edit; the same form stays on
  // screen (with the editor's content, focus and uploads under way) instead of being loaded again.
  // The id is kept in a ref, seen by every render at once: kept in state, a render could see the new
  // address before the id (or the id before the address) and mount a second form that never heard
  // of the files still going up (two attachments picked before the first save showed as one).
  const createdRef = useRef<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [shownRoute, setShownRoute] = useState(routeId);
  if (shownRoute !== routeId) {
    setShownRoute(routeId);
    // Back at /proposals/new after creating a draft here: a fresh form.
    if (!routeId && createdRef.current) {
      createdRef.current = null;
      setGeneration((g) => g + 1);
    }
  }
  const created = createdRef.current;
  const detail = useQuery({
    queryKey: ['proposal', routeId],
    queryFn: () => api.get<ProposalDetail>(`/proposals/${routeId}`),
    enabled: !!routeId && routeId !== created,
  });
  if (!routeId || routeId === created) return <ProposalForm key={`new-${generation}`} onCreated={(id) => (createdRef.current = String(id))} />;
  return (
    <QueryState query={detail}>
      {(p) =>
        p.availableActions.includes('edit') ? (
          <ProposalForm key={p.id} existing={p} reload={() => detail.refetch().then((r) => r.data)} />
        ) : (
          <Result
            status="warning"
            title={t('当前状态不能修改')}
            subTitle={t('只有草稿或退回修改的提案可以修改。')}
            extra={
              <LinkButton to={`/proposals/${p.id}`} type="primary">{t('查看提案')}</LinkButton>
            }
          />
        )
      }
    </QueryState>
  );
}

interface FormProps {
  existing?: ProposalDetail;
  reload?: () => Promise<ProposalDetail | undefined>;
  onCreated?: (id: number) => void;
}

function ProposalForm({ existing, reload, onCreated }: FormProps) {
  const me = useMe();
  // A deputy writes a 代表建议 with 附议代表; the form speaks their organ's words.
  const { t } = useKindI18n(existing?.kind ?? me.workKind ?? undefined);
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  // The similar-proposal panel follows what is being typed (debounced inside the panel).
  const watchedTitle = Form.useWatch('title', form);
  const watchedBody = Form.useWatch('body', form);
  const watchedSession = Form.useWatch('sessionId', form);
  // The record as last saved: its id once the draft exists, and the version to send with the next write.
  const [saved, setSaved] = useState<{ id: number; version: number; status: ProposalDetail['status'] } | null>(
    existing ? { id: existing.id, version: existing.version, status: existing.status } : null,
  );
  const [record, setRecord] = useState<ProposalDetail | undefined>(existing);
  const savedRef = useRef(saved);
  savedRef.current = saved;
  // Files picked before the draft exists (kept in a ref too: two picked at once must join one draft).
  const pendingRef = useRef<File[]>([]);
  const [pending, setPendingState] = useState<File[]>([]);
  const setPending = (files: File[]) => {
    pendingRef.current = files;
    setPendingState(files);
  };
  const creating = useRef<Promise<void> | null>(null);
  const uploading = useRef<Promise<void> | null>(null);

  const onReload = async () => {
    const fresh = reload ? await reload() : saved ? await api.get<ProposalDetail>(`/proposals/${saved.id}`) : undefined;
    if (!fresh) return;
    setRecord(fresh);
    setSaved({ id: fresh.id, version: fresh.version, status: fresh.status });
    message.info(t('已获取最新版本，您填写的内容已保留，可再次保存'));
  };
  const showErrors = useServerErrors(form, () => void onReload());

  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  // A member writes proposals (委员) or suggestions (代表) by their own kind; a body writes proposals.
  const self = useQuery({
    queryKey: ['members', 'self', me.memberId],
    queryFn: async () => (await api.get<Page<MemberRecord>>('/members', { q: me.displayName, pageSize: 100 })).items.find((m) => m.id === me.memberId) ?? null,
    enabled: !!me.memberId && !existing,
  });
  const kind: 'proposal' | 'suggestion' = existing?.kind ?? me.workKind ?? (me.memberId ? (self.data?.kind ?? 'proposal') : 'proposal');
  const sessionOptions = useMemo(() => {
    const all = (sessions.data ?? []).filter((s) => s.kind === kind);
    const current = all.filter((s) => s.isCurrent);
    return current.length ? current : all;
  }, [sessions.data, kind]);

  // Defaults for a new proposal: the current session, 大会期间 while its plenary runs.
  useEffect(() => {
    if (existing || !sessionOptions.length || form.getFieldValue('sessionId')) return;
    const s = sessionOptions[0]!;
    const day = today().format('YYYY-MM-DD');
    const plenary = !!s.plenaryStart && !!s.plenaryEnd && day >= s.plenaryStart && day <= s.plenaryEnd;
    form.setFieldsValue({ sessionId: s.id, submittedDuring: plenary ? 'plenary' : 'interim' });
  }, [existing, sessionOptions, form]);

  const initialValues: Partial<Values> = existing
    ? {
        sessionId: existing.session.id,
        title: existing.title,
        category: existing.category,
        submittedDuring: existing.submittedDuring,
        body: toEditorHtml(existing.body),
        coProposers: existing.proposers.filter((p) => p.position > 0 && p.confirmation !== 'declined').map(proposerKey),
      }
    : { title: '', body: '', coProposers: [], submittedDuring: 'interim' };
  const knownLabels = useMemo(
    () => Object.fromEntries((existing?.proposers ?? []).map((p) => [proposerKey(p), `${p.name}${p.sector ? `（${p.sector}）` : ''}`])),
    [existing],
  );
  const leadKey = me.memberId ? `m${me.memberId}` : me.bodyId ? `b${me.bodyId}` : undefined;

  /** Creates the draft or saves the changes; answers the saved record, or null after an error. */
  const save = async (stay = true): Promise<{ id: number; version: number } | null> => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return null;
    }
    const content = {
      title: v.title.trim(),
      body: v.body.replace(/(<p>\s*<\/p>)+$/, ''),
      category: v.category!,
      submittedDuring: v.submittedDuring,
      coProposers: (v.coProposers ?? []).map(proposerRef),
    };
    try {
      const current = savedRef.current;
      let r: ProposalSummary;
      if (!current) {
        const session = sessionOptions.find((s) => s.id === v.sessionId);
        r = await api.post<ProposalSummary>('/proposals', { ...content, sessionId: v.sessionId, kind: session?.kind ?? kind });
        const next = { id: r.id, version: r.version, status: r.status };
        setSaved(next);
        savedRef.current = next;
        if (stay) {
          onCreated?.(r.id);
          navigate(`/proposals/${r.id}/edit`, { replace: true });
        }
      } else {
        r = await api.patch<ProposalSummary>(`/proposals/${current.id}`, { ...content, version: current.version });
      }
      const next = { id: r.id, version: r.version, status: r.status };
      setSaved(next);
      savedRef.current = next;
      await uploadPending(r.id);
      void qc.invalidateQueries({ queryKey: ['proposals'] });
      return next;
    } catch (e) {
      showErrors(e);
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    const r = await save();
    setBusy(null);
    if (r) message.success(saved?.status === 'returned' ? t('已保存') : t('草稿已保存'));
  };

  const onSubmit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const co = (form.getFieldValue('coProposers') as ProposerKey[] | undefined)?.length ?? 0;
    modal.confirm({
      title: t('确认提交该提案？'),
      content: (
        <div>
          <p>{co ? t('提交后将邀请 {n} 位联名人确认，全部答复后进入审查。', { n: co }) : t('提交后直接进入提案委员会审查。')}</p>
          <p>{t('提交后不能再修改，除非被退回修改。')}</p>
        </div>
      ),
      okText: t('确认提交'),
      cancelText: t('取消'),
      onOk: async () => {
        setBusy('submit');
        try {
          const r = await save(false);
          if (!r) return;
          const after = await api.post<ProposalSummary>(`/proposals/${r.id}/submit`, { version: r.version });
          message.success(after.status === 'pending_cosign' ? t('提案已提交，等待联名人确认') : t('提案已提交'));
          await Promise.all([
            qc.invalidateQueries({ queryKey: ['proposals'] }),
            qc.invalidateQueries({ queryKey: ['proposal', String(r.id)] }),
            qc.invalidateQueries({ queryKey: ['notifications'] }),
          ]);
          navigate(`/proposals/${r.id}`, { replace: true });
        } catch (e) {
          showErrors(e);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  // Two refreshes can cross (a direct upload's and the pending files'): only the latest one counts.
  const refreshSeq = useRef(0);
  const refreshAttachments = async (id = savedRef.current?.id) => {
    if (!id) return;
    const seq = ++refreshSeq.current;
    const fresh = await api.get<ProposalDetail>(`/proposals/${id}`);
    if (seq !== refreshSeq.current) return;
    // A fetch of the same proposal still in flight (the edit page's own, begun before the last upload)
    // would land after this and put the older list back.
    await qc.cancelQueries({ queryKey: ['proposal', String(id)] });
    if (seq !== refreshSeq.current) return;
    qc.setQueryData(['proposal', String(id)], fresh);
    setRecord(fresh);
  };

  /** Uploads the files picked before the draft existed, including any picked while this runs; one run at a time. */
  function uploadPending(id: number): Promise<void> {
    if (!pendingRef.current.length) return Promise.resolve();
    uploading.current ??= (async () => {
      while (pendingRef.current.length) {
        const file = pendingRef.current[0]!;
        try {
          await api.upload(`/proposals/${id}/attachments/upload`, file, file.name, { purpose: 'proposal' });
        } catch (e) {
          // Refused by the server (its content does not match its type, say): say which and go on.
          message.error(t('附件「{name}」上传失败：{reason}', { name: file.name, reason: e instanceof ApiError ? e.message : String(e) }));
        }
        setPending(pendingRef.current.filter((f) => f !== file));
      }
      await refreshAttachments(id);
    })().finally(() => {
      uploading.current = null;
      if (pendingRef.current.length) void uploadPending(id);
    });
    return uploading.current;
  }

  /**
   * A file picked before the first save. The draft is the staging area: when the form is complete
   * enough to be a draft it is saved now (the address becomes its edit page) and the file goes up;
   * otherwise the file waits here and goes up with the first save or the submission.
   */
  const addBeforeSave = (file: File) => {
    setPending([...pendingRef.current, file]);
    if (creating.current) return; // the draft being saved takes this file along
    const draft = savedRef.current;
    if (draft) {
      // Saved a moment ago, before the field heard of it.
      void uploadPending(draft.id);
      return;
    }
    creating.current = (async () => {
      const complete = await form.validateFields({ validateOnly: true }).then(
        () => true,
        () => false,
      );
      if (!complete) {
        message.info(t('附件将在保存草稿或提交时一并上传'));
        return;
      }
      setBusy('save');
      const r = await save();
      setBusy(null);
      if (r) message.success(t('已自动保存草稿并上传附件'));
    })().finally(() => {
      creating.current = null;
    });
  };

  const status = saved?.status ?? null;
  const returned = status === 'returned';
  const mobile = !screens.md;
  const coPending = record && record.status !== 'draft' ? record.proposers.filter((p) => p.position > 0) : [];

  if (!existing && sessions.isSuccess && sessionOptions.length === 0) {
    return <Result status="info" title={t('没有可用的届次会议，请联系提案委员会')} />;
  }

  // 相似提案 beside the text while it is written: a right column from 992 px (sticky, so it stays in
  // view along the body), above 提交 and folded on a narrower screen.
  const wide = !!screens.lg;
  const similar = (
    <SimilarPanel
      draft={{ title: watchedTitle ?? '', body: watchedBody ?? '', sessionId: watchedSession, excludeId: saved?.id }}
      linkTo="public"
      embedded={!wide}
    />
  );

  const formCard = (
      <Card
        title={
          <Space wrap>
            <CardPageTitle>{existing ? t('修改提案') : t('写提案')}</CardPageTitle>
            {status && <StatusTag status={status} />}
          </Space>
        }
        styles={{ body: { padding: mobile ? 12 : 24 } }}
      >
        {returned && record?.reviewComment && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${t('退回意见')}${record.reviewReason ? `（${t(REVIEW_REASONS.labels[record.reviewReason])}）` : ''}`}
            description={record.reviewComment}
          />
        )}
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} disabled={busy !== null} scrollToFirstError>
          <Form.Item name="sessionId" label={t('届次会议')} rules={[{ required: true, message: t('请选择届次会议') }]}>
            <Select
              disabled={!!saved}
              loading={sessions.isLoading}
              options={
                existing
                  ? [{ value: existing.session.id, label: <Data>{existing.session.name}</Data> }]
                  : sessionOptions.map((s) => ({ value: s.id, label: <SessionLabel session={s} /> }))
              }
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('案由')}
            rules={[
              { required: true, whitespace: true, message: t('请填写案由') },
              { min: 5, message: t('案由至少5个字') },
              { max: 200, message: t('案由不能超过200字') },
              {
                warningOnly: true,
                validator: (_r, v: string) => (v && !TITLE_PATTERN.test(v.trim()) ? Promise.reject(new Error(t('案由通常写作“关于……的建议”'))) : Promise.resolve()),
              },
            ]}
          >
            <Input placeholder={t('例如：关于加快高标准农田建设的建议')} maxLength={200} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="category" label={t('类别')} rules={[{ required: true, message: t('请选择类别') }]}>
                <Select options={CATEGORIES.values.map((c) => ({ value: c, label: t(CATEGORIES.labels[c]) }))} placeholder={t('请选择类别')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="submittedDuring" label={t('提出方式')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" options={SUBMITTED_DURING.values.map((v) => ({ value: v, label: t(SUBMITTED_DURING.labels[v]) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="body"
            label={t('正文')}
            extra={t('正文包括：问题、分析、具体建议')}
            rules={[{ required: true, message: t('请填写正文') }]}
          >
            <RichTextEditor aria-label={t('正文')} />
          </Form.Item>
          <Form.Item name="coProposers" label={t('联名人')} extra={t('提交后，联名人会收到邀请并逐一确认；全部确认后提案进入审查。')}>
            <CoProposersPicker kind={kind} exclude={leadKey} knownLabels={knownLabels} />
          </Form.Item>
          {coPending.length > 0 && (
            <Form.Item label={t('联名确认情况')}>
              <Space wrap>
                {coPending.map((p) => (
                  <Tag key={p.position} color={p.confirmation === 'confirmed' ? 'green' : p.confirmation === 'declined' ? 'default' : 'gold'}>
                    {p.name} · {t(p.confirmation === 'confirmed' ? '已确认' : p.confirmation === 'declined' ? '已拒绝' : '待确认')}
                  </Tag>
                ))}
              </Space>
            </Form.Item>
          )}
          <Form.Item label={t('附件')}>
            <AttachmentsField
              proposalId={saved?.id ?? null}
              status={status}
              attachments={record?.attachments ?? []}
              onChanged={() => void refreshAttachments()}
              pending={pending}
              onAddBeforeSave={addBeforeSave}
              onRemovePending={(f) => setPending(pendingRef.current.filter((x) => x !== f))}
            />
          </Form.Item>
          {!wide && (
            <div data-testid="similar-collapse" style={{ marginBottom: 16 }}>
              <Collapse size="small" items={[{ key: 'similar', label: t('相似提案'), children: similar, forceRender: true }]} />
            </div>
          )}
          <Space wrap>
            <Button onClick={onSave} loading={busy === 'save'} disabled={busy !== null}>
              {returned ? t('保存修改') : t('保存草稿')}
            </Button>
            <Button type="primary" onClick={onSubmit} loading={busy === 'submit'} disabled={busy !== null}>
              {t('提交')}
            </Button>
          </Space>
        </Form>
      </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: wide ? 1320 : 900 }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ padding: 0 }}>
        {t('返回')}
      </Button>
      {wide ? (
        <Row gutter={16} wrap={false} align="top">
          <Col flex="1 1 0" style={{ minWidth: 0 }}>
            {formCard}
          </Col>
          <Col flex="0 0 380px" style={{ position: 'sticky', top: 16 }} data-testid="similar-column">
            {similar}
          </Col>
        </Row>
      ) : (
        formCard
      )}
    </Space>
  );
}

