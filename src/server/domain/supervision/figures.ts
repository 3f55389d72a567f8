import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { jointSupervisions, keyProposalLeaders, leaders, proposals, sessions, supervisionInstructions, supervisionMeetingLeaders, supervisionMeetingProposals, supervisionMeetings, tenants } from '../../db/schema.js';
import type { SupervisionFigures } from '../../../shared/schemas/supervision.js';
import { LEADER_ORGANS, MAIN_LEADER_ORGANS, type LeaderOrgan } from '../../../shared/domain.js';
import type { SessionRow } from '../proposal-access.js';
import { presentLeaderBrief, proposalBriefs } from './access.js';

const ORGAN_SHORT: Record<(typeof MAIN_LEADER_ORGANS)[number], string> = { party: '委', npc: '人大', government: '政府', cppcc: '政协' };

/** 市 / 县 / 区: the level word of a jurisdiction's name. */
export const levelWord = (tenantName: string) => (/[市区县旗州盟]$/.test(tenantName) ? tenantName.slice(-1) : '');

/** 「市委、市人大、市政府、市政协主要领导领衔督办 4 件」 */
export function principalSentence(tenantName: string, n: number): string {
  const w = levelWord(tenantName);
  return `${MAIN_LEADER_ORGANS.map((o) => `${w}${ORGAN_SHORT[o]}`).join('、')}主要领导领衔督办${n}件`;
}

/**
 * 领导督办数据 of a session: coverage per organ (how many key proposals a leader of each organ
 * leads, and a principal one), per leader (proposals, meetings, instructions), and 两级联合督办 —
 * this session's key proposals supervised with the parent, and the children's key proposals of the
 * same year and kind supervised with this level.
 */
export async function computeSupervisionFigures(tx: Executor, s: SessionRow): Promise<SupervisionFigures> {
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, s.tenantId));
  const tenantName = tenant?.name ?? '';
  const keys = await tx
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.tenantId, s.tenantId), eq(proposals.sessionId, s.id), eq(proposals.isKey, true)));
  const keyIds = keys.map((k) => k.id);

  // The children's key proposals of this year and kind, jointly supervised with this level.
  const childJoints = await tx
    .select({ proposalId: jointSupervisions.proposalId })
    .from(jointSupervisions)
    .innerJoin(proposals, eq(proposals.id, jointSupervisions.proposalId))
    .innerJoin(sessions, eq(sessions.id, proposals.sessionId))
    .where(and(eq(jointSupervisions.partnerTenantId, s.tenantId), eq(jointSupervisions.status, 'accepted'), eq(sessions.year, s.year), eq(sessions.kind, s.kind)));
  const ownJoints = keyIds.length
    ? await tx.select({ proposalId: jointSupervisions.proposalId }).from(jointSupervisions).where(and(inArray(jointSupervisions.proposalId, keyIds), eq(jointSupervisions.status, 'accepted')))
    : [];
  const childIds = childJoints.map((j) => j.proposalId);
  const allIds = [...keyIds, ...childIds];

  const links = allIds.length
    ? await tx
        .select({ proposalId: keyProposalLeaders.proposalId, l: leaders, tenantName: tenants.name })
        .from(keyProposalLeaders)
        .innerJoin(leaders, eq(leaders.id, keyProposalLeaders.leaderId))
        .innerJoin(tenants, eq(tenants.id, leaders.tenantId))
        .where(inArray(keyProposalLeaders.proposalId, allIds))
    : [];
  // Coverage counts this level's leaders on this level's key proposals and on the children's joint ones.
  const ownLinks = links.filter((x) => x.l.tenantId === s.tenantId);
  const byOrgan = LEADER_ORGANS.values.map((organ: LeaderOrgan) => {
    const of = ownLinks.filter((x) => (x.l.organ ?? 'other') === organ);
    return {
      organ,
      label: LEADER_ORGANS.labels[organ],
      proposals: new Set(of.map((x) => x.proposalId)).size,
      principalProposals: new Set(of.filter((x) => x.l.rank === 'principal').map((x) => x.proposalId)).size,
      leaders: new Set(of.map((x) => x.l.id)).size,
    };
  });
  const principalLed = new Set(
    ownLinks.filter((x) => keyIds.includes(x.proposalId) && x.l.rank === 'principal' && (MAIN_LEADER_ORGANS as readonly string[]).includes(x.l.organ ?? '')).map((x) => x.proposalId),
  ).size;

  const meetingRows = allIds.length
    ? await tx
        .selectDistinct({ id: supervisionMeetings.id, proposalId: supervisionMeetingProposals.proposalId, chair: supervisionMeetings.chairLeaderId })
        .from(supervisionMeetings)
        .innerJoin(supervisionMeetingProposals, eq(supervisionMeetingProposals.meetingId, supervisionMeetings.id))
        .where(inArray(supervisionMeetingProposals.proposalId, allIds))
    : [];
  const meetingIds = [...new Set(meetingRows.map((m) => m.id))];
  const attend = meetingIds.length ? await tx.select().from(supervisionMeetingLeaders).where(inArray(supervisionMeetingLeaders.meetingId, meetingIds)) : [];
  const instr = allIds.length ? await tx.select().from(supervisionInstructions).where(inArray(supervisionInstructions.proposalId, allIds)) : [];

  const leaderMap = new Map(links.map((x) => [x.l.id, x]));
  const byLeader = [...leaderMap.values()]
    .filter((x) => x.l.tenantId === s.tenantId || keyIds.includes(x.proposalId))
    .map((x) => {
      const theirMeetings = new Set([...attend.filter((a) => a.leaderId === x.l.id).map((a) => a.meetingId), ...meetingRows.filter((m) => m.chair === x.l.id).map((m) => m.id)]);
      const theirInstr = instr.filter((i) => i.leaderId === x.l.id);
      return {
        ...presentLeaderBrief(x.l, x.tenantName),
        proposals: new Set(links.filter((y) => y.l.id === x.l.id).map((y) => y.proposalId)).size,
        meetings: theirMeetings.size,
        instructions: theirInstr.length,
        openInstructions: theirInstr.filter((i) => i.status === 'open').length,
      };
    })
    .sort((a, b) => b.proposals - a.proposals || a.id - b.id);

  const jointIds = [...ownJoints.map((j) => j.proposalId), ...childIds];
  const briefs = await proposalBriefs(tx, jointIds);
  const items = jointIds.map((id) => ({
    ...briefs.get(id)!,
    leaders: links.filter((x) => x.proposalId === id).map((x) => presentLeaderBrief(x.l, x.tenantName).printName),
  }));
  const jointCount = jointIds.length;
  return {
    sessionId: s.id,
    tenantName,
    keyProposals: keyIds.length,
    principalLed,
    principalSentence: principalSentence(tenantName, principalLed),
    byOrgan,
    byLeader,
    meetings: meetingIds.length,
    instructions: { total: instr.length, followedUp: instr.filter((i) => i.status === 'followed_up').length },
    joint: { withParent: ownJoints.length, withChildren: childIds.length, items },
    jointSentence: jointCount ? `两级联合督办${jointCount}件` : null,
  };
}
