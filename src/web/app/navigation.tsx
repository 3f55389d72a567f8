import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  EditOutlined,
  FileSearchOutlined,
  SearchOutlined,
  FileTextOutlined,
  GlobalOutlined,
  InboxOutlined,
  MergeCellsOutlined,
  SendOutlined,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  ScheduleOutlined,
  ApartmentOutlined,
  CrownOutlined,
  FlagOutlined,
  ImportOutlined,
  CheckSquareOutlined,
  FormOutlined,
  HistoryOutlined,
  UploadOutlined,
  SafetyCertificateOutlined,
  LockOutlined,
  AlertOutlined,
  WarningOutlined,
  ClusterOutlined,
  PartitionOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { Role } from '../../shared/roles.js';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  roles: Role[];
  /** Shown to platform administrators (users.platform_admin) instead of by role. */
  platform?: boolean;
}

// The menu, per role. A page's route is open to the same roles (see routes.tsx).
export const NAV: NavItem[] = [
  { path: '/my', label: '我的提案', icon: <FileTextOutlined />, roles: ['member', 'group'] },
  { path: '/proposals/new', label: '写提案', icon: <EditOutlined />, roles: ['member', 'group'] },
  { path: '/inbox', label: '待办', icon: <InboxOutlined />, roles: ['unit'] },
  { path: '/review', label: '审查队列', icon: <FileSearchOutlined />, roles: ['staff'] },
  { path: '/paper-proposals/new', label: '代录提案', icon: <FormOutlined />, roles: ['staff'] },
  { path: '/proposals', label: '全部提案', icon: <FileTextOutlined />, roles: ['staff', 'office', 'unit', 'leader'] },
  { path: '/search', label: '全文检索', icon: <SearchOutlined />, roles: ['staff', 'office', 'unit', 'leader'] },
  { path: '/merge', label: '并案', icon: <MergeCellsOutlined />, roles: ['staff'] },
  { path: '/assign', label: '批量交办', icon: <SendOutlined />, roles: ['staff', 'office'] },
  { path: '/objections', label: '调整申请', icon: <SwapOutlined />, roles: ['office', 'staff'] },
  { path: '/reply-review', label: '答复审核', icon: <CheckSquareOutlined />, roles: ['staff', 'office'] },
  { path: '/deadlines', label: '期限看板', icon: <ClockCircleOutlined />, roles: ['staff', 'office'] },
  { path: '/key-proposals', label: '重点提案', icon: <StarOutlined />, roles: ['staff', 'office', 'leader'] },
  { path: '/joint-supervisions', label: '两级联合督办', icon: <PartitionOutlined />, roles: ['staff', 'office', 'leader'] },
  { path: '/my-supervision', label: '我的督办', icon: <SolutionOutlined />, roles: ['leader'] },
  { path: '/oversight', label: '下级概览', icon: <ClusterOutlined />, roles: ['staff', 'office'] },
  { path: '/publication', label: '公开发布', icon: <GlobalOutlined />, roles: ['staff'] },
  { path: '/history-import', label: '往届数据导入', icon: <HistoryOutlined />, roles: ['staff'] },
  { path: '/dashboard', label: '统计', icon: <BarChartOutlined />, roles: ['staff', 'office', 'leader'] },
  { path: '/league', label: '单位排名', icon: <TrophyOutlined />, roles: ['staff', 'office', 'leader'] },
  { path: '/tasks', label: '重点工作', icon: <FlagOutlined />, roles: ['office', 'staff', 'leader', 'unit'] },
  { path: '/tasks/import', label: '任务导入', icon: <ImportOutlined />, roles: ['office'] },
  { path: '/admin/users', label: '用户', icon: <UserOutlined />, roles: ['secadmin'] },
  { path: '/admin/rosters', label: '名册导入', icon: <UploadOutlined />, roles: ['sysadmin', 'secadmin'] },
  { path: '/admin/approvals', label: '双人审批', icon: <SafetyCertificateOutlined />, roles: ['secadmin', 'sysadmin'] },
  { path: '/admin/security', label: '安全设置', icon: <LockOutlined />, roles: ['secadmin'] },
  { path: '/admin/units', label: '承办单位', icon: <BankOutlined />, roles: ['sysadmin'] },
  { path: '/admin/bodies', label: '党派团体', icon: <ApartmentOutlined />, roles: ['sysadmin'] },
  { path: '/admin/members', label: '委员代表', icon: <TeamOutlined />, roles: ['sysadmin'] },
  { path: '/admin/leaders', label: '督办领导', icon: <CrownOutlined />, roles: ['sysadmin'] },
  { path: '/admin/sessions', label: '届次会议', icon: <ScheduleOutlined />, roles: ['sysadmin'] },
  { path: '/admin/calendar', label: '工作日历', icon: <CalendarOutlined />, roles: ['sysadmin'] },
  { path: '/admin/dead-letters', label: '发送失败的消息', icon: <WarningOutlined />, roles: ['sysadmin'] },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: ['auditor'] },
  { path: '/audit/alerts', label: '安全告警', icon: <AlertOutlined />, roles: ['auditor'] },
  { path: '/platform/tenants', label: '单位管理', icon: <ClusterOutlined />, roles: [], platform: true },
];

export const navFor = (roles: readonly Role[], platformAdmin = false) => NAV.filter((n) => (n.platform ? platformAdmin : n.roles.some((r) => roles.includes(r))));

/** Where each role lands after signing in. */
export function homeFor(roles: readonly Role[], platformAdmin = false): string {
  if (platformAdmin) return '/platform/tenants';
  const order: [Role, string][] = [
    ['member', '/my'],
    ['group', '/my'],
    ['unit', '/inbox'],
    ['staff', '/review'],
    ['office', '/deadlines'],
    ['leader', '/key-proposals'],
    ['secadmin', '/admin/users'],
    ['sysadmin', '/admin/units'],
    ['auditor', '/audit'],
  ];
  return order.find(([r]) => roles.includes(r))?.[1] ?? '/notifications';
}
