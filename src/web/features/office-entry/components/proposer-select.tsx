import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api, type Page } from '../../../lib/api.js';
import { useT } from '../../../lib/i18n.js';
import '../i18n.js';

interface MemberOption {
  id: number;
  name: string;
  sector: string | null;
}
interface BodyOption {
  id: number;
  name: string;
}

/** 'm12' for member 12, 'b3' for body 3. */
export type ProposerKey = string;
export const refOf = (k: ProposerKey) => (k.startsWith('m') ? { memberId: Number(k.slice(1)) } : { bodyId: Number(k.slice(1)) });

interface Props {
  id?: string;
  value?: ProposerKey;
  onChange?: (v: ProposerKey | undefined) => void;
  /** 委员 for 提案, 代表 for 建议; bodies propose only in the CPPCC. */
  kind: 'proposal' | 'suggestion';
  withBodies: boolean;
  exclude?: ProposerKey[];
  placeholder?: string;
  'aria-label'?: string;
}

/** One proposer: members searched by name on the server, bodies from the tenant's list. */
export function ProposerSelect({ id, value, onChange, kind, withBodies, exclude = [], placeholder, ...rest }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(h);
  }, [search]);
  const members = useQuery({
    queryKey: ['members', 'office-entry', kind, q],
    queryFn: () => api.get<Page<MemberOption>>('/members', { q: q || undefined, kind, pageSize: 30 }),
    placeholderData: (prev) => prev,
  });
  const bodies = useQuery({ queryKey: ['bodies'], queryFn: () => api.get<BodyOption[]>('/bodies'), enabled: withBodies });
  const [labels, setLabels] = useState<Record<string, string>>({});
  const options = useMemo(() => {
    const m = (members.data?.items ?? []).map((x) => ({ value: `m${x.id}`, label: `${x.name}${x.sector ? `（${x.sector}）` : ''}` }));
    const b = withBodies ? (bodies.data ?? []).filter((x) => !q || x.name.includes(q)).map((x) => ({ value: `b${x.id}`, label: `${x.name}（${t('团体')}）` })) : [];
    return [...m, ...b].filter((o) => !exclude.includes(o.value) || o.value === value);
  }, [members.data, bodies.data, q, withBodies, exclude, value, t]);
  useEffect(() => {
    setLabels((prev) => {
      const next = { ...prev };
      for (const o of options) next[o.value] = o.label;
      return next;
    });
  }, [options]);
  // The chosen one stays labelled when a later search no longer lists it.
  const shown = value && !options.some((o) => o.value === value) ? [{ value, label: labels[value] ?? value }, ...options] : options;
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      showSearch
      allowClear
      filterOption={false}
      value={value}
      placeholder={placeholder ?? t('输入姓名搜索')}
      onSearch={setSearch}
      onChange={(v) => {
        setSearch('');
        onChange?.(v);
      }}
      loading={members.isFetching}
      options={shown}
      style={{ width: '100%' }}
      notFoundContent={t('没有找到')}
    />
  );
}
