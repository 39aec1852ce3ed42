import { lazy, type ComponentType } from 'react';
import { Mail } from '../pages/Mail.tsx';
import { Discussions } from '../pages/Discussions.tsx';
import { Notifications } from '../pages/Notifications.tsx';

const Settings = lazy(() => import('../pages/Settings.tsx'));
const MailAccounts = lazy(() => import('../pages/accounts/MailAccounts.tsx'));
const Users = lazy(() => import('../pages/admin/Users.tsx'));
const Groups = lazy(() => import('../pages/admin/Groups.tsx'));
const Departments = lazy(() => import('../pages/admin/Departments.tsx'));
const ApiKeys = lazy(() => import('../pages/admin/ApiKeys.tsx'));
const MailProviders = lazy(() => import('../pages/admin/MailProviders.tsx'));
const SharedMailboxes = lazy(() => import('../pages/admin/SharedMailboxes.tsx'));
const SystemMail = lazy(() => import('../pages/admin/SystemMail.tsx'));
const Outbox = lazy(() => import('../pages/admin/Outbox.tsx'));

export interface RouteDef {
  path: string;
  /** Translation key of the page title (the browser tab shows it). */
  title:
    | 'nav.mail' | 'nav.discussions' | 'nav.notifications' | 'nav.settings' | 'nav.mailAccounts'
    | 'nav.users' | 'nav.groups' | 'nav.departments' | 'nav.apiKeys' | 'nav.mailProviders' | 'nav.sharedMailboxes'
    | 'nav.systemMail' | 'nav.outbox';
  page: ComponentType;
  admin?: boolean;
  /** Also the paths under it (/discussions/:id). */
  prefix?: boolean;
}

export const routes: RouteDef[] = [
  { path: '/mail', title: 'nav.mail', page: Mail },
  { path: '/discussions', title: 'nav.discussions', page: Discussions, prefix: true },
  { path: '/notifications', title: 'nav.notifications', page: Notifications },
  { path: '/settings', title: 'nav.settings', page: Settings },
  { path: '/settings/accounts', title: 'nav.mailAccounts', page: MailAccounts },
  { path: '/admin/users', title: 'nav.users', page: Users, admin: true },
  { path: '/admin/groups', title: 'nav.groups', page: Groups, admin: true },
  { path: '/admin/departments', title: 'nav.departments', page: Departments, admin: true },
  { path: '/admin/api-keys', title: 'nav.apiKeys', page: ApiKeys, admin: true },
  { path: '/admin/mail-providers', title: 'nav.mailProviders', page: MailProviders, admin: true },
  { path: '/admin/shared-mailboxes', title: 'nav.sharedMailboxes', page: SharedMailboxes, admin: true },
  { path: '/admin/system-mail', title: 'nav.systemMail', page: SystemMail, admin: true },
  { path: '/admin/outbox', title: 'nav.outbox', page: Outbox, admin: true },
];

export const HOME = '/mail';
