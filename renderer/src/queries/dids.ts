import type { ChannelInput } from '../../../preload/contract';
import { readView, useChannel, useChannelAction } from './channel';

export type DidAddInput = ChannelInput<'dids.add'>;
export type DidUpdateInput = ChannelInput<'dids.update'>;

/** The reseller's DID inventory: numbers ordered from the provider, free or assigned to a client. */
export function useDids() {
  const view = readView(useChannel('dids.list'));
  const add = useChannelAction('dids.add');
  const importList = useChannelAction('dids.import');
  const update = useChannelAction('dids.update');
  const remove = useChannelAction('dids.remove');
  return {
    ...view,
    dids: view.data ?? [],
    load: view.reload,
    add: (input: DidAddInput) => add.run(input, () => ({ title: 'DID added', description: `${input.number.trim()} is in your inventory.` })),
    update: (input: DidUpdateInput, number: string) => update.run(input, () => ({ title: 'DID saved', description: `Changes to ${number} are saved.` })),
    remove: (id: number, number: string) => remove.run({ id }, () => ({ title: 'DID removed', description: `${number} is out of your inventory; its history stays.` })),
    importList: (text: string) =>
      importList.run({ text }, (result) => ({
        title: 'DID list imported',
        description: `${result.added} added, ${result.alreadyThere} already there, ${result.rejected.length} rejected.`,
      })),
  };
}
