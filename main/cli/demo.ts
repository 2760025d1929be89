import { DEMO_LIMITS, type DemoProgress, type DemoResult } from '../../preload/schemas/demo';
import { parseCommandOptions, print } from './options';
import { ChannelError, UserError, type Command } from './run';

function wholeOption(text: string | undefined, option: string, limits: { min: number; max: number; default: number }): number {
  if (text === undefined) return limits.default;
  const value = Number(text.replaceAll('_', ''));
  if (!/^\d[\d_]*$/.test(text) || !Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
    throw new UserError(`${option} must be a whole number from ${limits.min} to ${limits.max}`);
  }
  return value;
}

/** Progress on stderr: when a stage starts and ends, and at most once a second in between. */
function progressPrinter(err: (text: string) => void): (progress: DemoProgress) => void {
  let stage = '';
  let last = 0;
  const started = Date.now();
  return (progress) => {
    const now = Date.now();
    if (progress.stage === stage && progress.done < progress.total && now - last < 1000) return;
    stage = progress.stage;
    last = now;
    const percent = progress.total > 0 ? ` ${Math.floor((progress.done * 100) / progress.total)}%` : '';
    err(`demo [${((now - started) / 1000).toFixed(1)} s] ${progress.stage}${percent} - ${progress.message}`);
  };
}

const human = (result: DemoResult): string =>
  [
    `Demo reseller (seed ${result.seed}), ${result.from} to ${result.to}:`,
    `  ${result.packages} packages with ${result.customRates} custom rates`,
    `  ${result.clients} clients, ${result.subaccounts} sub accounts, ${result.dids} DIDs`,
    `  ${result.payments} payments, ${result.charges} charges, ${result.billingCycles} billing cycles closed`,
    `  ${result.calls.imported} calls imported: ${result.calls.rated} rated, ${result.calls.unrated} unrated`,
    `  in ${(result.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');

export const demoCommands: Command[] = [
  {
    name: 'demo',
    usage: 'demo [--clients N] [--cdrs N] [--seed S] [--months M] [--force]   build a realistic reseller dataset',
    async run(ctx) {
      const { values, positionals } = parseCommandOptions(ctx, {
        clients: { type: 'string' },
        cdrs: { type: 'string' },
        seed: { type: 'string' },
        months: { type: 'string' },
        force: { type: 'boolean' },
      });
      if (positionals.length > 0) throw new UserError(`demo takes no argument "${positionals[0]}"`);
      const options = {
        clients: wholeOption(values.clients, '--clients', DEMO_LIMITS.clients),
        cdrs: wholeOption(values.cdrs, '--cdrs', DEMO_LIMITS.cdrs),
        seed: wholeOption(values.seed, '--seed', DEMO_LIMITS.seed),
        months: wholeOption(values.months, '--months', DEMO_LIMITS.months),
        force: values.force === true,
      };
      // Progress arrives as the window's 'demo.progress' event; the CLI prints it on stderr.
      const printProgress = progressPrinter(ctx.io.err);
      const stopListening = ctx.events.listen((name, payload) => {
        if (name === 'demo.progress') printProgress(payload as DemoProgress);
      });
      try {
        const result = await ctx.call('demo.load', options);
        print(ctx, result, human(result));
      } catch (error) {
        // On a team server --force is refused too (generate.ts): no hint to add it there.
        if (error instanceof ChannelError && error.code === 'conflict') throw new UserError(ctx.store.dialect === 'postgres' ? error.message : `${error.message} (add --force to load it anyway)`);
        throw error;
      } finally {
        stopListening();
      }
    },
  },
];
