import { chineseDate } from '../../shared/dates.js';

/** '2025-03-05' → 2025年3月5日, the way dates are written in messages and exported tables. */
export const formatDay = chineseDate;
