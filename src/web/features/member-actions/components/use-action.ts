import { useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import { useServerErrors } from '../../../components/use-server-errors.js';
import type { FormInstance } from 'antd';
import type { ProposalSummary } from '../../../../shared/schemas/proposal.js';

/**
 * Posts a member action, then refreshes the lists and the bell and tells the page it is done.
 * A stale version keeps the dialog open with what the user typed; "reload" closes it so that the
 * page shows the current record.
 */
export function useMemberAction(proposalId: number, onDone: () => void, onClose: () => void, form?: FormInstance) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const showErrors = useServerErrors(form, () => {
    void qc.invalidateQueries({ queryKey: ['proposal', String(proposalId)] });
    onClose();
  });
  const run = async (path: string, body: unknown, success: (r: ProposalSummary) => string) => {
    setBusy(true);
    try {
      const r = await api.post<ProposalSummary>(`/proposals/${proposalId}/${path}`, body);
      message.success(success(r));
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['proposals'] }),
        qc.invalidateQueries({ queryKey: ['proposal', String(proposalId)] }),
        qc.invalidateQueries({ queryKey: ['notifications'] }),
      ]);
      onDone();
      return true;
    } catch (e) {
      showErrors(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
