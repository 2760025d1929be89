import { writeFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { parseCommandOptions, print, requireOption } from './options';
import type { CostImportResult } from '../../preload/schemas/pricing';
import { UserError, type Command } from './run';

function packageId(text: string | undefined): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new UserError('--package takes a package id (see "package list")');
  return id;
}

/** Every line a cost import did not take, with its reason. */
function rejectedLines(result: CostImportResult): string[] {
  return result.rejected.map((line) => `  line ${line.line}: ${line.reason}`);
}

export const pricingCommands: Command[] = [
  {
    name: 'price',
    usage: 'price --package ID --to DIGITS --seconds N [--cost RATE] [--inbound] [--did-rate RATE]\n' +
      '                                 what one call would cost the client, and why',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, {
        package: { type: 'string' },
        to: { type: 'string' },
        seconds: { type: 'string' },
        cost: { type: 'string' },
        inbound: { type: 'boolean' },
        'did-rate': { type: 'string' },
      });
      const preview = await ctx.call('pricing.preview', {
        packageId: packageId(requireOption(values.package, 'price', '--package ID')),
        destination: requireOption(values.to, 'price', '--to DIGITS'),
        seconds: requireOption(values.seconds, 'price', '--seconds N'),
        ...(values.cost !== undefined ? { costRate: values.cost } : {}),
        ...(values['did-rate'] !== undefined ? { didRate: values['did-rate'] } : {}),
        inbound: values.inbound === true,
      });
      print(
        ctx,
        preview,
        [
          `${preview.direction} ${preview.destination}${preview.countryName ? ` (${preview.countryName})` : ''}`,
          preview.priceUnknown
            ? `price not known: no cost for ${preview.priceUnknown.destinationLabel}; missing ${preview.priceUnknown.missing} (--cost RATE)`
            : `sell rate ${preview.sellRate ?? '?'}/min, billed ${preview.billedSeconds} s, charge ${preview.charge ?? '?'}`,
          preview.cost === null
            ? `cost not known (${preview.costSource}), profit not known`
            : `cost ${preview.cost} (${preview.costSource}), profit ${preview.profit ?? '?'}`,
          preview.explanation,
        ].join('\n'),
      );
    },
  },
  {
    name: 'pricelist',
    usage: 'pricelist --package ID [--costs F --route value|premium] --out F.csv\n' +
      '                                 the package sell price of every cost-deck destination',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, {
        package: { type: 'string' },
        costs: { type: 'string' },
        route: { type: 'string' },
        out: { type: 'string' },
      });
      const out = requireOption(values.out, 'pricelist', '--out F.csv');
      if (values.costs !== undefined) {
        const csv = await readFile(values.costs, 'utf8').catch(() => {
          throw new UserError(`Cannot read ${values.costs}`);
        });
        const imported = await ctx.call('costs.import', { route: values.route ?? 'value', csv });
        ctx.io.err([`Cost deck: ${imported.imported} prefixes imported, ${imported.rejected.length} lines rejected`, ...rejectedLines(imported)].join('\n'));
        if (imported.failure !== null) throw new UserError(`${imported.failure} No price list written.`);
      }
      const list = await ctx.call('pricing.priceList', { packageId: packageId(values.package) });
      await writeFile(out, list.csv);
      const unpriced = list.unpriced > 0 ? ` (${list.unpriced} without a price: no cost on the package's route, see price_source)` : '';
      print(ctx, { file: out, rows: list.rows, unpriced: list.unpriced }, `Wrote ${list.rows} destinations to ${out}${unpriced}`);
    },
  },
  {
    name: 'costs import',
    usage: 'costs import --file F.csv --route value|premium [--replace]\n' +
      '                                 import the provider termination rates (destination,prefix,rate,increment)',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { file: { type: 'string' }, route: { type: 'string' }, replace: { type: 'boolean' } });
      const file = requireOption(values.file, 'costs import', '--file F.csv');
      const csv = await readFile(file, 'utf8').catch(() => {
        throw new UserError(`Cannot read ${file}`);
      });
      const result = await ctx.call('costs.import', { route: requireOption(values.route, 'costs import', '--route value|premium'), csv, replace: values.replace === true });
      print(ctx, result, [`Imported ${result.imported} prefixes into the ${result.route} deck; ${result.rejected.length} lines rejected`, ...rejectedLines(result)].join('\n'));
      // An import that took nothing in failed (the deck is as it was): exit 1 with why.
      if (result.failure !== null) throw new UserError(result.failure);
    },
  },
];
