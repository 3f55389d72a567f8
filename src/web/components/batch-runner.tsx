import { useCallback, useRef, useState, type ReactNode } from 'react';
import { App, Modal, Progress, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, newIdempotencyKey } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import type { BatchProgress, BatchResult } from '../../shared/schemas/office.js';

interface Running {
  title: string;
  done: number;
  total: number;
}

/**
 * Runs a batch (批量立案 / 公开 / 催办 / 签收) as one request with an Idempotency-Key, and shows
 * its progress read under that key while the server's one transaction runs. A refusal means
 * nothing was saved: the server's message names the proposal, and the lists are reloaded.
 */
export function useBatchRunner() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const [running, setRunning] = useState<Running | null>(null);
  const stopped = useRef(true);

  const run = useCallback(
    async (opts: { title: string; path: string; body: { items: unknown[] } & Record<string, unknown> }): Promise<BatchResult | null> => {
      const key = newIdempotencyKey();
      const total = opts.body.items.length;
      setRunning({ title: opts.title, done: 0, total });
      stopped.current = false;
      const poll = async () => {
        while (!stopped.current) {
          await new Promise((r) => setTimeout(r, 500));
          if (stopped.current) return;
          try {
            const p = await api.get<BatchProgress>(`/batch-progress/${key}`);
            if (!stopped.current) setRunning((s) => (s ? { ...s, done: p.done, total: p.total || s.total } : s));
          } catch {
            // Not started yet, or served by another process: keep showing the batch as running.
          }
        }
      };
      void poll();
      try {
        const r = await api.post<BatchResult>(opts.path, opts.body, { idempotencyKey: key });
        return r;
      } catch (e) {
        modal.error({
          title: t('{title}未完成，未保存任何更改', { title: opts.title }),
          content: e instanceof ApiError ? e.message : String(e),
          okText: t('知道了'),
        });
        return null;
      } finally {
        stopped.current = true;
        setRunning(null);
        void qc.invalidateQueries({ queryKey: ['proposals'] });
        void qc.invalidateQueries({ queryKey: ['proposal'] });
        void qc.invalidateQueries({ queryKey: ['notifications'] });
      }
    },
    [modal, qc, t],
  );

  const element: ReactNode = running ? (
    <Modal open closable={false} maskClosable={false} footer={null} title={running.title} destroyOnHidden>
      <div data-testid="batch-progress">
        <Progress percent={running.total ? Math.round((running.done * 100) / running.total) : 0} status="active" />
        <Typography.Text type="secondary">
          {t('正在处理，已完成{done}/{total}件。全部成功才会保存，请勿关闭页面。', { done: running.done, total: running.total })}
        </Typography.Text>
      </div>
    </Modal>
  ) : null;

  return { run, element, busy: running !== null };
}
