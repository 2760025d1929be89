import type { ChannelInput } from '../../../preload/contract';
import { readView, useChannel, useChannelAction } from './channel';

export type DidAddInput = ChannelInput<'dids.add'>;

/** The reseller's DID inventory: numbers ordered from the provider, free or assigned to a client. */
export function useDids() {
  const view = readView(useChannel('dids.list'));
  const add = useChannelAction('dids.add');
  const importList = useChannelAction('dids.import');
  return {
    ...view,
    dids: view.data ?? [],
    load: view.reload,
    add: (input: DidAddInput) => add.run(input, () => ({ title: 'DID added', description: `${input.number.trim()} is in your inventory.` })),
    importList: (text: string) =>
      importList.run({ text }, (result) => ({
        title: 'DID list imported',
        description: `${result.added} added, ${result.alreadyThere} already there, ${result.rejected.length} rejected.`,
      })),
  };
}
