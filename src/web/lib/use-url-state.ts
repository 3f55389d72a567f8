import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List state (page, page size, sort, filters) kept in the URL, so that a list can be bookmarked,
 * shared and restored with the back button.
 */
export function useUrlState<T extends Record<string, string | undefined>>(defaults: T) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => {
    const out: Record<string, string | undefined> = { ...defaults };
    for (const k of Object.keys(defaults)) {
      const v = params.get(k);
      if (v !== null) out[k] = v;
    }
    for (const [k, v] of params.entries()) if (!(k in out)) out[k] = v;
    return out as T & Record<string, string | undefined>;
  }, [params]);
  const update = useCallback(
    (patch: Record<string, string | number | undefined | null>, resetPage = true) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (resetPage && !('page' in patch)) next.delete('page');
          // A keyset cursor (after=) belongs to the page it was given for: any other change drops it.
          if (!('after' in patch)) next.delete('after');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  return [state, update] as const;
}
