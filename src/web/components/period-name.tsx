import type { ReactNode } from 'react';
import { englishPeriodLabel } from '../../shared/dates.js';
import { useI18n } from '../lib/i18n.js';
import { Data } from './data-text.js';

/**
 * A reporting period's name, which staff type (2026年11月, 一季度): in English the usual forms are
 * written the English way (Nov 2026, Q1 2026); any other name is data and stays as typed.
 */
export function PeriodName({ label }: { label: string }) {
  const { locale } = useI18n();
  const english = locale === 'en-US' ? englishPeriodLabel(label) : label;
  return english !== label ? <>{english}</> : <Data>{label}</Data>;
}

/** A translated template with a period's name in it ('{label}完成情况' → 'Nov 2026 progress'). */
export function usePeriodTemplate(): (template: string, label: string) => ReactNode {
  const { t } = useI18n();
  return (template, label) => {
    const [before, after] = t(template, { label: '\u0000' }).split('\u0000');
    return (
      <>
        {before}
        <PeriodName label={label} />
        {after}
      </>
    );
  };
}
