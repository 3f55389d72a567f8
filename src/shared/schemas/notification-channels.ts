import { z } from 'zod';
import { pageQuery } from './common.js';

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'work_notice'] as const;
export const CHANNEL_LABELS = { email: '电子邮件', sms: '短信', work_notice: '工作通知（钉钉/浙政钉）' } as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM，如 22:00');
const noNul = (s: string) => !s.includes('\u0000');

export const preferencesOut = z.object({
  channels: z.array(z.enum(NOTIFICATION_CHANNELS)),
  email: z.string().nullable(),
  /** The account's phone number (set by the administrator), where SMS go. */
  phone: z.string().nullable(),
  workNoticeId: z.string().nullable(),
  quietStart: z.string().nullable(),
  quietEnd: z.string().nullable(),
  /** The channels this server has a gateway for;站内消息 is always on. */
  available: z.array(z.enum(NOTIFICATION_CHANNELS)),
});

export const preferencesBody = z
  .object({
    channels: z.array(z.enum(NOTIFICATION_CHANNELS, { error: '渠道无效' })).max(3).default([]),
    email: z.email('邮箱格式不正确').max(200).nullable().default(null),
    workNoticeId: z.string().trim().min(1).max(64, '工作通知账号不能超过64字').refine(noNul, '包含无效字符').nullable().default(null),
    quietStart: hhmm.nullable().default(null),
    quietEnd: hhmm.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if ((v.quietStart === null) !== (v.quietEnd === null)) ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: '免打扰时段须同时填写开始和结束时间' });
    if (v.channels.includes('email') && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: '选择电子邮件时须填写邮箱' });
    if (v.channels.includes('work_notice') && !v.workNoticeId) ctx.addIssue({ code: 'custom', path: ['workNoticeId'], message: '选择工作通知时须填写工作通知账号' });
  });
export type PreferencesBody = z.infer<typeof preferencesBody>;

export const deadLetterQuery = pageQuery;
export const deadLetterOut = z.object({
  id: z.number().int(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  address: z.string(),
  userId: z.number().int(),
  userName: z.string(),
  kind: z.string(),
  message: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
