import { useQuery } from '@tanstack/react-query';
import { Form, Radio, Select, type FormInstance } from 'antd';
import { api } from '../lib/api.js';
import { extendEnglish, useI18n } from '../lib/i18n.js';
import { ASSIGNMENT_MODES, UNIT_KINDS, type AssignmentMode, type UnitKind } from '../../shared/domain.js';

extendEnglish({
  交办方式: 'Assignment mode',
  请选择交办方式: 'Choose the assignment mode',
  主办: 'Lead unit only',
  '主办+会办': 'Lead + co-units',
  分办: 'Separate units',
  主办单位: 'Lead unit',
  会办单位: 'Co-handling units',
  分办单位: 'Separate units',
  请选择主办单位: 'Choose the lead unit',
  请选择会办单位: 'Choose the co-handling units',
  请选择分办单位: 'Choose the units',
  '主办会办须选择至少一个会办单位': 'Choose at least one co-handling unit',
  '分办须选择至少两个承办单位': 'Choose at least two units',
  '会办单位不能包含主办单位': 'A co-unit cannot also be the lead unit',
  '输入单位名称搜索': 'Type to search units',
  '由一个单位主办答复': 'One unit handles and replies',
  '主办单位答复，会办单位向主办单位提出会办意见': 'The lead unit replies; co-units send their opinion to it',
  '各单位分别办理、分别答复': 'Each unit handles and replies separately',
});

export interface UnitOption {
  id: number;
  name: string;
  kind: UnitKind;
  active: boolean;
}

export interface AssignUnitsValues {
  mode: AssignmentMode;
  leadUnitId?: number;
  coUnitIds?: number[];
  separateUnitIds?: number[];
}

/** The units, for every form that picks one (cached for the session). */
export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => api.get<UnitOption[]>('/units'), staleTime: 5 * 60_000 });
}

/** The request body's unit part for a mode: only the fields that mode uses. */
export function unitsPayload(v: AssignUnitsValues) {
  if (v.mode === 'separate') return { mode: v.mode, coUnitIds: [], separateUnitIds: v.separateUnitIds ?? [] };
  return { mode: v.mode, leadUnitId: v.leadUnitId, coUnitIds: v.mode === 'joint' ? (v.coUnitIds ?? []) : [], separateUnitIds: [] };
}

/** Names of the units a payload names, in order: lead first. */
export function describeUnits(v: AssignUnitsValues, units: UnitOption[] | undefined) {
  const name = (id: number | undefined) => units?.find((u) => u.id === id)?.name ?? String(id ?? '');
  if (v.mode === 'separate') return { lead: null, others: (v.separateUnitIds ?? []).map(name) };
  return { lead: name(v.leadUnitId), others: v.mode === 'joint' ? (v.coUnitIds ?? []).map(name) : [] };
}

const MODE_LABELS: Record<AssignmentMode, string> = { single: '主办', joint: '主办+会办', separate: '分办' };
const MODE_HELP: Record<AssignmentMode, string> = {
  single: '由一个单位主办答复',
  joint: '主办单位答复，会办单位向主办单位提出会办意见',
  separate: '各单位分别办理、分别答复',
};

/**
 * 交办方式 and the units it needs, for the single and the bulk assignment. Field names match the
 * API (mode, leadUnitId, coUnitIds, separateUnitIds) so server field errors land next to them.
 */
export function AssignUnitsFields({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const units = useUnits();
  const mode = Form.useWatch<AssignmentMode | undefined>('mode', form);
  const lead = Form.useWatch<number | undefined>('leadUnitId', form);
  const active = (units.data ?? []).filter((u) => u.active);
  const grouped = UNIT_KINDS.values
    .map((k) => ({
      label: t(UNIT_KINDS.labels[k]),
      title: UNIT_KINDS.labels[k],
      options: active.filter((u) => u.kind === k).map((u) => ({ value: u.id, label: u.name })),
    }))
    .filter((g) => g.options.length > 0);
  const common = {
    showSearch: true,
    optionFilterProp: 'label' as const,
    placeholder: t('输入单位名称搜索'),
    loading: units.isLoading,
    options: grouped,
    style: { width: '100%' },
  };
  return (
    <>
      <Form.Item name="mode" label={t('交办方式')} rules={[{ required: true, message: t('请选择交办方式') }]} extra={mode ? t(MODE_HELP[mode]) : undefined}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={ASSIGNMENT_MODES.values.map((m) => ({ value: m, label: t(MODE_LABELS[m]) }))}
        />
      </Form.Item>
      {mode !== 'separate' && (
        <Form.Item name="leadUnitId" label={t('主办单位')} rules={[{ required: true, message: t('请选择主办单位') }]}>
          <Select {...common} allowClear />
        </Form.Item>
      )}
      {mode === 'joint' && (
        <Form.Item
          name="coUnitIds"
          label={t('会办单位')}
          dependencies={['leadUnitId']}
          rules={[
            { required: true, type: 'array', min: 1, message: t('主办会办须选择至少一个会办单位') },
            {
              validator: async (_r, v?: number[]) => {
                if (lead !== undefined && v?.includes(lead)) throw new Error(t('会办单位不能包含主办单位'));
              },
            },
          ]}
        >
          <Select {...common} mode="multiple" allowClear />
        </Form.Item>
      )}
      {mode === 'separate' && (
        <Form.Item name="separateUnitIds" label={t('分办单位')} rules={[{ required: true, type: 'array', min: 2, message: t('分办须选择至少两个承办单位') }]}>
          <Select {...common} mode="multiple" allowClear />
        </Form.Item>
      )}
    </>
  );
}
