import type { Database } from '../../src/server/db/client.js';
import { startQueue, type Queue } from '../../src/server/jobs/queue.js';

/** The job queue on a test database (its schema is in the template, so this is quick). */
export function startTestQueue(database: Database): Promise<Queue> {
  return startQueue(database.sql!, {
    onError: (err) => {
      throw err;
    },
  });
}
