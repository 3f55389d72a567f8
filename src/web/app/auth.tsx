import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../shared/schemas/auth.js';
import { api, ApiError, onUnauthenticated, setCsrfToken } from '../lib/api.js';
import type { Role } from '../../shared/roles.js';

interface AuthState {
  me: Me | null;
  loading: boolean;
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const meQuery = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api.get<Me>('/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => onUnauthenticated(() => qc.setQueryData(['me'], null)), [qc]);
  const value: AuthState = {
    me: meQuery.data ?? null,
    loading: meQuery.isLoading,
    signedIn: (me) => {
      setCsrfToken(me.csrfToken);
      // Drop the previous user's data but keep the 'me' query: clearing it would detach the
      // AuthProvider's observer, which would then keep answering null.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(['me'], me);
    },
    signOut: async () => {
      await api.post('/auth/logout').catch(() => undefined);
      setCsrfToken(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      qc.setQueryData(['me'], null);
    },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user; only for pages under the signed-in layout. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

export const hasAnyRole = (me: Me | null, ...roles: Role[]) => !!me && roles.some((r) => me.roles.includes(r));
