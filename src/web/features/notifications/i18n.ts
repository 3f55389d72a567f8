import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  消息: 'Notifications',
  '全部（未读在前）': 'All (unread first)',
  仅未读: 'Unread only',
  全部已读: 'Mark all read',
  '将全部消息标为已读？': 'Mark every notification as read?',
  '已将 {n} 条消息标为已读': '{n} notifications marked read',
  没有未读消息: 'No unread notifications',
  暂无消息: 'No notifications',
  查看提案: 'Open proposal',
  标为已读: 'Mark read',
  已读: 'Read',
  未读: 'Unread',
});
