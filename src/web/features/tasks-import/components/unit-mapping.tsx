import { Card, Form, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import type { ImportPreview } from '../../../../shared/schemas/tasks.js';

export type UnitMapping = Record<string, number | 'create'>;
type Unknown = ImportPreview['unknownUnits'][number];

interface Props {
  preview: ImportPreview;
  mapping: UnitMapping;
  errors: Record<string, string>;
  onMap: (name: string, value: number | 'create' | undefined) => void;
}

/**
 * The printed unit names the directory does not hold as written: each is mapped to a unit or
 * created. A short form of one unit (发改局) comes preselected and 新建 maps to that unit anyway;
 * a name close to several must be chosen; names of the file that are one unit make one unit.
 */
export function UnitMappingCard({ preview: p, mapping, errors, onMap }: Props) {
  const { t } = useI18n();
  const units = useQuery({ queryKey: ['units'], queryFn: () => api.get<{ id: number; name: string; active: boolean }[]>('/units'), staleTime: 5 * 60_000 });
  const renamed = p.knownUnits.filter((k) => k.name !== k.unitName);
  const hint = (u: Unknown) => {
    const v = mapping[u.name];
    if (u.match === 'abbreviation' && v === 'create') return t('「{name}」即已有单位「{unit}」，导入时对应到该单位，不会新建', { name: u.name, unit: u.suggestion!.name });
    if (u.match === 'ambiguous') return t('与多个已有单位相近，请选择其一');
    if (v === 'create' && u.sameAs.length) return t('与表中「{others}」为同一单位，只新建一个「{unit}」', { others: u.sameAs.join('、'), unit: u.createAs });
    if (v === 'create' && u.createAs !== u.name) return t('将新建为「{unit}」', { unit: u.createAs });
    return undefined;
  };
  return (
    <Card size="small" title={t('单位名录中没有的责任单位（{n}个）', { n: p.unknownUnits.length })} data-testid="unknown-units">
      <Typography.Paragraph type="secondary">{t('请为每个单位选择对应的已有单位，或选择“新建”将其加入单位名录。简称已预选对应的已有单位；与已有单位相同或为其简称的名称不会新建出重名单位。')}</Typography.Paragraph>
      {renamed.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="renamed-units">
          {t('已按单位名录对应：')}
          {renamed.map((k) => `${k.name} → ${k.unitName}`).join('；')}
        </Typography.Paragraph>
      )}
      <Table<Unknown>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={p.unknownUnits}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('表中名称'),
            key: 'name',
            width: 200,
            render: (_: unknown, u) => (
              <>
                {u.name}
                {u.match === 'abbreviation' && <Tag color="blue" style={{ marginInlineStart: 6 }}>{t('简称')}</Tag>}
                {u.match === 'ambiguous' && <Tag color="orange" style={{ marginInlineStart: 6 }}>{t('多个相近')}</Tag>}
              </>
            ),
          },
          { title: t('所在行'), key: 'rows', width: 120, render: (_: unknown, u) => t('第{rows}行', { rows: u.rows.join('、') }) },
          {
            title: t('对应单位'),
            key: 'map',
            render: (_: unknown, u) => {
              const near = new Set(u.candidates.map((c) => c.unitId));
              const others = (units.data ?? []).filter((x) => x.active && !near.has(x.id));
              return (
                <Form.Item style={{ margin: 0 }} validateStatus={errors[u.name] ? 'error' : undefined} help={errors[u.name] || hint(u)}>
                  <Select
                    showSearch
                    allowClear
                    optionFilterProp="label"
                    aria-label={t('{name}的对应单位', { name: u.name })}
                    data-testid={`map-${u.name}`}
                    placeholder={t('选择对应单位或新建')}
                    style={{ width: '100%', maxWidth: 320 }}
                    value={mapping[u.name]}
                    onChange={(v) => onMap(u.name, v)}
                    options={[
                      // 新建 is refused for a name close to several units: one of them must be chosen.
                      ...(u.match === 'ambiguous' ? [] : [{ value: 'create' as const, label: t('新建「{name}」', { name: u.createAs }) }]),
                      ...u.candidates.map((c) => ({ value: c.unitId, label: t('{name}（相近）', { name: c.name }) })),
                      ...others.map((x) => ({ value: x.id, label: x.name })),
                    ]}
                  />
                </Form.Item>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
