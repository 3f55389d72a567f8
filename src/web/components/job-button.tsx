import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Button, Progress, Space, Typography, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { CreateJobBody, JobOut } from '../../shared/schemas/jobs.js';
import { api } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import { downloadFile } from './download-button.js';

const POLL_MS = 700;

/** A job the server gave up on, with its reason (and, for a refused import, the field messages in `job.result`). */
export class JobFailedError extends Error {
  constructor(readonly job: JobOut) {
    super(job.error ?? '处理失败，请稍后重试');
  }
}

/**
 * Runs a heavy request on the server's queue (POST /jobs) and follows it (GET /jobs/:id) until it
 * is done: the progress and what the server is doing show beside the button, the file is saved
 * when there is one, and `onDone` receives the job (an import's counts are in `result`).
 */
export function useBackgroundJob() {
  const [job, setJob] = useState<JobOut | null>(null);
  const [running, setRunning] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = async (body: CreateJobBody): Promise<JobOut> => {
    setRunning(true);
    try {
      let j = await api.post<JobOut>('/jobs', body);
      setJob(j);
      while (alive.current && (j.status === 'queued' || j.status === 'running')) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        j = await api.get<JobOut>(`/jobs/${j.id}`);
        if (alive.current) setJob(j);
      }
      if (j.status === 'failed') throw new JobFailedError(j);
      if (j.status === 'done' && j.fileName) await downloadFile(`/jobs/${j.id}/file`, undefined, j.fileName);
      return j;
    } finally {
      if (alive.current) setRunning(false);
    }
  };
  return { job, running, run };
}

/** The job's progress in one line: a small bar and the server's words (正在编排第200件). */
export function JobProgress({ job }: { job: JobOut | null }) {
  const { t } = useI18n();
  if (!job || job.status === 'done' || job.status === 'failed') return null;
  return (
    <Space size={6} data-testid="job-progress" style={{ minWidth: 160 }}>
      <Progress percent={job.progress} size="small" style={{ width: 90, margin: 0 }} showInfo={false} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {job.stage ? t(job.stage) : t('排队中')} {job.progress}%
      </Typography.Text>
    </Space>
  );
}

interface Props extends Omit<ButtonProps, 'onClick' | 'loading' | 'href'> {
  job: CreateJobBody;
  onDone?: (job: JobOut) => void;
  children: ReactNode;
}

/** A download button for files the server makes on its queue (documents, large exports), with progress. */
export function JobButton({ job: body, onDone, children, icon, ...rest }: Props) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const { job, running, run } = useBackgroundJob();
  const start = async () => {
    try {
      onDone?.(await run(body));
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('下载失败'));
    }
  };
  return (
    <Space size={8} wrap>
      <Button {...rest} icon={icon ?? <DownloadOutlined />} loading={running} onClick={() => void start()}>
        {children}
      </Button>
      {running && <JobProgress job={job} />}
    </Space>
  );
}
