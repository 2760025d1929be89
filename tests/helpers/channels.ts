import { dispatch, type HandlerTable } from '../../main/handlers/table';
import type { Result } from '../../preload/result';

/** Calls channels of a test's handler table: `call` gives the Result, `ok` the value or throws with the channel's message. */
export function channelCaller(table: () => HandlerTable) {
  const call = (name: string, input?: unknown) => dispatch(table(), name, input);
  async function ok<T = Record<string, unknown>>(name: string, input?: unknown): Promise<T> {
    const result = (await call(name, input)) as Result<T>;
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  }
  return { call, ok };
}
