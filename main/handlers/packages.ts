import * as packages from '../services/packages';
import type { ServiceContext } from '../services/context';
import type { PartialHandlerTable } from './table';

export const packageHandlers = (ctx: ServiceContext) =>
  ({
    'packages.list': () => packages.listPackages(ctx),
    'packages.get': (input) => packages.getPackage(ctx, input),
    'packages.create': (input) => packages.createPackage(ctx, input),
    'packages.update': (input) => packages.updatePackage(ctx, input),
    'packages.delete': (input) => packages.deletePackage(ctx, input),
  }) satisfies PartialHandlerTable;
