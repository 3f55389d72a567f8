import { z } from 'zod';
import { DISCLOSURES } from '../domain.js';
import { pageOf } from './common.js';
import { proposalListItem } from './proposal-reads.js';

// 公开发布: the staff's list of handled proposals with what the publication decision needs, in one
// request (before, the screen read every proposal of the page one by one for its replies' marks).

export const publicationItem = proposalListItem.extend({
  publishedAt: z.string().nullable(),
  /** The lead unit's latest reply (every unit's latest in 分办), as the unit marked it for disclosure. */
  replyDisclosures: z.array(z.object({ unitName: z.string(), disclosure: z.enum(DISCLOSURES.values) })),
});
export type PublicationItem = z.infer<typeof publicationItem>;

export const publicationPage = pageOf(publicationItem).extend({ totalIsExact: z.boolean(), nextCursor: z.string().nullable() });
export type PublicationPage = z.infer<typeof publicationPage>;
