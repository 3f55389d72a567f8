import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api.js';
import type { ReplyDraft, ReplyDraftBody } from '../../../../shared/schemas/handling-aids.js';

/** How long the editor waits after the last keystroke before saving the draft. */
const DEBOUNCE_MS = 1200;

export type DraftFields = Omit<ReplyDraftBody, 'version'>;

/**
 * The reply draft kept on the server (PUT/GET /proposals/:id/reply-draft): loaded once when the
 * form opens, saved a moment after each change, with the draft's version so that a second window
 * does not overwrite the first. `savedAt` is the time of the last save, shown as 「草稿已保存 hh:mm」.
 */
export function useReplyDraft(proposalId: number) {
  const loaded = useQuery({
    queryKey: ['reply-draft', proposalId],
    queryFn: () => api.get<{ draft: ReplyDraft | null }>(`/proposals/${proposalId}/reply-draft`),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const version = useRef<number | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<DraftFields | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'conflict' | 'failed'>('idle');

  useEffect(() => {
    const d = loaded.data?.draft;
    if (d) {
      version.current = d.version;
      setSavedAt(d.updatedAt);
    }
  }, [loaded.data]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const fields = pending.current;
    if (!fields) return;
    pending.current = null;
    setState('saving');
    try {
      const r = await api.put<{ draft: ReplyDraft }>(`/proposals/${proposalId}/reply-draft`, { ...fields, version: version.current });
      version.current = r.draft.version;
      setSavedAt(r.draft.updatedAt);
      setState('saved');
    } catch (e) {
      // Saved meanwhile in another window: take its version, the next change saves over it knowingly.
      if (e instanceof ApiError && e.isConflict) {
        const fresh = await api.get<{ draft: ReplyDraft | null }>(`/proposals/${proposalId}/reply-draft`).catch(() => null);
        version.current = fresh?.draft?.version;
        setState('conflict');
      } else setState('failed');
    }
  }, [proposalId]);

  const save = useCallback(
    (fields: DraftFields) => {
      pending.current = fields;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  /** Forgets the unsaved change (the reply is being sent: it deletes the draft). */
  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }, []);

  // Closing the drawer saves what was typed last.
  useEffect(() => () => void flush(), [flush]);

  return { loading: loaded.isLoading, draft: loaded.data?.draft ?? null, loadFailed: loaded.isError, save, flush, cancel, savedAt, state };
}
