import { parseArgs } from 'node:util';
import { UserError, type CommandContext } from './run';

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/** "-5" or "-0.25": a value, not an option (node's parseArgs would call it ambiguous). */
const NEGATIVE_NUMBER = /^-\d/;

/** `--amount -5` → `--amount=-5` for the command's own string options. */
function joinNegativeValues(args: readonly string[], spec: OptionSpec): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    const next = args[index + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && spec[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`${arg}=${next}`);
      index += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** A command's own options, strictly: an unknown option is a user error with a message. */
export function parseCommandOptions<T extends OptionSpec>(ctx: Pick<CommandContext, 'args'>, spec: T) {
  try {
    return parseArgs({ args: joinNegativeValues(ctx.args, spec), options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  }
}

export function requireOption<T>(value: T | undefined, command: string, option: string): T {
  if (value === undefined) throw new UserError(`${command} needs ${option}`);
  return value;
}

/** Human text, or with --json one JSON document. */
export function print(ctx: Pick<CommandContext, 'io' | 'json'>, value: unknown, human: string): void {
  ctx.io.out(ctx.json ? JSON.stringify(value, null, 2) : human);
}
