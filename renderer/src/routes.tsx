import type { ReactNode } from 'react';
import { matchPath, type RouteParams } from './lib/router';
import { BrandingPage } from './pages/Branding/BrandingPage';
import { CallsImportPage } from './pages/Calls/CallsImportPage';
import { CallsPage } from './pages/Calls/CallsPage';
import { UnratedCallsPage } from './pages/Calls/UnratedCallsPage';
import { ClientCallsPage } from './pages/Clients/ClientCallsPage';
import { ClientEditorPage } from './pages/Clients/ClientEditorPage';
import { ClientManagePage } from './pages/Clients/ClientManagePage';
import { ClientsPage } from './pages/Clients/ClientsPage';
import { DashboardPage } from './pages/Dashboard/DashboardPage';
import { DidsPage } from './pages/Dids/DidsPage';
import { InvoicePage } from './pages/Invoices/InvoicePage';
import { InvoicesPage } from './pages/Invoices/InvoicesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { CostDeckPage } from './pages/Packages/CostDeckPage';
import { PackageEditorPage } from './pages/Packages/PackageEditorPage';
import { PackagesPage } from './pages/Packages/PackagesPage';
import { ReconciliationPage } from './pages/Reconciliation/ReconciliationPage';
import { ReportsPage } from './pages/Reports/ReportsPage';
import { SettingsPage } from './pages/Settings/SettingsPage';
import { EditSubaccountPage, NewSubaccountPage } from './pages/Subaccounts/SubaccountEditorPage';
import { SubaccountsPage } from './pages/Subaccounts/SubaccountsPage';
import { SyncPage } from './pages/Sync/SyncPage';

interface Route {
  pattern: string;
  render(params: RouteParams): ReactNode;
}

/** First match wins, so "/packages/new" and "/packages/costs" sit before "/packages/:id". */
const ROUTES: readonly Route[] = [
  { pattern: '/', render: () => <DashboardPage /> },
  { pattern: '/packages', render: () => <PackagesPage /> },
  { pattern: '/packages/new', render: () => <PackageEditorPage /> },
  { pattern: '/packages/costs', render: () => <CostDeckPage /> },
  { pattern: '/packages/:id', render: ({ id }) => <PackageEditorPage key={id} packageId={Number(id)} /> },
  { pattern: '/packages/:id/:tab', render: ({ id, tab }) => <PackageEditorPage key={id} packageId={Number(id)} tab={tab} /> },
  { pattern: '/clients', render: () => <ClientsPage /> },
  { pattern: '/clients/new', render: () => <ClientEditorPage /> },
  { pattern: '/clients/:id', render: ({ id }) => <ClientManagePage clientId={Number(id)} /> },
  { pattern: '/clients/:id/calls', render: ({ id }) => <ClientCallsPage key={id} clientId={Number(id)} /> },
  { pattern: '/clients/:id/edit', render: ({ id }) => <ClientEditorPage key={id} clientId={Number(id)} /> },
  { pattern: '/clients/:id/subaccounts/new', render: ({ id }) => <NewSubaccountPage clientId={Number(id)} /> },
  { pattern: '/subaccounts', render: () => <SubaccountsPage /> },
  { pattern: '/subaccounts/:id', render: ({ id }) => <EditSubaccountPage subaccountId={Number(id)} /> },
  { pattern: '/dids', render: () => <DidsPage /> },
  { pattern: '/calls', render: () => <CallsPage /> },
  { pattern: '/calls/import', render: () => <CallsImportPage /> },
  { pattern: '/calls/unrated', render: () => <UnratedCallsPage /> },
  { pattern: '/reports', render: () => <ReportsPage /> },
  { pattern: '/invoices', render: () => <InvoicesPage /> },
  { pattern: '/invoices/:id', render: ({ id }) => <InvoicePage key={id} invoiceId={Number(id)} /> },
  { pattern: '/branding', render: () => <BrandingPage /> },
  { pattern: '/sync', render: () => <SyncPage /> },
  { pattern: '/reconciliation', render: () => <ReconciliationPage /> },
  { pattern: '/settings', render: () => <SettingsPage /> },
  { pattern: '/settings/:tab', render: ({ tab }) => <SettingsPage key={tab} tab={tab} /> },
];

export function renderRoute(path: string): ReactNode {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return route.render(params);
  }
  return <NotFoundPage path={path} />;
}
