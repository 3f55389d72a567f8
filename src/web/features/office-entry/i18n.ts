import { extendEnglish } from '../../lib/i18n.js';

// English for 代录纸质提案.
extendEnglish({
  代录纸质提案: 'Enter a paper proposal',
  '以提案人名义录入纸质提案，录入人记为代录人；提案人可在“我的提案”中查看和跟踪。':
    'Type in a proposal handed in on paper, in the proposer’s name; you are recorded as the one who entered it. The proposer follows it under “My proposals”.',
  届次会议: 'Session',
  请选择届次会议: 'Choose the session',
  领衔代表: 'Lead deputy',
  附议代表: 'Supporting deputies',
  请选择提案人: 'Choose the proposer',
  '纸质提案上署名的委员或团体；提案归其所有': 'The member or body who signed the paper; the proposal is theirs',
  请选择联名人: 'Choose the co-proposer',
  '联名人{n}': 'Co-proposer {n}',
  '移除联名人{n}': 'Remove co-proposer {n}',
  已在纸质提案上签名: 'Signed the paper',
  添加联名人: 'Add a co-proposer',
  '已签名的联名人记为“纸质签名，代录”；未签名的将收到联名邀请，确认后提案才提交审查。':
    'Those who signed are recorded as “paper signature, entered by the office”; the others are invited to confirm, and the proposal goes to review once they have.',
  请填写案由: 'Enter the title',
  案由至少5个字: 'At least 5 characters',
  案由不能超过200字: 'At most 200 characters',
  '关于……的建议': 'On …',
  请选择类别: 'Choose the category',
  提出时间: 'Submitted during',
  收到日期: 'Received on',
  请选择收到日期: 'Choose the day received',
  请录入正文: 'Type in the text',
  正文不能超过50000字: 'At most 50,000 characters',
  '按纸质提案录入，段落之间换行': 'Type the paper’s text; a new line starts a paragraph',
  '有联名人尚未签名：提交后提案处于“待联名确认”，可在提案页“代录联名确认”。':
    'Some co-proposers have not signed: the proposal waits for their confirmation; record a paper signature from the proposal page.',
  代录提交: 'Enter and submit',
  已代录并提交审查: 'Entered and submitted for review',
  '已代录，等待联名人确认': 'Entered; waiting for the co-proposers',
  输入姓名搜索: 'Type a name to search',
  没有找到: 'Nothing found',
  团体: 'body',
});
