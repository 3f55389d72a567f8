import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';

/** Starts the periodic jobs; returns a function that stops them. */
export function startJobs(_db: Db, _log: FastifyBaseLogger): () => void {
  return () => {};
}
