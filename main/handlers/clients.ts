import * as billing from '../services/billing';
import * as ledger from '../services/clientLedger';
import * as money from '../services/clientMoney';
import * as connections from '../services/clientPackages';
import { clientManageView } from '../services/clientManage';
import * as clients from '../services/clients';
import type { ServiceContext } from '../services/context';
import * as dids from '../services/dids';
import * as subaccounts from '../services/subaccounts';
import type { PartialHandlerTable } from './table';

export const clientHandlers = (ctx: ServiceContext) =>
  ({
    'clients.list': (input) => clients.listClients(ctx, input),
    'clients.get': (input) => clients.getClient(ctx, input.id),
    'clients.manage': (input) => clientManageView(ctx, input.id),
    'clients.ledger': (input) => ledger.ledgerPage(ctx, input),
    'clients.ledgerCsv': (input) => ledger.ledgerCsv(ctx, input),
    'clients.create': (input) => clients.createClient(ctx, input),
    'clients.update': (input) => clients.updateClient(ctx, input),
    'clients.delete': (input) => clients.deleteClient(ctx, input),
    'clients.payment': (input) => money.addPayment(ctx, input),
    'clients.charge': (input) => money.addCharge(ctx, input),
    'clients.reverse': (input) => money.reverseEntry(ctx, input),
    'clients.connectPackage': (input) => connections.connectPackage(ctx, input),
    'clients.disconnectPackage': (input) => connections.disconnectPackage(ctx, input),
    'dids.list': () => dids.listDidInventory(ctx),
    'dids.add': (input) => dids.addDid(ctx, input),
    'dids.import': (input) => dids.importDids(ctx, input),
    'dids.update': (input) => dids.updateDid(ctx, input),
    'dids.remove': (input) => dids.removeDid(ctx, input),
    'dids.assign': (input) => dids.assignDid(ctx, input),
    'dids.unassign': (input) => dids.unassignDid(ctx, input),
    'subaccounts.list': (input) => subaccounts.listSubaccounts(ctx, input?.clientId),
    'subaccounts.get': (input) => subaccounts.getSubaccount(ctx, input),
    'subaccounts.create': (input) => subaccounts.createSubaccount(ctx, input),
    'subaccounts.update': (input) => subaccounts.updateSubaccount(ctx, input),
    'subaccounts.delete': (input) => subaccounts.deleteSubaccount(ctx, input),
    'subaccounts.revealPassword': (input) => subaccounts.revealPassword(ctx, input),
    'billing.run': (input) => billing.runBilling(ctx, input),
    'notices.list': (input) => money.listNotices(ctx, input?.clientId),
  }) satisfies PartialHandlerTable;
