import { extendEnglish } from '../../lib/i18n.js';

// Strings of the print views not already translated elsewhere.
extendEnglish({
  打印提案: 'Print proposal',
  打印交办单: 'Print assignment sheet',
  打印催办通知单: 'Print reminder notice',
  打印办理情况表: 'Print handling report',
  提案交办单: 'Proposal assignment sheet',
  催办通知单: 'Reminder notice',
  承办单位办理情况表: 'Handling report of the unit',
  '交办单位（盖章）': 'Assigning office (seal)',
  承办单位签收人: 'Received for the unit by',
  '共{n}件': '{n} in all',
  打印日期: 'Printed on',
  尚未交办: 'Not yet assigned',
  未答复: 'Not replied',
  未测评: 'Not evaluated',
  签发人: 'Signed by',
  通知单: 'Notice',
});
