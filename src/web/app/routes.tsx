import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Result, Spin } from 'antd';
import type { Role } from '../../shared/roles.js';
import { SignedInLayout } from './layout.js';
import { useAuth } from './auth.js';
import { homeFor } from './navigation.js';
import { LoginPage } from '../features/auth/components/login-page.js';
import { NotFound } from '../components/not-found.js';
import { ACTION_FORMS } from './action-forms.js';
import { AppRoot } from './app-state.js';
import { CardPageTitle } from '../components/page-title.js';

// Route-level code splitting: the login page loads alone; every other page is its own chunk.
const MyProposalsPage = lazy(() => import('../features/my-proposals/components/my-proposals-page.js').then((m) => ({ default: m.MyProposalsPage })));
const ProposalFormPage = lazy(() => import('../features/proposal-form/components/proposal-form-page.js').then((m) => ({ default: m.ProposalFormPage })));
const ProposalListPage = lazy(() => import('../features/proposal-list/components/proposal-list-page.js').then((m) => ({ default: m.ProposalListPage })));
const ProposalDetailPage = lazy(() => import('../features/proposal-detail/components/proposal-detail-page.js').then((m) => ({ default: m.ProposalDetailPage })));
const ReviewQueuePage = lazy(() => import('../features/review/components/review-queue-page.js').then((m) => ({ default: m.ReviewQueuePage })));
const MergePage = lazy(() => import('../features/merge/components/merge-page.js').then((m) => ({ default: m.MergePage })));
const BulkAssignPage = lazy(() => import('../features/assignment/components/bulk-assign-page.js').then((m) => ({ default: m.BulkAssignPage })));
const ObjectionsPage = lazy(() => import('../features/objections/components/objections-page.js').then((m) => ({ default: m.ObjectionsPage })));
const ReplyReviewPage = lazy(() => import('../features/reply-review/components/reply-review-page.js').then((m) => ({ default: m.ReplyReviewPage })));
const DeadlineBoardPage = lazy(() => import('../features/deadlines/components/deadline-board-page.js').then((m) => ({ default: m.DeadlineBoardPage })));
const KeyProposalsPage = lazy(() => import('../features/key-proposals/components/key-proposals-page.js').then((m) => ({ default: m.KeyProposalsPage })));
const PublicationPage = lazy(() => import('../features/publication/components/publication-page.js').then((m) => ({ default: m.PublicationPage })));
const DashboardPage = lazy(() => import('../features/dashboard/components/dashboard-page.js').then((m) => ({ default: m.DashboardPage })));
const LeaguePage = lazy(() => import('../features/league/components/league-page.js').then((m) => ({ default: m.LeaguePage })));
const InboxPage = lazy(() => import('../features/unit-inbox/components/inbox-page.js').then((m) => ({ default: m.InboxPage })));
const UsersPage = lazy(() => import('../features/admin/components/users-page.js').then((m) => ({ default: m.UsersPage })));
const UnitsPage = lazy(() => import('../features/admin/components/units-page.js').then((m) => ({ default: m.UnitsPage })));
const DeadLettersPage = lazy(() => import('../features/admin/components/dead-letters-page.js').then((m) => ({ default: m.DeadLettersPage })));
const BodiesPage = lazy(() => import('../features/admin/components/bodies-page.js').then((m) => ({ default: m.BodiesPage })));
const MembersPage = lazy(() => import('../features/admin/components/members-page.js').then((m) => ({ default: m.MembersPage })));
const LeadersPage = lazy(() => import('../features/admin/components/leaders-page.js').then((m) => ({ default: m.LeadersPage })));
const SessionsPage = lazy(() => import('../features/admin/components/sessions-page.js').then((m) => ({ default: m.SessionsPage })));
const CalendarPage = lazy(() => import('../features/admin/components/calendar-page.js').then((m) => ({ default: m.CalendarPage })));
const AuditPage = lazy(() => import('../features/audit/components/audit-page.js').then((m) => ({ default: m.AuditPage })));
const NotificationsPage = lazy(() => import('../features/notifications/components/notifications-page.js').then((m) => ({ default: m.NotificationsPage })));
const PortalHomePage = lazy(() => import('../features/public-portal/components/portal-home-page.js').then((m) => ({ default: m.PortalHomePage })));
const PublicProposalPage = lazy(() => import('../features/public-portal/components/public-proposal-page.js').then((m) => ({ default: m.PublicProposalPage })));
const TasksPage = lazy(() => import('../features/tasks/components/tasks-page.js').then((m) => ({ default: m.TasksPage })));
const TaskDetailPage = lazy(() => import('../features/tasks/components/task-detail-page.js').then((m) => ({ default: m.TaskDetailPage })));
const TaskImportPage = lazy(() => import('../features/tasks-import/components/import-page.js').then((m) => ({ default: m.TaskImportPage })));
const PublicTasksPage = lazy(() => import('../features/public-portal/components/public-tasks-page.js').then((m) => ({ default: m.PublicTasksPage })));
const SearchPage = lazy(() => import('../features/search/components/search-page.js').then((m) => ({ default: m.SearchPage })));
const PaperProposalPage = lazy(() => import('../features/office-entry/components/paper-proposal-page.js').then((m) => ({ default: m.PaperProposalPage })));
const RostersPage = lazy(() => import('../features/rosters/components/rosters-page.js').then((m) => ({ default: m.RostersPage })));
const HistoryImportPage = lazy(() => import('../features/history-import/components/history-import-page.js').then((m) => ({ default: m.HistoryImportPage })));
const AccountPage = lazy(() => import('../features/account/components/account-page.js').then((m) => ({ default: m.AccountPage })));
const ApprovalsPage = lazy(() => import('../features/admin/components/approvals-page.js').then((m) => ({ default: m.ApprovalsPage })));
const SecuritySettingsPage = lazy(() => import('../features/admin/components/security-settings-page.js').then((m) => ({ default: m.SecuritySettingsPage })));
const AlertsPage = lazy(() => import('../features/audit/components/alerts-page.js').then((m) => ({ default: m.AlertsPage })));
const JointSupervisionsPage = lazy(() => import('../features/supervision/components/joint-supervisions-page.js').then((m) => ({ default: m.JointSupervisionsPage })));
const JointViewPage = lazy(() => import('../features/supervision/components/joint-view-page.js').then((m) => ({ default: m.JointViewPage })));
const LeaderSupervisionPage = lazy(() => import('../features/supervision/components/leader-page.js').then((m) => ({ default: m.LeaderSupervisionPage })));
const MySupervisionRedirect = lazy(() => import('../features/supervision/components/leader-page.js').then((m) => ({ default: m.MySupervisionRedirect })));
const OversightPage = lazy(() => import('../features/supervision/components/oversight-page.js').then((m) => ({ default: m.OversightPage })));
const PlatformTenantsPage = lazy(() => import('../features/supervision/components/platform-tenants-page.js').then((m) => ({ default: m.PlatformTenantsPage })));
const ProposalPrintPage = lazy(() => import('../features/print/components/proposal-prints.js').then((m) => ({ default: m.ProposalPrintPage })));
const AssignmentPrintPage = lazy(() => import('../features/print/components/proposal-prints.js').then((m) => ({ default: m.AssignmentPrintPage })));
const ReminderPrintPage = lazy(() => import('../features/print/components/proposal-prints.js').then((m) => ({ default: m.ReminderPrintPage })));
const UnitHandlingPrintPage = lazy(() => import('../features/print/components/unit-handling-print.js').then((m) => ({ default: m.UnitHandlingPrintPage })));
const ChangePasswordPage = lazy(() => import('../features/auth/components/change-password-page.js').then((m) => ({ default: m.ChangePasswordPage })));

