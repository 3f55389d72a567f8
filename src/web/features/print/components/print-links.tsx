import { Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { LinkButton } from '../../../components/link-button.js';
import { useKindI18n } from '../../../lib/i18n.js';
import { useMe } from '../../../app/auth.js';
import type { ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import '../i18n.js';

const IN_UNITS = ['assigned', 'handling', 'rehandling'];
export const PRINTABLE_ROLES = { assignment: ['staff', 'office', 'unit'], reminder: ['staff', 'office'] } as const;

/** The proposal page's links to its print views, each for the roles whose work it is. */
export function PrintLinks({ p }: { p: ProposalDetail }) {
  const { t } = useKindI18n(p.kind);
  const me = useMe();
  const may = (roles: readonly string[]) => me.roles.some((r) => roles.includes(r));
  const assigned = p.assignments.some((a) => a.status !== 'removed');
  return (
    <Space wrap size={[8, 8]} data-testid="print-links">
      <LinkButton size="small" icon={<PrinterOutlined />} to={`/proposals/${p.id}/print`}>
        {t('打印提案')}
      </LinkButton>
      {assigned && may(PRINTABLE_ROLES.assignment) && (
        <LinkButton size="small" icon={<PrinterOutlined />} to={`/proposals/${p.id}/print/assignment`}>
          {t('打印交办单')}
        </LinkButton>
      )}
      {IN_UNITS.includes(p.status) && may(PRINTABLE_ROLES.reminder) && (
        <LinkButton size="small" icon={<PrinterOutlined />} to={`/proposals/${p.id}/print/reminder`}>
          {t('打印催办通知单')}
        </LinkButton>
      )}
    </Space>
  );
}
