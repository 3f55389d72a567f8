import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, Form, Input, InputNumber, Radio, Result, Select, Space, Steps, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import { today } from '../../../lib/clock.js';
import { MAX_TASK_FILE_BYTES, type ImportPreview, type ImportResult, type TaskList, type TaskPeriod, type TaskStatus } from '../../../../shared/schemas/tasks.js';
import { PreviewSummary, PreviewTasks, type TargetDrafts } from './preview-view.js';
import { UnitMappingCard, type UnitMapping } from './unit-mapping.js';
import { ProgressChoiceCard, type ProgressChoice } from './progress-choice.js';
import '../i18n.js';
import { LinkButton } from '../../../components/link-button.js';
import { DownloadButton } from '../../../components/download-button.js';
import { IssueList, issuesOf, readBase64 } from './issue-list.js';
import { JobFailedError, JobProgress, useBackgroundJob } from '../../../components/job-button.js';
import { PageTitle } from '../../../components/page-title.js';

interface ChosenFile {
  name: string;
  base64: string;
}

/** 任务导入 (督查室): choose or create the list, upload the table, check the preview, map unknown units, commit. */
export function TaskImportPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [s] = useUrlState<Record<string, string | undefined>>({});
  const [step, setStep] = useState(0);
  // The commit runs on the server's queue: a large table takes a while, and its progress shows.
  const importJob = useBackgroundJob();
  const [listId, setListId] = useState<number | undefined>(s.listId ? Number(s.listId) : undefined);
  const [mode, setMode] = useState<'existing' | 'new'>(s.listId ? 'existing' : 'new');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [periodId, setPeriodId] = useState<number | undefined>();
  const [progressStatus, setProgressStatus] = useState<TaskStatus>('on_track');
  const [progressChoice, setProgressChoice] = useState<ProgressChoice | undefined>();
  // Set once the user tried to commit: from then on, what still blocks the import shows live.
  const [tried, setTried] = useState(false);
  const [targets, setTargets] = useState<TargetDrafts>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [issues, setIssues] = useState<{ title: string; lines: string[] } | null>(null);
  const [mapping, setMapping] = useState<UnitMapping>({});
  const [mappingErrors, setMappingErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [listForm] = Form.useForm<{ title: string; year: number }>();
  const showErrors = useServerErrors(listForm);

  const lists = useQuery({ queryKey: ['tasks', 'lists'], queryFn: async () => (await api.get<{ items: TaskList[] }>('/task-lists')).items });
  const periods = useQuery({
    queryKey: ['tasks', 'periods', listId],
    queryFn: async () => (await api.get<{ items: TaskPeriod[] }>(`/task-lists/${listId}/periods`)).items,
    enabled: listId !== undefined,
  });
  const list = lists.data?.find((l) => l.id === listId);

  useEffect(() => {
    document.title = t('任务导入');
  }, [t]);

  const chooseList = async () => {
    if (mode === 'existing') {
      if (!listId) {
        message.error(t('请选择任务清单'));
        return;
      }
      setStep(1);
      return;
    }
    const v = await listForm.validateFields();
    setBusy(true);
    try {
      const created = await api.post<TaskList>('/task-lists', { title: v.title.trim(), year: v.year });
      await qc.invalidateQueries({ queryKey: ['tasks'] });
      setListId(created.id);
      setMode('existing');
      setStep(1);
    } catch (e) {
      showErrors(e);
    } finally {
      setBusy(false);
    }
  };

  const body = (period: number | undefined) => ({ fileName: file!.name, contentBase64: file!.base64, ...(period ? { periodId: period } : {}) });

  /**
   * Reads the file on the server. From the upload step the choices start afresh (units preselected
   * where a name stands for one unit, targets as read); later, for another period, they are kept.
   */
  const runPreview = async (period: number | undefined, fresh: boolean) => {
    if (!file || !listId) return;
    setBusy(true);
    setIssues(null);
    try {
      const p = await api.post<ImportPreview>(`/task-lists/${listId}/import/preview`, body(period));
      setPreview(p);
      if (fresh) {
        setMapping(Object.fromEntries(p.unknownUnits.flatMap((u) => (u.match === 'abbreviation' && u.suggestion ? [[u.name, u.suggestion.unitId]] : []))));
        setMappingErrors({});
        setTargets(Object.fromEntries(p.tasks.filter((x) => !x.exists).map((x) => [x.row, x.targets])));
        setProgressChoice(undefined);
        setTried(false);
        setPeriodId(undefined);
        setStep(2);
      }
    } catch (e) {
      setIssues({ title: e instanceof ApiError ? e.message : t('文件无法导入'), lines: issuesOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const chooseProgress = (c: ProgressChoice) => {
    setProgressChoice(c);
    // Only a chosen period imports progress; anything else previews without one.
    const next = c === 'period' ? periodId : undefined;
    if (c !== 'open' && (preview?.progress.period?.id ?? undefined) !== next) void runPreview(next, false);
  };
  const choosePeriod = (id: number | undefined) => {
    setPeriodId(id);
    void runPreview(id, false);
  };
  const periodOpened = async (p: TaskPeriod) => {
    await qc.invalidateQueries({ queryKey: ['tasks', 'periods', listId] });
    setProgressChoice('period');
    setPeriodId(p.id);
    await runPreview(p.id, false);
  };

  const setAllUncertain = (accept: boolean) =>
    setTargets((all) =>
      Object.fromEntries(Object.entries(all).map(([row, list]) => [row, list.flatMap((x) => (!x.uncertain ? [x] : accept ? [{ ...x, uncertain: false, reason: null }] : []))])),
    );

  // What still blocks the commit: units to map, targets to decide, the progress column's fate.
  const missingUnits = preview ? preview.unknownUnits.filter((u) => mapping[u.name] === undefined) : [];
  const waitingTargets = Object.values(targets).flat().filter((x) => x.uncertain).length;
  const progressOwed = !!preview && preview.counts.withProgress > 0 && (progressChoice === undefined || progressChoice === 'open' || (progressChoice === 'period' && !periodId));
  const blocking = [
    ...(missingUnits.length ? [t('还有{n}个单位未指定对应单位', { n: missingUnits.length })] : []),
    ...(waitingTargets ? [t('还有{n}项量化指标待确认：请接受、修改或舍弃', { n: waitingTargets })] : []),
    ...(progressOwed ? [t('请选择完成情况的处理方式')] : []),
  ];
  const unitErrors = { ...(tried ? Object.fromEntries(missingUnits.map((u) => [u.name, t('请选择对应单位或新建')])) : {}), ...mappingErrors };

  const commit = () => {
    if (!preview || !listId) return;
    setTried(true);
    if (blocking.length) {
      message.error(blocking[0]!);
      return;
    }
    setIssues(null);
    const period = progressChoice === 'period' ? periodId : undefined;
    const pr = preview.progress;
    modal.confirm({
      title: t('确认导入{n}项新任务？', { n: preview.counts.new }),
      content: (
        <ul style={{ paddingLeft: 20, margin: 0 }}>
          <li>{t('将导入到「{list}」；已存在的{m}项任务将跳过。导入后任务即对责任单位可见。', { list: list?.title ?? '', m: preview.counts.existing })}</li>
          {preview.counts.withProgress > 0 && (
            <li>
              {pr.period
                ? t('完成情况{a}条导入到「{period}」，生成{r}份牵头单位报告。', { a: pr.import, period: pr.period.label, r: pr.reports })
                : t('完成情况{n}条不导入。', { n: preview.counts.withProgress })}
            </li>
          )}
        </ul>
      ),
      okText: t('确认导入'),
      cancelText: t('取消'),
      onOk: async () => {
        try {
          const chosen = Object.fromEntries(Object.entries(targets).map(([row, list]) => [row, list.map(({ label, targetValue, unit }) => ({ label, targetValue, unit }))]));
          const job = await importJob.run({ kind: 'task-import', listId, commit: { ...body(period), unitMapping: mapping, progressStatus, targets: chosen } }).catch((e: unknown) => {
            // A refused import comes back as a failed job with the server's field messages.
            const r = e instanceof JobFailedError ? (e.job.result as { code?: string; details?: unknown } | null) : null;
            if (e instanceof JobFailedError && r?.code === 'VALIDATION_FAILED') throw new ApiError(400, 'VALIDATION_FAILED', e.message, r.details);
            throw e;
          });
          const r = job.result as ImportResult;
          setResult(r);
          setStep(3);
          await qc.invalidateQueries({ queryKey: ['tasks'] });
          void qc.invalidateQueries({ queryKey: ['units'] });
        } catch (e) {
          if (e instanceof ApiError && e.status === 400) {
            const fields = e.fieldErrors();
            const byUnit = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith('unitMapping.')).map(([k, v]) => [k.slice('unitMapping.'.length), v]));
            setMappingErrors(byUnit);
            setIssues({ title: e.message, lines: issuesOf(e) });
          } else if (e instanceof ApiError) setIssues({ title: e.message, lines: [] });
          else showErrors(e);
        }
      },
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/tasks')} style={{ padding: 0 }}>
        {t('返回重点工作')}
      </Button>
      {/* The template from the first step on: an office prepares the table before it picks the list. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <PageTitle style={{ margin: 0 }}>
          {t('任务导入')}
        </PageTitle>
        <DownloadButton path="/task-lists/import-template" fallbackName="重点工作任务导入模板.xlsx" data-testid="download-template-header">
          {t('下载模板')}
        </DownloadButton>
      </div>
      <Card size="small">
        <Steps current={step} size="small" items={[{ title: t('选择清单') }, { title: t('上传文件') }, { title: t('预览核对') }, { title: t('完成') }]} />
      </Card>
      {step === 0 && (
        <Card title={t('导入到哪个任务清单')}>
          <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 560 }}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'existing' | 'new')} options={[{ value: 'new', label: t('新建清单') }, { value: 'existing', label: t('已有清单') }]} />
            {mode === 'existing' ? (
              <Select
                aria-label={t('任务清单')}
                placeholder={t('选择任务清单')}
                style={{ width: '100%' }}
                loading={lists.isLoading}
                value={listId}
                onChange={setListId}
                options={(lists.data ?? []).map((l) => ({ value: l.id, label: `${l.title}（${l.taskCount}${t('项')}）` }))}
              />
            ) : (
              <Form form={listForm} layout="vertical" initialValues={{ year: today().year() }} data-testid="new-list-form">
                <Form.Item name="title" label={t('清单名称')} rules={[{ required: true, whitespace: true, message: t('请填写清单名称') }, { max: 200, message: t('清单名称不能超过200字') }]}>
                  <Input placeholder={t('如：2026年政府工作报告重点工作任务')} maxLength={200} />
                </Form.Item>
                <Form.Item name="year" label={t('年度')} rules={[{ required: true, message: t('请填写年度') }, { type: 'number', min: 2000, max: 2100, message: t('年度无效') }]}>
                  <InputNumber precision={0} style={{ width: 160 }} />
                </Form.Item>
              </Form>
            )}
            <Button type="primary" loading={busy} onClick={() => void chooseList().catch(() => undefined)}>
              {t('下一步')}
            </Button>
          </Space>
        </Card>
      )}
      {step === 1 && (
        <Card title={t('上传任务表：{list}', { list: list?.title ?? '' })}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('表格列为：分管市长 | 序号 | 主要工作任务 | 完成情况（可无） | 责任单位。分管市长只写在每组第一行，序号每组从1开始，★标注牵头单位。支持 .xlsx 表格或竖线分隔的 .txt 文本，最大10MB。')}
            </Typography.Text>
            <div>
              <DownloadButton path="/task-lists/import-template" fallbackName="重点工作任务导入模板.xlsx" data-testid="download-template">
                {t('下载导入模板（.xlsx）')}
              </DownloadButton>
            </div>
            <Upload.Dragger
              accept=".xlsx,.txt"
              maxCount={1}
              data-testid="task-file"
              fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              onRemove={() => {
                setFile(null);
                setIssues(null);
              }}
              beforeUpload={async (f) => {
                setIssues(null);
                if (!/\.(xlsx|txt)$/i.test(f.name)) {
                  setIssues({ title: t('文件类型不支持'), lines: [t('只支持 .xlsx 表格或竖线分隔的文本（.txt）')] });
                  return Upload.LIST_IGNORE;
                }
                if (f.size > MAX_TASK_FILE_BYTES) {
                  setIssues({ title: t('文件过大'), lines: [t('文件不能超过10MB')] });
                  return Upload.LIST_IGNORE;
                }
                setFile({ name: f.name, base64: await readBase64(f) });
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('点击或拖拽文件到此处')}</p>
            </Upload.Dragger>
            {issues && <IssueList issues={issues} />}
            <Space>
              <Button onClick={() => setStep(0)}>{t('上一步')}</Button>
              <Button type="primary" disabled={!file} loading={busy} onClick={() => void runPreview(undefined, true)} data-testid="run-preview">
                {t('预览')}
              </Button>
            </Space>
          </Space>
        </Card>
      )}
      {step === 2 && preview && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <PreviewSummary preview={preview} targets={targets} />
          {preview.counts.withProgress > 0 && (
            <ProgressChoiceCard
              preview={preview}
              list={list}
              periods={periods.data ?? []}
              choice={progressChoice}
              periodId={periodId}
              status={progressStatus}
              error={tried && progressOwed ? t('请选择完成情况的处理方式：导入到报告期，或不导入') : undefined}
              onChoice={chooseProgress}
              onPeriod={choosePeriod}
              onStatus={setProgressStatus}
              onOpened={(p) => void periodOpened(p)}
            />
          )}
          {preview.unknownUnits.length > 0 && (
            <UnitMappingCard
              preview={preview}
              mapping={mapping}
              errors={unitErrors}
              onMap={(name, v) => {
                setMapping((m) => {
                  const next = { ...m };
                  if (v === undefined) delete next[name];
                  else next[name] = v;
                  return next;
                });
                setMappingErrors((m) => {
                  const next = { ...m };
                  delete next[name];
                  return next;
                });
              }}
            />
          )}
          <PreviewTasks preview={preview} targets={targets} onTargets={(row, next) => setTargets((all) => ({ ...all, [row]: next }))} onAllUncertain={setAllUncertain} />
          {tried && blocking.length > 0 && <IssueList issues={{ title: t('还不能导入'), lines: blocking }} fixInPreview />}
          {issues && <IssueList issues={issues} fixInPreview />}
          <Space wrap>
            <Button onClick={() => setStep(1)}>{t('上一步')}</Button>
            <Button type="primary" onClick={commit} loading={busy || importJob.running} disabled={preview.counts.new === 0 && preview.progress.import === 0} data-testid="commit-import">
              {t('确认导入')}
            </Button>
            {importJob.running && <JobProgress job={importJob.job} />}
            {preview.counts.new === 0 && preview.progress.import === 0 && <Typography.Text type="secondary">{t('表中任务均已存在，无需导入')}</Typography.Text>}
          </Space>
        </Space>
      )}
      {step === 3 && result && (
        <Card>
          <Result
            status="success"
            title={t('导入完成')}
            subTitle={<span data-testid="import-result">{t('新建任务{a}项，跳过已有任务{b}项，新建单位{c}个，量化指标{d}项，{g}项任务导入完成情况（牵头单位报告{e}份，已有{f}份未覆盖）', { a: result.created, b: result.skipped, c: result.unitsCreated, d: result.targetsCreated, g: result.progressTasks, e: result.reportsCreated, f: result.reportsSkipped })}</span>}
            extra={[
              <LinkButton key="view" to={`/tasks?listId=${listId}`} type="primary">{t('查看任务清单')}</LinkButton>,
              <LinkButton key="periods" to={`/tasks?listId=${listId}&tab=periods`}>{t('开启报告期')}</LinkButton>,
            ]}
          >
            <Space direction="vertical" style={{ width: '100%' }}>
              {result.note && <Alert type="info" showIcon message={result.note} />}
              {result.unitsMatched.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  data-testid="units-matched"
                  message={t('以下单位已对应到单位名录中的已有单位，未新建：{list}', { list: result.unitsMatched.map((m) => `${m.name} → ${m.unitName}`).join('；') })}
                />
              )}
            </Space>
          </Result>
        </Card>
      )}
    </Space>
  );
}
