import { clientMonthTotals, dashboard } from '../services/reports/dashboard';
import { financialReport } from '../services/reports/financial';
import { didsReport, subaccountsReport } from '../services/reports/inventory';
import { currentMonth } from '../services/reports/months';
import type { ServiceContext } from '../services/context';
import type { PartialHandlerTable } from './table';

export const reportHandlers = (ctx: ServiceContext) =>
  ({
    'reports.financial': (input) => financialReport(ctx.db, input),
    'reports.dashboard': (input) => dashboard(ctx.db, input?.month ?? currentMonth(ctx.now())),
    'reports.clientMonth': (input) => clientMonthTotals(ctx.store, input?.month ?? currentMonth(ctx.now())),
    'reports.subaccounts': () => subaccountsReport(ctx.db),
    'reports.dids': (input) => didsReport(ctx.db, input?.month ?? currentMonth(ctx.now())),
  }) satisfies PartialHandlerTable;
