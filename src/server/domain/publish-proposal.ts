import type { Executor } from '../db/client.js';
import type { PublishBody } from '../../shared/schemas/key-proposals.js';
import { conflict } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { loadForAction, proposerUserIds, updateProposal } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * 公开: committee staff put a replied proposal on the public portal, or take it off. Asking for
 * the state it is already in is a 409, not a silent success, so two staff cannot both believe
 * they published it.
 */
export async function publishProposal(tx: Executor, actor: Actor, id: number, input: PublishBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'publish', input.version);
  if (p.published === input.published) throw conflict(input.published ? '该提案已经公开' : '该提案尚未公开，无需撤回');
  const next = await updateProposal(tx, p, 'publish', { published: input.published, publishedAt: input.published ? now : null });
  await writeAudit(tx, actor, {
    action: input.published ? 'proposal.publish' : 'proposal.unpublish',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: { published: p.published, publishedAt: p.publishedAt, version: p.version },
    after: { published: next.published, publishedAt: next.publishedAt, version: next.version },
  });
  await notify(tx, actor.tenantId, await proposerUserIds(tx, p.id), {
    kind: input.published ? 'proposal.publish' : 'proposal.unpublish',
    message: input.published ? words(p.kind)`您的提案「${p.title}」已在公众平台公开` : words(p.kind)`您的提案「${p.title}」已撤回公开`,
    messageEn: input.published ? enWords(p.kind)`Your proposal “${p.title}” is published on the public portal` : enWords(p.kind)`Your proposal “${p.title}” is no longer published`,
    proposalId: p.id,
  });
  return next;
}
