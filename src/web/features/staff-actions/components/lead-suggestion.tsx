import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, type FormInstance } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { extendEnglish, useKindI18n } from '../../../lib/i18n.js';
import type { LeadSuggestion } from '../../../../shared/schemas/handling-aids.js';
import type { ProposalKind } from '../../../../shared/domain.js';
import type { AssignUnitsValues } from '../../../components/assign-units-fields.js';

extendEnglish({
  '建议主办：{unit}（相似提案 {n} 件由其主办）': 'Suggested lead unit: {unit} (led {n} similar proposal(s))',
  采用: 'Use it',
  已采用: 'In use',
});

/**
 * 建议主办 at 交办: the unit that most often led similar proposals (GET /proposals/:id/lead-suggestion),
 * with a one-click 采用 that puts it in the lead-unit field (a 分办 is switched to 主办 first).
 */
export function LeadSuggestionHint({ proposalId, kind, form }: { proposalId: number; kind: ProposalKind; form: FormInstance<AssignUnitsValues> }) {
  const { t } = useKindI18n(kind);
  const q = useQuery({
    queryKey: ['lead-suggestion', proposalId],
    queryFn: () => api.get<LeadSuggestion>(`/proposals/${proposalId}/lead-suggestion`),
    staleTime: 60_000,
    retry: false,
  });
  const lead = q.data?.suggestion;
  const current = Form.useWatch<number | undefined>('leadUnitId', form);
  const mode = Form.useWatch<string | undefined>('mode', form);
  const chosen = lead !== null && lead !== undefined && mode !== 'separate' && current === lead.unitId;
  if (!lead) return null;
  const adopt = () => {
    if (form.getFieldValue('mode') === 'separate') form.setFieldValue('mode', 'single');
    form.setFieldValue('leadUnitId', lead.unitId);
    // A co-unit that is now the lead would be refused: take it out of the co-units.
    const co = (form.getFieldValue('coUnitIds') as number[] | undefined) ?? [];
    if (co.includes(lead.unitId)) form.setFieldValue('coUnitIds', co.filter((id) => id !== lead.unitId));
    void form.validateFields(['leadUnitId']).catch(() => undefined);
  };
  return (
    <Alert
      type="info"
      showIcon
      icon={<BulbOutlined />}
      style={{ marginBottom: 12 }}
      data-testid="lead-suggestion"
      message={t('建议主办：{unit}（相似提案 {n} 件由其主办）', { unit: lead.unitName, n: lead.count })}
      action={
        <Button size="small" type={chosen ? 'default' : 'primary'} disabled={chosen} onClick={adopt} data-testid="adopt-lead">
          {chosen ? t('已采用') : t('采用')}
        </Button>
      }
    />
  );
}
