import { extendEnglish } from '../lib/i18n.js';

// English of the names screen readers read (aria-label) that the accessibility work added.
extendEnglish({
  '通知（{n}条未读）': 'Notifications ({n} unread)',
});
