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
import {
  MAX_TASK_FILE_BYTES,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type ImportPreview,
  type ImportResult,
  type TaskList,
  type TaskPeriod,
  type TaskStatus,
} from '../../../../shared/schemas/tasks.js';
import { PreviewView, type UnitMapping } from './preview-view.js';
import '../i18n.js';
import { LinkButton } from '../../../components/link-button.js';

interface ChosenFile {
  name: string;
  base64: string;
}

function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** The messages of a refused file, one per row ("第3行：序号应为2，实际为3"). */
function issuesOf(e: unknown): string[] {
  if (!(e instanceof ApiError)) return [String(e)];
  const d = Array.isArray(e.details) ? (e.details as { message?: string }[]).map((x) => x.message ?? '').filter(Boolean) : [];
  return d.length ? d : [e.message];
}

/** 任务导入 (督查室): choose or create the list, upload the table, check the preview, map unknown units, commit. */
export function TaskImportPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [s] = useUrlState<Record<string, string | undefined>>({});
  const [step, setStep] = useState(0);
  const [listId, setListId] = useState<number | undefined>(s.listId ? Number(s.listId) : undefined);
  const [mode, setMode] = useState<'existing' | 'new'>(s.listId ? 'existing' : 'new');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [periodId, setPeriodId] = useState<number | undefined>();
  const [progressStatus, setProgressStatus] = useState<TaskStatus>('on_track');
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

  const body = () => ({ fileName: file!.name, contentBase64: file!.base64, periodId });

  const runPreview = async () => {
    if (!file || !listId) return;
    setBusy(true);
    setIssues(null);
    try {
      const p = await api.post<ImportPreview>(`/task-lists/${listId}/import/preview`, body());
      setPreview(p);
      // A close match (发改局 → 发展和改革局) is preselected; the rest wait for a choice.
      setMapping(Object.fromEntries(p.unknownUnits.flatMap((u) => (u.suggestion ? [[u.name, u.suggestion.unitId]] : []))));
      setMappingErrors({});
      setStep(2);
    } catch (e) {
      setIssues({ title: e instanceof ApiError ? e.message : t('文件无法导入'), lines: issuesOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const commit = () => {
    if (!preview || !listId) return;
    const missing = preview.unknownUnits.filter((u) => mapping[u.name] === undefined);
    if (missing.length) {
      setMappingErrors(Object.fromEntries(missing.map((u) => [u.name, t('请选择对应单位或新建')])));
      message.error(t('还有{n}个单位未指定对应单位', { n: missing.length }));
      return;
    }
    modal.confirm({
      title: t('确认导入{n}项新任务？', { n: preview.counts.new }),
      content: t('将导入到「{list}」；已存在的{m}项任务将跳过。导入后任务即对责任单位可见。', { list: list?.title ?? '', m: preview.counts.existing }),
      okText: t('确认导入'),
      cancelText: t('取消'),
      onOk: async () => {
        try {
          const r = await api.post<ImportResult>(`/task-lists/${listId}/import/commit`, { ...body(), unitMapping: mapping, progressStatus });
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
          } else showErrors(e);
        }
      },
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/tasks')} style={{ padding: 0 }}>
        {t('返回重点工作')}
      </Button>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('任务导入')}
      </Typography.Title>
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
            {(periods.data?.length ?? 0) > 0 && (
              <Space wrap>
                <span>{t('完成情况列导入为')}</span>
                <Select
                  allowClear
                  aria-label={t('完成情况列导入为')}
                  placeholder={t('不导入完成情况')}
                  style={{ width: 200 }}
                  value={periodId}
                  onChange={setPeriodId}
                  options={(periods.data ?? []).map((p) => ({ value: p.id, label: t('「{label}」牵头单位报告', { label: p.label }) }))}
                />
                {periodId && (
                  <Select
                    aria-label={t('完成状态')}
                    style={{ width: 140 }}
                    value={progressStatus}
                    onChange={setProgressStatus}
                    options={TASK_STATUSES.map((x) => ({ value: x, label: t(TASK_STATUS_LABELS[x]) }))}
                  />
                )}
              </Space>
            )}
            {issues && <IssueList issues={issues} />}
            <Space>
              <Button onClick={() => setStep(0)}>{t('上一步')}</Button>
              <Button type="primary" disabled={!file} loading={busy} onClick={() => void runPreview()} data-testid="run-preview">
                {t('预览')}
              </Button>
            </Space>
          </Space>
        </Card>
      )}
      {step === 2 && preview && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <PreviewView preview={preview} mapping={mapping} errors={mappingErrors} onMap={(name, v) => {
            setMapping((m) => {
              const next = { ...m };
              if (v === undefined) delete next[name];
              else next[name] = v;
              return next;
            });
            setMappingErrors((m) => ({ ...m, [name]: '' }));
          }} />
          {issues && <IssueList issues={issues} />}
          <Space>
            <Button onClick={() => setStep(1)}>{t('上一步')}</Button>
            <Button type="primary" onClick={commit} disabled={preview.counts.new === 0} data-testid="commit-import">
              {t('确认导入')}
            </Button>
            {preview.counts.new === 0 && <Typography.Text type="secondary">{t('表中任务均已存在，无需导入')}</Typography.Text>}
          </Space>
        </Space>
      )}
      {step === 3 && result && (
        <Card>
          <Result
            status="success"
            title={t('导入完成')}
            subTitle={<span data-testid="import-result">{t('新建任务{a}项，跳过已有任务{b}项，新建单位{c}个，量化指标{d}项，导入完成情况{e}条（跳过{f}条）', { a: result.created, b: result.skipped, c: result.unitsCreated, d: result.targetsCreated, e: result.reportsCreated, f: result.reportsSkipped })}</span>}
            extra={[
              <LinkButton key="view" to={`/tasks?listId=${listId}`} type="primary">{t('查看任务清单')}</LinkButton>,
              <LinkButton key="periods" to={`/tasks?listId=${listId}&tab=periods`}>{t('开启报告期')}</LinkButton>,
            ]}
          >
            {result.note && <Alert type="info" showIcon message={result.note} />}
          </Result>
        </Card>
      )}
    </Space>
  );
}

function IssueList({ issues }: { issues: { title: string; lines: string[] } }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-errors"
      message={issues.title}
      description={
        <div>
          <Typography.Text>{t('请修改文件后重新上传，未导入任何内容。')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {issues.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
      }
    />
  );
}
