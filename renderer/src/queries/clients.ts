import { keepPreviousData } from '@tanstack/react-query';
import type { ChannelInput, ParsedInput } from '../../../preload/contract';
import { readView, useChannel } from './channel';

export type ClientCreateInput = ChannelInput<'clients.create'>;
export type ClientUpdateInput = ChannelInput<'clients.update'>;

/** The client list's question, every field spelled out (the contract's defaults applied). */
export type ClientListQuery = NonNullable<ParsedInput<'clients.list'>>;
export type ClientStatusFilter = ClientListQuery['status'];
export type ClientSort = ClientListQuery['sort'];
export type SortDirection = ClientListQuery['direction'];

export const DEFAULT_CLIENT_QUERY: ClientListQuery = { search: '', status: 'open', sort: 'name', direction: 'asc', negativeOnly: false };

/**
 * The client list for one question (search, status, sort): the question is the query key,
 * so only the newest question's answer is shown. While the next answer is on its way the
 * previous list stays on screen, so typing in the search box never blanks the page.
 */
export function useClientList(query: ClientListQuery) {
  const view = readView(useChannel('clients.list', query, { placeholderData: keepPreviousData }));
  return { ...view, clients: view.data ?? [] };
}

/**
 * One client's own fields, for the edit form; nothing is read without an id (a new client).
 * Not kept once the form closes (gcTime 0): a form takes its values once, so it must start
 * from what main has now, never from a copy cached on an earlier visit.
 */
export function useClient(id: number | undefined) {
  const view = readView(useChannel('clients.get', { id: id ?? 0 }, { enabled: id !== undefined, gcTime: 0 }));
  return { ...view, client: view.data ?? null };
}

/** Guide: "Manage Client" — the client with its packages, DIDs, sub accounts, ledger and notices. */
export function useClientManage(id: number | null) {
  const view = readView(useChannel('clients.manage', { id: id ?? 0 }, { enabled: id !== null }));
  return { ...view, view: view.data ?? null };
}

export interface ClientChoice {
  id: number;
  name: string;
}

/** Clients a sub account can be bound to: every client that is not closed (`open` leaves closed ones out). */
export function useOpenClientChoices() {
  const view = readView(useChannel('clients.list', { status: 'open' }));
  const choices: ClientChoice[] = (view.data ?? []).map((client) => ({ id: client.id, name: client.name }));
  return { ...view, choices };
}
