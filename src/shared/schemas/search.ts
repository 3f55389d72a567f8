import { z } from 'zod';
import { RESULT_CLASSES } from '../domain.js';
import { pageQuery } from './common.js';
import { proposalSummary } from './proposal.js';
import { listProposalsQuery, proposalListItem } from './proposal-reads.js';

// 全文检索 and 相似提案. Snippets are HTML-escaped text in which only <mark>…</mark> is markup, so
// that a client may split on the marks and show everything else as plain text.

const listFilters = listProposalsQuery.pick({ sessionId: true, kind: true, status: true, category: true, unitId: true, isKey: true });

export const searchQuery = pageQuery.extend({
  q: z.string({ error: '请输入检索词' }).trim().min(1, '请输入检索词').max(100, '检索词不能超过100字'),
  ...listFilters.shape,
  year: z.coerce.number({ error: '年度无效' }).int('年度无效').min(2000, '年度无效').max(2100, '年度无效').optional(),
  /** Proposals with a reply of this class (A/B/C). */
  resultClass: z.enum(RESULT_CLASSES.values, { error: '答复类别无效' }).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchItem = proposalListItem.extend({
  /** ts_rank of the match: title counts most, then body, then replies and follow-ups. */
  rank: z.number(),
  /** The title with the matched words in <mark>. */
  titleHighlight: z.string(),
  /** A passage of the body (or of a reply) around the first match, with <mark>. */
  snippet: z.string(),
});
export type SearchItem = z.infer<typeof searchItem>;

export const searchPage = z.object({
  items: z.array(searchItem),
  /** Exact up to the cap, an estimate beyond it (then totalIsEstimate is true: show 约 N 条). */
  total: z.number().int(),
  totalIsEstimate: z.boolean(),
  /**
   * The first this many results are ordered by relevance (among the most recent matches); the
   * results after them follow newest first. Every page of the total is reachable.
   */
  rankedUpTo: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SearchPage = z.infer<typeof searchPage>;

export const similarProposal = proposalSummary.pick({ id: true, sessionId: true, title: true, status: true, number: true, category: true, mergedInto: true, published: true }).extend({
  statusLabel: z.string(),
  sessionName: z.string(),
  year: z.number().int(),
  /** 0–1: similarity of title and body. */
  score: z.number(),
  leadUnitName: z.string().nullable(),
  /** Class of the latest reply, when it was answered. */
  resultClass: z.enum(RESULT_CLASSES.values).nullable(),
  repliedOn: z.string().nullable(),
});
export type SimilarProposal = z.infer<typeof similarProposal>;

export const similarList = z.object({ proposals: z.array(similarProposal) });
export type SimilarList = z.infer<typeof similarList>;

export const similarDraftBody = z.object({
  title: z.string().trim().max(200, '案由不能超过200字').default(''),
  body: z.string().max(50000, '正文不能超过50000字').default(''),
  sessionId: z.number().int().positive('届次会议无效').optional(),
  /** The proposal being edited, left out of its own suggestions. */
  excludeId: z.number().int().positive().optional(),
});
export type SimilarDraftBody = z.infer<typeof similarDraftBody>;

export const suggestedUnit = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  /** How many of the similar handled proposals this unit led. */
  count: z.number().int(),
});

export const relatedTask = z.object({
  taskId: z.number().int(),
  listTitle: z.string(),
  leaderName: z.string(),
  text: z.string(),
  leadUnitNames: z.array(z.string()),
  score: z.number(),
});

export const similarDraftResult = z.object({
  proposals: z.array(similarProposal),
  /** Lead units of the similar handled proposals (staff only; empty for members). */
  units: z.array(suggestedUnit),
  tasks: z.array(relatedTask),
});
export type SimilarDraftResult = z.infer<typeof similarDraftResult>;
