import type { Executor } from '../../db/client.js';
import type { ImportFileBody, ImportPreview } from '../../../shared/schemas/tasks.js';
import { readTaskFile } from '../../tasks/read-task-file.js';
import type { Actor } from '../actor.js';
import { getTaskList } from './task-access.js';
import { importPeriodOf } from './commit-task-import.js';
import { planTaskImport } from './plan-task-import.js';

/**
 * 导入预览: what importing the file into the list would do — tasks created and skipped, units
 * known, matched or unknown, targets to confirm, and where the progress column goes (or why not).
 * Saves nothing, so it writes no audit row.
 */
export async function previewTaskImport(tx: Executor, actor: Actor, listId: number, input: ImportFileBody): Promise<ImportPreview> {
  const list = await getTaskList(tx, actor, listId);
  const period = input.periodId ? await importPeriodOf(tx, actor, list.id, input.periodId) : null;
  const parsed = await readTaskFile(input.fileName, input.contentBase64);
  const plan = await planTaskImport(tx, actor.tenantId, list, parsed, period);
  return { fileName: input.fileName, ...plan.preview };
}
