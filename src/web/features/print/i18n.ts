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
  交办方式: 'Assignment mode',
  日期: 'Date',
  尚未答复: 'no reply yet',
  '已超过办理期限，尚未答复': 'the deadline has passed with no reply',
  政协提案委员会: 'CPPCC Proposals Committee',
  人大常委会选联工委: 'NPC Standing Committee, Deputies Affairs Commission',
  政府办督查室: 'Government Office, Supervision Section',
  '你单位承办的{no}提案《{title}》，办理期限为{deadline}。截至{day}，{late}。请抓紧办理，与提案人沟通协商，按期书面答复提案人。':
    'Your unit handles proposal {no} “{title}”, due {deadline}. As of {day}, {late}. Please handle it promptly, consult the proposer and reply in writing by the deadline.',
  '此前已于{day}催办。': 'A reminder was already sent on {day}.',
  '请按有关规定认真办理，与提案人沟通协商，在办理期限内书面答复提案人。主办单位负责答复，会办单位应及时向主办单位提出会办意见。':
    'Please handle this proposal as the rules require, consult the proposer and reply in writing within the deadline. The lead unit replies; co-units give their opinions to the lead unit in time.',
});