/** A page open only to some roles; others see a 403 page rather than a broken screen. */
function RoleGate({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { me } = useAuth();
  if (!me || !roles.some((r) => me.roles.includes(r))) return <Result status="403" title={<CardPageTitle>403</CardPageTitle>} subTitle="当前角色无权访问此页面" />;
  return <>{children}</>;
}

/** The platform administrator's pages (users.platform_admin), above every tenant. */
function PlatformGate({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (!me?.platformAdmin) return <Result status="403" title={<CardPageTitle>403</CardPageTitle>} subTitle="当前角色无权访问此页面" />;
  return <>{children}</>;
}

function Home() {
  const { me } = useAuth();
  return <Navigate to={me ? homeFor(me.roles, me.platformAdmin) : '/login'} replace />;
}

export const router = createBrowserRouter([
  {
    element: <AppRoot />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/public', element: <Suspense fallback={<Spin fullscreen />}><PortalHomePage /></Suspense> },
      { path: '/public/proposals/:id', element: <Suspense fallback={<Spin fullscreen />}><PublicProposalPage /></Suspense> },
      { path: '/public/tasks', element: <Suspense fallback={<Spin fullscreen />}><PublicTasksPage /></Suspense> },
      {
        element: <SignedInLayout />,
        children: [
          { path: '/', element: <Home /> },
          { path: '/change-password', element: <ChangePasswordPage /> },
          { path: '/account', element: <AccountPage /> },
          { path: '/my', element: <RoleGate roles={['member', 'group']}><MyProposalsPage /></RoleGate> },
          { path: '/proposals/new', element: <RoleGate roles={['member', 'group']}><ProposalFormPage /></RoleGate> },
          { path: '/proposals/:id/edit', element: <RoleGate roles={['member', 'group']}><ProposalFormPage /></RoleGate> },
          { path: '/proposals', element: <RoleGate roles={['staff', 'office', 'unit', 'leader']}><ProposalListPage /></RoleGate> },
          { path: '/proposals/:id', element: <RoleGate roles={['member', 'group', 'staff', 'office', 'unit', 'leader']}><ProposalDetailPage actionForms={ACTION_FORMS} /></RoleGate> },
          // Print views (A4, @media print): readers as the proposal page; 交办单 and 催办通知单 for those who send or receive them.
          { path: '/proposals/:id/print', element: <RoleGate roles={['member', 'group', 'staff', 'office', 'unit', 'leader']}><ProposalPrintPage /></RoleGate> },
          { path: '/proposals/:id/print/assignment', element: <RoleGate roles={['staff', 'office', 'unit']}><AssignmentPrintPage /></RoleGate> },
          { path: '/proposals/:id/print/reminder', element: <RoleGate roles={['staff', 'office']}><ReminderPrintPage /></RoleGate> },
          { path: '/units/:id/print/handling', element: <RoleGate roles={['staff', 'office', 'leader', 'unit']}><UnitHandlingPrintPage /></RoleGate> },
          { path: '/paper-proposals/new', element: <RoleGate roles={['staff']}><PaperProposalPage /></RoleGate> },
          { path: '/history-import', element: <RoleGate roles={['staff']}><HistoryImportPage /></RoleGate> },
          { path: '/admin/rosters', element: <RoleGate roles={['sysadmin', 'secadmin']}><RostersPage /></RoleGate> },
          { path: '/review', element: <RoleGate roles={['staff']}><ReviewQueuePage /></RoleGate> },
          { path: '/merge', element: <RoleGate roles={['staff']}><MergePage /></RoleGate> },
          { path: '/assign', element: <RoleGate roles={['staff', 'office']}><BulkAssignPage /></RoleGate> },
          { path: '/objections', element: <RoleGate roles={['staff', 'office']}><ObjectionsPage /></RoleGate> },
          { path: '/reply-review', element: <RoleGate roles={['staff', 'office']}><ReplyReviewPage /></RoleGate> },
          { path: '/deadlines', element: <RoleGate roles={['staff', 'office']}><DeadlineBoardPage /></RoleGate> },
          { path: '/key-proposals', element: <RoleGate roles={['staff', 'office', 'leader']}><KeyProposalsPage /></RoleGate> },
          { path: '/joint-supervisions', element: <RoleGate roles={['staff', 'office', 'leader']}><JointSupervisionsPage /></RoleGate> },
          { path: '/joint-supervisions/:id', element: <RoleGate roles={['staff', 'office', 'leader']}><JointViewPage /></RoleGate> },
          { path: '/my-supervision', element: <RoleGate roles={['leader']}><MySupervisionRedirect /></RoleGate> },
          { path: '/leaders/:id/supervision', element: <RoleGate roles={['staff', 'office', 'leader']}><LeaderSupervisionPage /></RoleGate> },
          { path: '/oversight', element: <RoleGate roles={['staff', 'office']}><OversightPage /></RoleGate> },
          { path: '/platform/tenants', element: <PlatformGate><PlatformTenantsPage /></PlatformGate> },
          { path: '/publication', element: <RoleGate roles={['staff']}><PublicationPage /></RoleGate> },
          { path: '/dashboard', element: <RoleGate roles={['staff', 'office', 'leader']}><DashboardPage /></RoleGate> },
          { path: '/league', element: <RoleGate roles={['staff', 'office', 'leader']}><LeaguePage /></RoleGate> },
          { path: '/search', element: <RoleGate roles={['staff', 'office', 'unit', 'leader']}><SearchPage /></RoleGate> },
          { path: '/inbox', element: <RoleGate roles={['unit']}><InboxPage /></RoleGate> },
          { path: '/admin/users', element: <RoleGate roles={['secadmin']}><UsersPage /></RoleGate> },
          { path: '/admin/approvals', element: <RoleGate roles={['secadmin', 'sysadmin']}><ApprovalsPage /></RoleGate> },
          { path: '/admin/security', element: <RoleGate roles={['secadmin']}><SecuritySettingsPage /></RoleGate> },
          { path: '/admin/units', element: <RoleGate roles={['sysadmin']}><UnitsPage /></RoleGate> },
          { path: '/admin/bodies', element: <RoleGate roles={['sysadmin']}><BodiesPage /></RoleGate> },
          { path: '/admin/dead-letters', element: <RoleGate roles={['sysadmin']}><DeadLettersPage /></RoleGate> },
          { path: '/admin/members', element: <RoleGate roles={['sysadmin']}><MembersPage /></RoleGate> },
          { path: '/admin/leaders', element: <RoleGate roles={['sysadmin']}><LeadersPage /></RoleGate> },
          { path: '/admin/sessions', element: <RoleGate roles={['sysadmin']}><SessionsPage /></RoleGate> },
          { path: '/admin/calendar', element: <RoleGate roles={['sysadmin']}><CalendarPage /></RoleGate> },
          { path: '/audit', element: <RoleGate roles={['auditor']}><AuditPage /></RoleGate> },
          { path: '/audit/alerts', element: <RoleGate roles={['auditor']}><AlertsPage /></RoleGate> },
          { path: '/tasks', element: <RoleGate roles={['office', 'staff', 'leader', 'unit']}><TasksPage /></RoleGate> },
          { path: '/tasks/import', element: <RoleGate roles={['office']}><TaskImportPage /></RoleGate> },
          { path: '/tasks/:id', element: <RoleGate roles={['office', 'staff', 'leader', 'unit']}><TaskDetailPage /></RoleGate> },
          { path: '/notifications', element: <NotificationsPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
