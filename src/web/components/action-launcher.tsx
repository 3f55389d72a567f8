import { Suspense, useCallback, useState, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Spin } from 'antd';
import { api } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import { ACTION_LABELS, type Action } from '../../shared/lifecycle.js';
import type { ProposalDetail } from '../../shared/schemas/proposal-reads.js';
import type { ActionFormProps } from './action-form.js';
import { useServerErrors } from './use-server-errors.js';

type Forms = Partial<Record<Action, LazyExoticComponent<ComponentType<ActionFormProps>>>>;

interface Open {
  proposal: ProposalDetail;
  action: Action;
}

/**
 * Opens a lifecycle action's form from a list (inbox, deadline board, objections) rather than the
 * proposal page: loads the proposal's detail first (the form needs its version and assignments),
 * checks the server still offers the action, then renders the registered form. Pass the forms of
 * app/action-forms.tsx. `prepare` may narrow the detail the form sees (one objection of several).
 */
export function useActionLauncher(forms: Forms, onDone?: () => void) {
  const qc = useQueryClient();
  const { t } = useI18n();
  const { message } = App.useApp();
  const showErrors = useServerErrors();
  const [open, setOpen] = useState<Open | null>(null);
  const [loading, setLoading] = useState<string | null>(null);

  const launch = useCallback(
    async (id: number, action: Action, prepare?: (p: ProposalDetail) => ProposalDetail) => {
      setLoading(`${id}:${action}`);
      try {
        const p = await qc.fetchQuery({ queryKey: ['proposal', String(id)], queryFn: () => api.get<ProposalDetail>(`/proposals/${id}`), staleTime: 0 });
        if (!p.availableActions.includes(action)) {
          message.warning(t('当前不能执行「{action}」，请刷新后查看', { action: t(ACTION_LABELS[action]) }));
          await qc.invalidateQueries({ queryKey: ['proposals'] });
          return;
        }
        setOpen({ proposal: prepare ? prepare(p) : p, action });
      } catch (e) {
        showErrors(e);
      } finally {
        setLoading(null);
      }
    },
    [qc, message, t, showErrors],
  );

  const Form = open ? forms[open.action] : undefined;
  const element: ReactNode =
    open && Form ? (
      <Suspense fallback={<Spin fullscreen />}>
        <Form
          proposal={open.proposal}
          action={open.action}
          onClose={() => setOpen(null)}
          onDone={() => {
            const id = String(open.proposal.id);
            setOpen(null);
            void qc.invalidateQueries({ queryKey: ['proposals'] });
            void qc.invalidateQueries({ queryKey: ['proposal', id] });
            onDone?.();
          }}
        />
      </Suspense>
    ) : null;

  return { launch, element, isLoading: (id: number, action: Action) => loading === `${id}:${action}` };
}
