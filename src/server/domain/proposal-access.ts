import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import { assignments, keyProposalLeaders, proposals, proposers, sessions, users, members, leaders } from '../db/schema.js';
import { STATES, canTake, isLegalOutcome, type Action } from '../../shared/lifecycle.js';
import { forbidden, illegalTransition, notFound, staleVersion } from '../errors.js';
import type { Actor } from './actor.js';
import type { Role } from '../../shared/roles.js';
import { KIND_OF_ORGAN, ORGAN_OF_KIND, type ProposalKind } from '../../shared/domain.js';

export type ProposalRow = typeof proposals.$inferSelect;

export type SessionRow = typeof sessions.$inferSelect;

/**
 * Two organs in one jurisdiction: a staff account works for one organ (政协 提案委 or 人大 选联工委)
 * and sees only its sessions and items, as if the other organ's did not exist (404, like another
 * tenant's). The office, units, leaders, proposers and administrators work on both kinds.
 * Returns the kind the account is confined to, `'nothing'` for a staff account without an organ
 * (deny by default), or null when it is not confined.
 */
export function confinedKind(actor: Actor): ProposalKind | 'nothing' | null {
  if (!actor.roles.includes('staff') || actor.roles.includes('office') || actor.roles.includes('sysadmin')) return null;
  return actor.organ ? KIND_OF_ORGAN[actor.organ] : 'nothing';
}

/** The sessions this actor may see, as a WHERE condition: the tenant's, and only its organ's for staff. */
export function visibleSessions(actor: Actor): SQL {
  const kind = confinedKind(actor);
  const tenant = eq(sessions.tenantId, actor.tenantId);
  if (kind === null) return tenant;
  return kind === 'nothing' ? and(tenant, sql`false`)! : and(tenant, eq(sessions.kind, kind))!;
}

/** Loads a session the actor may see, or 404: every route that takes a session id starts here. */
export async function getVisibleSession(tx: Executor, actor: Actor, id: number): Promise<SessionRow> {
  const [s] = await tx.select().from(sessions).where(and(eq(sessions.id, id), visibleSessions(actor)));
  if (!s) throw notFound('届次会议');
  return s;
}

/** The kind an account works on alone (its organ's, or its member's), for the words of its screens. */
export async function workKindOf(tx: Executor, actor: Actor): Promise<ProposalKind | null> {
  const kind = confinedKind(actor);
  if (kind && kind !== 'nothing') return kind;
  if (!actor.memberId || actor.roles.some((r) => r !== 'member')) return null;
  const [m] = await tx.select({ kind: members.kind }).from(members).where(eq(members.id, actor.memberId));
  return m?.kind ?? null;
}

/** The secondary of a merge, inside the visibility subquery. */
const mergedRow = alias(proposals, 'merged_row');

/**
 * The rows of `proposals` this actor may see, as a WHERE condition. Deny by default: a role not
 * named here sees nothing. Always within the actor's tenant.
 */
export function visibleProposals(actor: Actor): SQL {
  const ors: SQL[] = [];
  const r = (role: Role) => actor.roles.includes(role);
  if (r('office')) ors.push(ne(proposals.status, 'draft'));
  else if (r('staff')) {
    // Staff see their own organ's items only (a staff account without an organ sees none).
    const kind = confinedKind(actor);
    if (kind === null) ors.push(ne(proposals.status, 'draft'));
    else if (kind !== 'nothing') ors.push(and(ne(proposals.status, 'draft'), eq(proposals.kind, kind))!);
  }
  if (r('member') || r('group')) {
    ors.push(eq(proposals.createdBy, actor.userId));
    const who: SQL[] = [];
    if (actor.memberId) who.push(eq(proposers.memberId, actor.memberId));
    if (actor.bodyId) who.push(eq(proposers.bodyId, actor.bodyId));
    const own = who.length
      ? or(eq(mergedRow.createdBy, actor.userId), inArray(mergedRow.id, sql`(select ${proposers.proposalId} from ${proposers} where ${or(...who)})`))!
      : eq(mergedRow.createdBy, actor.userId);
    if (who.length) {
      ors.push(
        inArray(
          proposals.id,
          sql`(select ${proposers.proposalId} from ${proposers} where ${or(...who)})`,
        ),
      );
    }
    // The reply to a merged proposal comes on the primary, so its proposers see the primary too.
    ors.push(
      inArray(
        proposals.id,
        sql`(select ${mergedRow.mergedInto} from ${proposals} ${sql.identifier('merged_row')} where ${mergedRow.mergedInto} is not null and ${own})`,
      ),
    );
  }
  if (r('unit') && actor.unitId) {
    ors.push(
      inArray(
        proposals.id,
        sql`(select ${assignments.proposalId} from ${assignments} where ${assignments.unitId} = ${actor.unitId} and ${assignments.status} <> 'removed')`,
      ),
    );
  }
  if (r('leader') && actor.leaderId) {
    ors.push(
      inArray(
        proposals.id,
        sql`(select ${keyProposalLeaders.proposalId} from ${keyProposalLeaders} where ${keyProposalLeaders.leaderId} = ${actor.leaderId})`,
      ),
    );
  }
  const scope = ors.length ? or(...ors)! : sql`false`;
  return and(eq(proposals.tenantId, actor.tenantId), scope)!;
}

