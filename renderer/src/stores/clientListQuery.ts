import { create } from 'zustand';
import { DEFAULT_CLIENT_QUERY, type ClientListQuery } from '../queries/clients';

interface ClientListQueryState {
  /** What the client list asks main (search, filters, sort); kept while the person visits a client. */
  query: ClientListQuery;
  setQuery(change: Partial<ClientListQuery>): void;
}

/** The window's own state of the client list; the list itself is server state (queries/clients.ts). */
export const useClientListQuery = create<ClientListQueryState>()((set) => ({
  query: DEFAULT_CLIENT_QUERY,
  setQuery(change) {
    set((state) => ({ query: { ...state.query, ...change } }));
  },
}));
