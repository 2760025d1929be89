import { useCallback } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import type { LedgerEntryView } from '../../../preload/schemas/clients';
import { formatMoney } from '../../../preload/common/format';
import { useChannelAction } from './channel';

/**
 * The Manage page's actions. Each one calls main, shows the success toast, and answers
 * once the reads it changed have been read again (useChannelMutation invalidates them),
 * so a dialog closes onto the client's new state.
 */

export type MoneyMovementInput = ChannelInput<'clients.payment'>;
export type ConnectPackageInput = ChannelInput<'clients.connectPackage'>;
export type AssignDidInput = ChannelInput<'dids.assign'>;

/**
 * "$50.00 — the balance is now $45.00", from the entry just written: the ledger main returns
 * is in statement order (by date), so the newest entry is the one with the highest id.
 */
function movementSummary(ledger: readonly LedgerEntryView[]): string | undefined {
  const newest = ledger.reduce<LedgerEntryView | undefined>((latest, entry) => (latest === undefined || entry.id > latest.id ? entry : latest), undefined);
  // The balance is the statement's last line (its first row), whatever date the new entry applies to.
  const balance = ledger[0]?.runningBalance;
  return newest && balance !== undefined ? `${formatMoney(newest.amount)} — the balance is now ${formatMoney(balance)}.` : undefined;
}

export function useAddPayment() {
  const { run } = useChannelAction('clients.payment');
  return useCallback((input: MoneyMovementInput) => run(input, (ledger) => ({ title: 'Payment added', description: movementSummary(ledger) })), [run]);
}

export function useAddCharge() {
  const { run } = useChannelAction('clients.charge');
  return useCallback((input: MoneyMovementInput) => run(input, (ledger) => ({ title: 'Charge added', description: movementSummary(ledger) })), [run]);
}

export function useReverseEntry() {
  const { run } = useChannelAction('clients.reverse');
  return useCallback(
    (entryId: number, reason: string) => run({ entryId, reason }, () => ({ title: 'Entry reversed', description: 'A reversing entry was added to the ledger.' })),
    [run],
  );
}

export function useConnectPackage() {
  const { run } = useChannelAction('clients.connectPackage');
  return useCallback((input: ConnectPackageInput) => run(input, () => ({ title: 'Package connected' })), [run]);
}

export function useDisconnectPackage() {
  const { run } = useChannelAction('clients.disconnectPackage');
  return useCallback(
    (connectionId: number, packageName: string) =>
      run({ id: connectionId }, () => ({ title: 'Package unconnected', description: `“${packageName}” is no longer connected.` })),
    [run],
  );
}

export function useAssignDid() {
  const { run } = useChannelAction('dids.assign');
  return useCallback((input: AssignDidInput) => run(input, () => ({ title: 'DID assigned', description: `${input.number} now rings for this client.` })), [run]);
}

export function useUnassignDid() {
  const { run } = useChannelAction('dids.unassign');
  return useCallback(
    (assignmentId: number, number: string) => run({ id: assignmentId }, () => ({ title: 'DID unassigned', description: `${number} is back in your inventory.` })),
    [run],
  );
}

export function useDeleteSubaccount() {
  const { run } = useChannelAction('subaccounts.delete');
  return useCallback((id: number, username: string) => run({ id }, () => ({ title: 'Sub account deleted', description: `${username} was deleted.` })), [run]);
}

/** The client is closed, not erased; the caller leaves the page on success. */
export function useDeleteClient() {
  const { run } = useChannelAction('clients.delete');
  return useCallback((id: number, name: string) => run({ id }, () => ({ title: 'Client deleted', description: `${name} is closed; their history is kept.` })), [run]);
}
