import { APP_SECTIONS, type SectionPath } from '../../../../preload/common/sections';
import type { IconName } from '../Icon';

export interface NavItem {
  label: string;
  /** The route prefix this section owns ("/packages" also covers "/packages/3"). */
  path: string;
  icon: IconName;
}

const ICONS: Record<SectionPath, IconName> = {
  '/': 'dashboard',
  '/packages': 'packages',
  '/clients': 'clients',
  '/subaccounts': 'subaccounts',
  '/dids': 'phone',
  '/calls': 'calls',
  '/reports': 'reports',
  '/invoices': 'invoices',
  '/branding': 'branding',
  '/sync': 'sync',
  '/reconciliation': 'check',
  '/settings': 'settings',
};

/** The sidebar: the app's sections (common/sections.ts, also the desktop menu's), each with its icon. */
export const NAV_ITEMS: readonly NavItem[] = APP_SECTIONS.map((section) => ({ label: section.label, path: section.path, icon: ICONS[section.path] }));

export function isActiveSection(item: NavItem, currentPath: string): boolean {
  if (item.path === '/') return currentPath === '/';
  return currentPath === item.path || currentPath.startsWith(`${item.path}/`);
}
