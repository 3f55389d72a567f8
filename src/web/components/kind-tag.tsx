import { Tag } from 'antd';
import type { ProposalKind } from '../../shared/domain.js';
import { useT } from '../lib/i18n.js';

/**
 * Which organ an item belongs to: the office, the units and the leaders work on both, so every list
 * and page that can hold both shows it (政协提案 in red, 人大代表建议 in gold).
 */
export function KindTag({ kind }: { kind: ProposalKind }) {
  const t = useT();
  return (
    <Tag color={kind === 'suggestion' ? 'gold' : 'red'} data-testid="kind-tag" style={{ marginInlineEnd: 4 }}>
      {kind === 'suggestion' ? t('人大代表建议') : t('政协提案')}
    </Tag>
  );
}