/** Loads a proposal the actor may see, or 404 (never 403: its existence is not revealed). */
export async function getVisibleProposal(
  tx: Executor,
  actor: Actor,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<ProposalRow> {
  const q = tx.select().from(proposals).where(and(eq(proposals.id, id), visibleProposals(actor)));
  const rows = opts.forUpdate ? await q.for('update') : await q;
  const row = rows[0];
  if (!row) throw notFound('提案');
  return row;
}

/**
 * The guard every lifecycle use case starts with: the proposal is visible (else 404), the role
 * may take the action (else 403), the state allows it (else 409), and the caller saw the current
 * version (else 409). Locks the row for the rest of the transaction.
 */
export async function loadForAction(
  tx: Executor,
  actor: Actor,
  id: number,
  action: Action,
  expectedVersion?: number,
): Promise<ProposalRow> {
  const p = await getVisibleProposal(tx, actor, id, { forUpdate: true });
  if (!canTake(action, p.status, actor.roles)) {
    const allowedSomewhere = canTakeInAnyState(action, actor.roles);
    if (!allowedSomewhere) throw forbidden();
    throw illegalTransition(action, p.status);
  }
  if (expectedVersion !== undefined && expectedVersion !== p.version) throw staleVersion();
  return p;
}

function canTakeInAnyState(action: Action, roles: readonly Role[]) {
  return STATES.some((s) => canTake(action, s, roles));
}

/**
 * Writes a change to a proposal, bumping its version. The state change is checked against the
 * transition table so that no use case can move a proposal along an edge the table lacks.
 */
export async function updateProposal(
  tx: Executor,
  p: ProposalRow,
  action: Action,
  changes: Partial<Omit<ProposalRow, 'id' | 'tenantId' | 'version'>>,
): Promise<ProposalRow> {
  const next = changes.status ?? p.status;
  if (!isLegalOutcome(action, p.status, next)) throw illegalTransition(action, p.status);
  const [row] = await tx
    .update(proposals)
    .set({ ...changes, version: p.version + 1, updatedAt: new Date() })
    .where(and(eq(proposals.id, p.id), eq(proposals.version, p.version)))
    .returning();
  if (!row) throw staleVersion();
  return row;
}

/** User ids of everyone who acts for a unit. */
export async function unitUserIds(tx: Executor, tenantId: number, unitIds: number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.unitId, unitIds), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** User ids of everyone in the tenant holding a role (staff, office…). */
export async function roleUserIds(tx: Executor, tenantId: number, role: Role): Promise<number[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`${role} = any(${users.roles})`, eq(users.active, true)));
  return rows.map((r) => r.id);
}

/**
 * User ids of the committee staff of the organ an item of this kind belongs to (提案委 for a
 * proposal, 选联工委 for a deputy's suggestion): the other organ's staff never hear of it.
 */
export async function staffUserIds(tx: Executor, tenantId: number, kind: ProposalKind): Promise<number[]> {
  const organ = ORGAN_OF_KIND[kind];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), sql`'staff' = any(${users.roles})`, eq(users.organ, organ), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** User ids of the proposers (members with accounts, and the users acting for bodies). */
export async function proposerUserIds(tx: Executor, proposalId: number): Promise<number[]> {
  const viaMembers = await tx
    .select({ id: members.userId })
    .from(proposers)
    .innerJoin(members, eq(members.id, proposers.memberId))
    .where(and(eq(proposers.proposalId, proposalId), ne(proposers.confirmation, 'declined')));
  const viaBodies = await tx
    .select({ id: users.id })
    .from(proposers)
    .innerJoin(users, eq(users.bodyId, proposers.bodyId))
    .where(and(eq(proposers.proposalId, proposalId), ne(proposers.confirmation, 'declined')));
  return [...viaMembers, ...viaBodies].map((r) => r.id).filter((x): x is number => x !== null);
}

/**
 * User ids of the supervising leaders of a key proposal, of its own tenant: the notices are the
 * tenant's, and a parent's leader on a jointly supervised proposal follows it from his own side.
 */
export async function leaderUserIds(tx: Executor, proposalId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: leaders.userId })
    .from(keyProposalLeaders)
    .innerJoin(leaders, eq(leaders.id, keyProposalLeaders.leaderId))
    .where(and(eq(keyProposalLeaders.proposalId, proposalId), eq(leaders.tenantId, keyProposalLeaders.tenantId)));
  return rows.map((r) => r.id).filter((x): x is number => x !== null);
}
