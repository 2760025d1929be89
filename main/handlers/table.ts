import { ZodError } from 'zod';
import { changesOf, contract, isChannelName, type ChannelName, type ChannelOutput, type ParsedInput } from '../../preload/contract';
import type { FieldIssue, Result } from '../../preload/result';
import { AppError } from '../errors';
import type { EventBus } from '../events';

export type Handler<K extends ChannelName> = (input: ParsedInput<K>) => Promise<ChannelOutput<K>>;
export type HandlerTable = { [K in ChannelName]: Handler<K> };
export type PartialHandlerTable = { [K in ChannelName]?: Handler<K> };

/** Joins per-domain handler maps; a channel implemented twice is a bug, so it throws. */
export function joinHandlers(...parts: PartialHandlerTable[]): HandlerTable {
  const joined: PartialHandlerTable = {};
  for (const part of parts) {
    for (const name of Object.keys(part) as ChannelName[]) {
      if (Object.hasOwn(joined, name)) throw new Error(`Channel "${name}" has two handlers`);
      Object.assign(joined, { [name]: part[name] });
    }
  }
  const missing = (Object.keys(contract) as ChannelName[]).filter((name) => !Object.hasOwn(joined, name));
  if (missing.length > 0) throw new Error(`Channels without a handler: ${missing.join(', ')}`);
  return joined as HandlerTable;
}

function issuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * The one door into main, shared by both hosts: validates the payload with the
 * contract's schema before any work and turns every failure into a typed error result.
 * After a successful mutation it tells the windows which data domains changed (the
 * contract's `changes` of the channel), so no service has to remember to.
 */
export async function dispatch(table: HandlerTable, name: string, payload: unknown, events?: EventBus): Promise<Result<unknown>> {
  if (!isChannelName(name)) {
    return { ok: false, error: { code: 'unknown_channel', message: `There is no channel "${name}"` } };
  }
  const parsed = contract[name].input.safeParse(payload);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    const first = issues[0];
    const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid input';
    return { ok: false, error: { code: 'invalid_input', message, issues } };
  }
  try {
    const handler = table[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    announceChanges(name, events);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
      };
    }
    if (error instanceof Error && 'code' in error && error.code === 'db_too_new') {
      return { ok: false, error: { code: 'db_too_new', message: error.message } };
    }
    // A bug: log it in main, give the person a message without internals.
    console.error(`[${name}]`, error);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong in the app; nothing was changed.' } };
  }
}

function announceChanges(name: ChannelName, events: EventBus | undefined): void {
  const domains = changesOf(name);
  if (!events || domains.length === 0) return;
  try {
    events.emit('data.changed', { domains: [...domains] });
  } catch (error) {
    // The write is done; a window that failed to hear of it refreshes on its next read.
    console.error(`[${name}] data.changed listener failed`, error);
  }
}
