import { parseArgs } from 'node:util';
import { UserError, type CommandContext } from './run';

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/** A command's own options, strictly: an unknown option is a user error with a message. */
export function parseCommandOptions<T extends OptionSpec>(ctx: CommandContext, spec: T) {
  try {
    return parseArgs({ args: ctx.args, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  }
}

export function requireOption<T>(value: T | undefined, command: string, option: string): T {
  if (value === undefined) throw new UserError(`${command} needs ${option}`);
  return value;
}

/** Human text, or with --json one JSON document. */
export function print(ctx: CommandContext, value: unknown, human: string): void {
  ctx.io.out(ctx.json ? JSON.stringify(value, null, 2) : human);
}
