import type { Executor } from '../../db/client.js';
import type { FileBulkBody, PublishBulkBody, RemindBulkBody, SignBulkBody } from '../../../shared/schemas/office.js';
import { forbidden } from '../../errors.js';
import { hasRole, type Actor } from '../actor.js';
import { loadForAction } from '../proposal-access.js';
import { publishProposal } from '../publish-proposal.js';
import { remindUnits } from '../remind-units.js';
import { reviewProposal } from '../review-proposal.js';
import { signAssignment } from '../sign-assignment.js';
import { runBatch, type OnProgress } from './batch.js';

// 批量立案 / 批量公开 / 批量催办 / 批量签收: each runs the single-proposal use case once per proposal
// (so each proposal gets its own audit row, notices and checks), all in one transaction.

/**
 * 批量立案: files the submissions in the order given, so that the numbers follow the order the
 * committee chose on screen (第23号, 第24号 …). Filing locks the session row, so a concurrent
 * filing cannot slip a number in between.
 */
export function fileBulk(tx: Executor, actor: Actor, input: FileBulkBody, now: Date, onProgress?: OnProgress) {
  return runBatch(
    tx,
    actor,
    '立案',
    input.items,
    {
      lock: ({ item }) => loadForAction(tx, actor, item.id, 'file', item.version),
      run: ({ item }) => reviewProposal(tx, actor, item.id, { decision: 'file', comment: input.comment, version: item.version }, now),
    },
    onProgress,
  );
}

/** 批量公开: puts replied proposals on the public portal. */
export function publishBulk(tx: Executor, actor: Actor, input: PublishBulkBody, now: Date, onProgress?: OnProgress) {
  return runBatch(
    tx,
    actor,
    '公开',
    input.items,
    {
      lock: ({ item }) => loadForAction(tx, actor, item.id, 'publish', item.version),
      run: ({ item }) => publishProposal(tx, actor, item.id, { published: true, version: item.version }, now),
    },
    onProgress,
  );
}

/** 批量催办: reminds the units that still owe a reply on each proposal. */
export function remindBulk(tx: Executor, actor: Actor, input: RemindBulkBody, now: Date, onProgress?: OnProgress) {
  return runBatch(
    tx,
    actor,
    '催办',
    input.items,
    {
      lock: ({ item }) => loadForAction(tx, actor, item.id, 'remind'),
      run: ({ item }) => remindUnits(tx, actor, item.id, { message: input.message }, now),
    },
    onProgress,
  );
}

/** 批量签收: a unit signs for several assignments of its inbox at once. */
export function signBulk(tx: Executor, actor: Actor, input: SignBulkBody, now: Date, onProgress?: OnProgress) {
  if (!hasRole(actor, 'unit') || !actor.unitId) throw forbidden('当前账户未关联承办单位');
  return runBatch(
    tx,
    actor,
    '签收',
    input.items,
    {
      lock: ({ item }) => loadForAction(tx, actor, item.id, 'sign', item.version),
      run: ({ item }) => signAssignment(tx, actor, item.id, { version: item.version }, now),
    },
    onProgress,
  );
}
