import nodemailer from 'nodemailer';
import type { OpsConfig } from '../runtime/ops-config.js';

export const CHANNELS = ['email', 'sms', 'work_notice'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** A notice rendered for one channel by its template (templates.ts). */
export interface Rendered {
  kind: string;
  subject: string;
  text: string;
  /** The short form for SMS and work notices. */
  short: string;
}

/**
 * One way of reaching a person outside the web app. `send` resolves when the gateway accepted the
 * message and throws otherwise (the queue retries with back-off, then dead-letters it). The
 * in-app channel is not one of these: it is the `notifications` row that notify() writes in the
 * transaction of the change itself.
 */
export interface Channel {
  name: ChannelName;
  send(address: string, message: Rendered): Promise<void>;
}

export type Channels = Partial<Record<ChannelName, Channel>>;

/** E-mail over SMTP (nodemailer); `url` like smtp://user:pass@mail.example.gov.cn:587. */
export function smtpChannel(url: string, from: string): Channel {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'email',
    async send(address, m) {
      await transport.sendMail({ from, to: address, subject: m.subject, text: m.text });
    },
  };
}

async function postJson(url: string, body: unknown, token: string | undefined) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`gateway answered ${res.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** An SMS gateway over HTTP: POST {phone, text}; any 2xx with no error code is accepted. */
export function smsChannel(url: string, token: string | undefined, sign: string): Channel {
  return {
    name: 'sms',
    async send(phone, m) {
      const out = await postJson(url, { phone, text: `【${sign}】${m.short}` }, token);
      if (out.code !== undefined && out.code !== 0 && out.code !== '0' && out.code !== 'OK') throw new Error(`SMS gateway refused: ${JSON.stringify(out).slice(0, 200)}`);
    },
  };
}

/**
 * A 钉钉/浙政钉-style work notice: POST {userid_list, msg: {msgtype: 'text', text: {content}}}, answered
 * {errcode: 0}. The webhook is the organisation's own relay to its platform.
 */
export function workNoticeChannel(url: string, token: string | undefined): Channel {
  return {
    name: 'work_notice',
    async send(userId, m) {
      const out = await postJson(url, { userid_list: userId, msg: { msgtype: 'text', text: { content: `${m.subject}\n${m.short}` } } }, token);
      if (out.errcode !== undefined && out.errcode !== 0) throw new Error(`work notice refused: ${JSON.stringify(out).slice(0, 200)}`);
    },
  };
}

/** The channels this server has gateways for; a channel without settings is simply not offered. */
export function channelsFromConfig(c: OpsConfig['notifications']): Channels {
  return {
    ...(c.smtpUrl ? { email: smtpChannel(c.smtpUrl, c.mailFrom) } : {}),
    ...(c.smsUrl ? { sms: smsChannel(c.smsUrl, c.smsToken, c.smsSign) } : {}),
    ...(c.workNoticeUrl ? { work_notice: workNoticeChannel(c.workNoticeUrl, c.workNoticeToken) } : {}),
  };
}
