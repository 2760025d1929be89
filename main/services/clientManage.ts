import * as money from './clientMoney';
import * as connections from './clientPackages';
import { loadClient, toClientView } from './clients';
import type { ServiceContext } from './context';
import { clientDids } from './dids';
import { listSubaccounts } from './subaccounts';

/** The client's Manage page in one answer: the client, what is connected to it and its money. */
export async function clientManageView(ctx: ServiceContext, clientId: number) {
  const client = toClientView(await loadClient(ctx.db, clientId));
  return {
    client,
    thisMonthSpend: await money.thisMonthSpend(ctx, clientId),
    packages: await connections.clientPackages(ctx, clientId),
    dids: await clientDids(ctx, clientId),
    subaccounts: await listSubaccounts(ctx, clientId),
    ledger: await money.clientLedger(ctx, clientId),
    notices: await money.listNotices(ctx, clientId),
  };
}

