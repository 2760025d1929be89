import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError, Result } from '../../../preload/result';
import type { ClientManageView, LedgerEntryView } from '../../../preload/schemas/clients';
import { api } from '../api';
import { formatMoney } from '../../../preload/common/format';
import { perform, type ActionOutcome, type SuccessMessage } from './clientsOutcome';
import type { LoadStatus } from './status';

export type MoneyMovementInput = ChannelInput<'clients.payment'>;
export type ConnectPackageInput = ChannelInput<'clients.connectPackage'>;
export type AssignDidInput = ChannelInput<'dids.assign'>;

interface ClientManageState {
  clientId: number | null;
  view: ClientManageView | null;
  status: LoadStatus;
  error: ApiError | null;
  /** Opens the Manage page of a client (drops the previous client's view). */
  open(clientId: number): Promise<void>;
  /** Reloads the open client after an action, keeping the page on screen meanwhile. */
  refresh(): Promise<void>;
}

export const useClientManage = create<ClientManageState>()((set, get) => ({
  clientId: null,
  view: null,
  status: 'idle',
  error: null,

  async open(clientId) {
    if (get().clientId !== clientId) set({ clientId, view: null, status: 'loading', error: null });
    await get().refresh();
  },

  async refresh() {
    const clientId = get().clientId;
    if (clientId === null) return;
    const result = await api.clients.manage({ id: clientId });
    if (get().clientId !== clientId) return;
    if (result.ok) set({ view: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result.error });
  },
}));

/** Every Manage action: call main, toast on success, then show the new state of the client. */
async function manageAction<T>(request: Promise<Result<T>>, success: (value: T) => SuccessMessage): Promise<ActionOutcome<T>> {
  const outcome = await perform(request, success);
  if (outcome.ok) await useClientManage.getState().refresh();
  return outcome;
}

/** "+$50.0000 — balance is now $45.0000", from the newest ledger entry main returns. */
function movementSummary(ledger: readonly LedgerEntryView[]): string | undefined {
  const newest = ledger[0];
  return newest ? `${formatMoney(newest.amount)} — the balance is now ${formatMoney(newest.runningBalance)}.` : undefined;
}

export const addPayment = (input: MoneyMovementInput) =>
  manageAction(api.clients.payment(input), (ledger) => ({ title: 'Payment added', description: movementSummary(ledger) }));

export const addCharge = (input: MoneyMovementInput) =>
  manageAction(api.clients.charge(input), (ledger) => ({ title: 'Charge added', description: movementSummary(ledger) }));

export const reverseEntry = (entryId: number, reason: string) =>
  manageAction(api.clients.reverse({ entryId, reason }), () => ({ title: 'Entry reversed', description: 'A reversing entry was added to the ledger.' }));

export const connectPackage = (input: ConnectPackageInput) =>
  manageAction(api.clients.connectPackage(input), () => ({ title: 'Package connected' }));

export const disconnectPackage = (connectionId: number, packageName: string) =>
  manageAction(api.clients.disconnectPackage({ id: connectionId }), () => ({ title: 'Package unconnected', description: `“${packageName}” is no longer connected.` }));

export const assignDid = (input: AssignDidInput) =>
  manageAction(api.dids.assign(input), () => ({ title: 'DID assigned', description: `${input.number} now rings for this client.` }));

export const unassignDid = (assignmentId: number, number: string) =>
  manageAction(api.dids.unassign({ id: assignmentId }), () => ({ title: 'DID unassigned', description: `${number} is back in your inventory.` }));

export const deleteSubaccount = (id: number, username: string) =>
  manageAction(api.subaccounts.delete({ id }), () => ({ title: 'Sub account deleted', description: `${username} was deleted.` }));

/** The client is closed, not erased; the caller leaves the page on success. */
export const deleteClient = (id: number, name: string) =>
  perform(api.clients.delete({ id }), () => ({ title: 'Client deleted', description: `${name} is closed; their history is kept.` }));
