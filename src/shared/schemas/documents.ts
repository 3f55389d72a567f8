import { z } from 'zod';
import { listProposalsQuery } from './proposal-reads.js';

// Downloads (答复函, 公示, 综述, 汇编, .xlsx tables, open data) answer files, not JSON; these are
// the few request shapes they add.

/** The filters of GET /proposals without paging: the export holds every matching row. */
export const exportProposalsQuery = listProposalsQuery.omit({ page: true, pageSize: true });

/** Which session document: 公示, 综述 or 汇编. */
export const SESSION_DOCUMENTS = ['key-publicity', 'key-review', 'compilation'] as const;
export type SessionDocument = (typeof SESSION_DOCUMENTS)[number];

export const fileResponse = z.instanceof(Buffer).describe('文件内容');
