import { z } from 'zod';
import { pageQuery } from './common.js';

export const notificationQuery = pageQuery.extend({
  unreadOnly: z.stringbool({ error: '“仅未读”应为 true 或 false' }).default(false),
});

export const notificationOut = z.object({
  id: z.number().int(),
  kind: z.string(),
  message: z.string(),
  /** The notice in English, where one was written: the web app shows it to a reader who chose English. */
  messageEn: z.string().nullable(),
  proposalId: z.number().int().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationOut = z.infer<typeof notificationOut>;

export const countOut = z.object({ count: z.number().int() });
