import type { ProposalKind } from '../../shared/domain.js';
import { useT } from '../lib/i18n.js';
import { Data } from './data-text.js';

/**
 * A session in a picker: its year and name are data (「十六届二次会议」 stays as written), the body it
 * belongs to is a label in the reader's language (（政协） / (CPPCC)).
 */
export function SessionLabel({ session }: { session: { year: number; name: string; kind: ProposalKind | string } }) {
  const t = useT();
  return (
    <>
      <Data>{`${session.year} ${session.name}`}</Data>
      {t(session.kind === 'suggestion' ? '（人大）' : '（政协）')}
    </>
  );
}
