import { extendEnglish } from '../../lib/i18n.js';

// English for the office's 代录 forms.
extendEnglish({
  代录联名确认: 'Record paper co-signature',
  已代录联名签名: 'Paper co-signature recorded',
  第一提案人: 'Lead proposer',
  '联名人已在纸质提案或联名表上签名时，由提案委代为登记；登记后视同本人确认联名，并记录代录人。':
    'When a co-proposer signed the paper or a co-signature form, the committee records it; it counts as their confirmation and names who recorded it.',
  已签名的联名人: 'Co-proposer who signed',
  请选择已签名的联名人: 'Choose who signed',
  说明: 'Note',
  '选填，如纸质联名表的存档情况': 'Optional, e.g. where the signed form is filed',
  说明不能超过500字: 'At most 500 characters',
  确认代录: 'Record',
  取消: 'Cancel',
  案由: 'Title',
});
