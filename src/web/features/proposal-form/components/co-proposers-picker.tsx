import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { api, type Page } from '../../../lib/api.js';
import { useT } from '../../../lib/i18n.js';
import '../i18n.js';

interface MemberOption {
  id: number;
  kind: 'proposal' | 'suggestion';
  name: string;
  sector: string | null;
  party: string | null;
}
interface BodyOption {
  id: number;
  name: string;
  kind: string;
}

/** A co-proposer in the picker: 'm12' for member 12, 'b3' for body 3. */
export type ProposerKey = string;
export const proposerKey = (p: { memberId?: number | null; bodyId?: number | null }): ProposerKey => (p.memberId ? `m${p.memberId}` : `b${p.bodyId}`);
export const proposerRef = (k: ProposerKey) => (k.startsWith('m') ? { memberId: Number(k.slice(1)) } : { bodyId: Number(k.slice(1)) });

interface Props {
  id?: string;
  value?: ProposerKey[];
  onChange?: (v: ProposerKey[]) => void;
  /** Members of this kind only (委员 for proposals, 代表 for suggestions); bodies only for proposals. */
  kind: 'proposal' | 'suggestion';
  /** The lead proposer, who cannot co-sign their own proposal. */
  exclude?: ProposerKey;
  /** Names of proposers already on the record, so that the chosen ones show their names. */
  knownLabels?: Record<ProposerKey, string>;
}

/** Search members by name (server side) and bodies (client side) and pick several co-proposers. */
export function CoProposersPicker({ id, value = [], onChange, kind, exclude, knownLabels = {} }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(h);
  }, [search]);
  const members = useQuery({
    queryKey: ['members', 'picker', kind, q],
    queryFn: () => api.get<Page<MemberOption>>('/members', { q: q || undefined, kind, pageSize: 30 }),
    placeholderData: (prev) => prev,
  });
  const bodies = useQuery({ queryKey: ['bodies'], queryFn: () => api.get<BodyOption[]>('/bodies'), enabled: kind === 'proposal' });
  const [labels, setLabels] = useState<Record<ProposerKey, string>>(knownLabels);

  const found = useMemo(() => {
    const m = (members.data?.items ?? []).map((x) => ({
      value: `m${x.id}`,
      label: `${x.name}${x.sector ? `（${x.sector}）` : ''}`,
    }));
    const b =
      kind === 'proposal'
        ? (bodies.data ?? []).filter((x) => !q || x.name.includes(q)).map((x) => ({ value: `b${x.id}`, label: `${x.name}（${t('团体')}）` }))
        : [];
    return [...m, ...b].filter((o) => o.value !== exclude);
  }, [members.data, bodies.data, q, kind, exclude, t]);

  useEffect(() => {
    setLabels((prev) => {
      const next = { ...prev };
      let changed = false;
      for (const o of found) {
        if (next[o.value] !== o.label) {
          next[o.value] = o.label;
          changed = true;
        }
      }
      return changed ? next : prev;
    });
  }, [found]);

  const options = useMemo(() => {
    const seen = new Set(found.map((o) => o.value));
    const chosen = value.filter((v) => !seen.has(v)).map((v) => ({ value: v, label: labels[v] ?? knownLabels[v] ?? v }));
    return [...chosen, ...found];
  }, [found, value, labels, knownLabels]);

  return (
    <Select
      id={id}
      mode="multiple"
      showSearch
      filterOption={false}
      searchValue={search}
      onSearch={setSearch}
      onBlur={() => setSearch('')}
      value={value}
      onChange={(v: ProposerKey[]) => {
        onChange?.(v);
        setSearch('');
      }}
      options={options}
      placeholder={t('输入姓名或团体名称搜索')}
      notFoundContent={members.isFetching ? <Spin size="small" /> : undefined}
      style={{ width: '100%' }}
      allowClear
    />
  );
}
