import { useCallback, useState } from 'react';
import { App, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useServerErrors } from './use-server-errors.js';

/**
 * The submit step of a lifecycle action form: `busy` while the request runs, server errors next to
 * the fields (a stale version as "reload", keeping the user's text), and on success a message, the
 * lists and notifications refreshed and onDone.
 */
export function useActionRunner(proposalId: number, form: FormInstance | undefined, onDone: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const showErrors = useServerErrors(form, () => void qc.invalidateQueries({ queryKey: ['proposal', String(proposalId)] }));
  const run = useCallback(
    async (fn: () => Promise<unknown>, success: string) => {
      setBusy(true);
      try {
        await fn();
        message.success(success);
        void qc.invalidateQueries({ queryKey: ['proposals'] });
        void qc.invalidateQueries({ queryKey: ['notifications'] });
        onDone();
      } catch (e) {
        showErrors(e);
      } finally {
        setBusy(false);
      }
    },
    [message, qc, onDone, showErrors],
  );
  return { busy, run };
}
