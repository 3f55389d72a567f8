import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { bodies, members, proposers, sessions, tenants } from '../db/schema.js';
import type { LeaderOrgan, ProposalKind } from '../../shared/domain.js';
import { notFound } from '../errors.js';
import { term } from '../../shared/vocabulary.js';

// What the generated documents (答复函, 公示, 综述, 汇编) say about a session and about proposers,
// read once here so that every document names them the same way.

export interface SessionHeading {
  sessionId: number;
  tenantName: string;
  kind: ProposalKind;
  sessionName: string;
  year: number;
  /** 平湖市政协十一届五次会议 / 平湖市人大十八届五次会议 */
  fullName: string;
  /** 提案 / 建议 */
  noun: string;
  /** 委员 / 代表 */
  memberTitle: string;
}

/** 提案人 / 代表: the label of the proposers' line in a document. */
export const proposersLabel = (s: SessionHeading) => term(s.kind, 'proposer');

export async function sessionHeadingOf(tx: Executor, tenantId: number, sessionId: number): Promise<SessionHeading> {
  const [s] = await tx
    .select({ id: sessions.id, kind: sessions.kind, name: sessions.name, year: sessions.year, tenantName: tenants.name })
    .from(sessions)
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tenantId)));
  if (!s) throw notFound('届次会议');
  const cppcc = s.kind === 'proposal';
  return {
    sessionId: s.id,
    tenantName: s.tenantName,
    kind: s.kind,
    sessionName: s.name,
    year: s.year,
    fullName: `${s.tenantName}${cppcc ? '政协' : '人大'}${s.name}`,
    noun: term(s.kind, 'itemShort'),
    memberTitle: term(s.kind, 'member'),
  };
}

export interface NamedProposer {
  name: string;
  isBody: boolean;
}

/** The lead proposer and the co-proposers who confirmed, in order, marked member or body. */
export async function namedProposersOf(tx: Executor, tenantId: number, proposalIds: number[]): Promise<Map<number, NamedProposer[]>> {
  const out = new Map<number, NamedProposer[]>();
  if (proposalIds.length === 0) return out;
  const rows = await tx
    .select({ proposalId: proposers.proposalId, memberName: members.name, bodyName: bodies.name })
    .from(proposers)
    .leftJoin(members, eq(members.id, proposers.memberId))
    .leftJoin(bodies, eq(bodies.id, proposers.bodyId))
    .where(and(eq(proposers.tenantId, tenantId), inArray(proposers.proposalId, proposalIds), inArray(proposers.confirmation, ['lead', 'confirmed'])))
    .orderBy(asc(proposers.proposalId), asc(proposers.position));
  for (const r of rows) {
    const name = r.memberName ?? r.bodyName;
    if (!name) continue;
    const list = out.get(r.proposalId) ?? [];
    if (!list.some((x) => x.name === name)) list.push({ name, isBody: r.memberName === null });
    out.set(r.proposalId, list);
  }
  return out;
}

/** 王建国、李秀英委员 / 民盟平湖市基层委员会 / 民盟平湖市基层委员会，王建国委员 */
export function salutationOf(list: NamedProposer[], memberTitle: string): string {
  const bodyNames = list.filter((p) => p.isBody).map((p) => p.name);
  const people = list.filter((p) => !p.isBody).map((p) => p.name);
  const parts = [...bodyNames];
  if (people.length) parts.push(`${people.join('、')}${memberTitle}`);
  return parts.join('，');
}

const ORGAN_WORDS: Record<LeaderOrgan, string | null> = { party: '委', npc: '人大', government: '政府', cppcc: '政协', other: null };

/**
 * How documents name a supervising leader: by organ and name, as printed — 「区政协领导叶建宏」,
 * 「市政府领导陈明」 (the level is the last character of the jurisdiction's name: 市, 区, 县 …). A
 * leader without an organ (or 其他) keeps the title: 「副市长陈明」.
 */
export function leaderPrintName(l: { name: string; title: string; organ: LeaderOrgan | null; levelName?: string }, tenantName: string): string {
  const word = l.organ ? ORGAN_WORDS[l.organ] : null;
  if (!word) return `${l.title}${l.name}`;
  const own = l.levelName ?? tenantName;
  const level = /[市区县旗州盟]$/.test(own) ? own.slice(-1) : '';
  return `${level}${word}领导${l.name}`;
}
