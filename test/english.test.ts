import { describe, expect, it } from 'vitest';
import { chineseDate, englishDate, englishPeriodLabel } from '../src/shared/dates.js';
import { VALUE_LISTS, CATEGORIES, SUBMITTED_DURING, UNIT_ROLES, ASSIGNMENT_STATUSES, CONTACT_METHODS } from '../src/shared/domain.js';
import { enWords } from '../src/shared/vocabulary.js';
import { objectionClosedMessage } from '../src/server/domain/objection-window.js';
import { render } from '../src/server/notifications/templates.js';
import { englishServerMessage } from '../src/web/lib/server-messages.js';

const CJK = /[\u3400-\u9fff]/;

describe('days in messages', () => {
  it('writes a day the Chinese way and the English way', () => {
    expect(chineseDate('2026-11-16')).toBe('2026年11月16日');
    expect(chineseDate('2025-03-05')).toBe('2025年3月5日');
    expect(chineseDate('2026-11-16T02:00:00.000Z')).toBe('2026年11月16日');
    expect(chineseDate('不是日期')).toBe('不是日期');
    expect(englishDate('2026-11-16')).toBe('16 Nov 2026');
    expect(englishDate('2025-03-05')).toBe('5 Mar 2025');
  });

  it('says a closed objection window (the 409 of 申请调整) with 年月日, never an ISO date', () => {
    const m = objectionClosedMessage('2026-03-17');
    expect(m).toBe('申请调整期限至2026年3月17日，已截止');
    expect(m).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('puts period labels into English', () => {
    expect(englishPeriodLabel('2026年11月')).toBe('Nov 2026');
    expect(englishPeriodLabel('2026年第四季度')).toBe('Q4 2026');
    expect(englishPeriodLabel('2026年上半年')).toBe('H1 2026');
    expect(englishPeriodLabel('2026年')).toBe('2026');
    expect(englishPeriodLabel('自定义')).toBe('自定义');
  });
});

describe('value lists in English', () => {
  it('has an English label without Chinese for every value of every list', () => {
    expect(VALUE_LISTS.length).toBeGreaterThan(15);
    for (const l of VALUE_LISTS) {
      expect(Object.keys(l.en).sort()).toEqual(Object.keys(l.labels).sort());
      for (const en of Object.values(l.en)) expect(en).not.toMatch(CJK);
    }
    expect(CATEGORIES.en.economy).toBe('Economy');
    expect(SUBMITTED_DURING.en.interim).toBe('Between sessions');
    expect(UNIT_ROLES.en.co).toBe('Co-unit');
    expect(ASSIGNMENT_STATUSES.en.signed).toBe('Signed for');
    expect(CONTACT_METHODS.en.face).toBe('In person');
  });

  it('words English messages in the NPC words for a suggestion, leaving the title alone', () => {
    const title = 'proposal about proposals';
    expect(enWords('suggestion')`Proposal “${title}” was filed`).toBe('Suggestion “proposal about proposals” was filed');
    expect(enWords('proposal')`Proposal “${title}” was filed`).toBe('Proposal “proposal about proposals” was filed');
  });
});

describe('notices in the recipient language', () => {
  const notice = { kind: 'proposal.assign', message: '提案「关于X的提案」已交办贵单位', messageEn: 'Proposal “关于X的提案” was assigned to your unit', proposalId: 7 };

  it('renders e-mail and SMS in English for an English reader, in Chinese otherwise', () => {
    const en = render(notice, 'https://duban.example', 'en-US');
    expect(en.subject).toBe('[Duban] New assignment');
    expect(en.text).toContain('Proposal “关于X的提案” was assigned');
    expect(en.text).toContain('https://duban.example/proposals/7');
    expect(en.text.replace('关于X的提案', '')).not.toMatch(CJK);
    const zh = render(notice, 'https://duban.example', 'zh-CN');
    expect(zh.subject).toBe('【督办】新的交办任务');
    expect(zh.text).toContain('已交办贵单位');
  });

  it('falls back to Chinese when a notice has no English', () => {
    const r = render({ ...notice, messageEn: null }, undefined, 'en-US');
    expect(r.subject).toBe('【督办】新的交办任务');
  });
});

describe('server errors for an English reader', () => {
  it('words known messages by pattern with English dates, others by their code', () => {
    expect(englishServerMessage('CONFLICT', '申请调整期限至2026年3月17日，已截止（交办后5个工作日内方可申请调整）')).toBe(
      'The window to request a change ended on 17 Mar 2026 (a change may be requested within 5 working days of the assignment)',
    );
    expect(englishServerMessage('NOT_FOUND', '提案不存在或无权查看')).toBe('Not found, or you may not see it');
    expect(englishServerMessage('FORBIDDEN', '只有第一提案人可以撤回')).toBe('You may not do this');
    expect(englishServerMessage('RATE_LIMITED', '操作过于频繁，请30秒后再试')).toBe('Too many requests; try again in 30 seconds');
    expect(englishServerMessage('CONFLICT', 'Already English')).toBe('Already English');
  });
});
