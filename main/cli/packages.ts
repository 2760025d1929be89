import type { PackageView } from '../../preload/schemas/packages';
import { parseCommandOptions as options, print } from './options';
import { UserError, type Command } from './run';

function idArgument(positionals: string[]): number {
  const id = Number(positionals[0]);
  if (!Number.isInteger(id) || id <= 0) throw new UserError('Give the package id, e.g. "package show 3"');
  return id;
}

const describePackage = (pkg: PackageView): string =>
  `#${pkg.id} ${pkg.name} — markup ${pkg.markupFixed} + ${pkg.markupPercent} %, pulse ${pkg.pulseSeconds} s`;

export const packageCommands: Command[] = [
  {
    name: 'package create',
    usage: 'package create --file F        create a package from a JSON file (same shape as the app form)',
    async run(ctx) {
      const { values } = options(ctx, { file: { type: 'string' } });
      if (!values.file) throw new UserError('package create needs --file F');
      const created = await ctx.call('packages.create', await ctx.readJsonFile(values.file));
      print(ctx, created, `Created package ${describePackage(created)}`);
    },
  },
  {
    name: 'package list',
    usage: 'package list                   list packages',
    async run(ctx) {
      options(ctx, {});
      const list = await ctx.call('packages.list');
      print(ctx, list, list.length === 0 ? 'No packages yet.' : list.map(describePackage).join('\n'));
    },
  },
  {
    name: 'package show',
    usage: 'package show ID                one package',
    async run(ctx) {
      const { positionals } = options(ctx, {});
      const pkg = await ctx.call('packages.get', { id: idArgument(positionals) });
      print(ctx, pkg, describePackage(pkg));
    },
  },
  {
    name: 'package delete',
    usage: 'package delete ID              delete a package',
    async run(ctx) {
      const { positionals } = options(ctx, {});
      const deleted = await ctx.call('packages.delete', { id: idArgument(positionals) });
      print(ctx, deleted, `Deleted package #${deleted.id}`);
    },
  },
];
