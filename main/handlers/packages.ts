import type { ServiceContext } from '../services/context';
import * as costDeck from '../services/costDeck';
import { countryOptions } from '../services/countries';
import * as rates from '../services/packageRates';
import * as packages from '../services/packages';
import * as pricing from '../services/pricing';
import type { PartialHandlerTable } from './table';

export const packageHandlers = (ctx: ServiceContext) =>
  ({
    'packages.list': (input) => packages.listPackages(ctx, input),
    'packages.get': (input) => packages.getPackage(ctx, input),
    'packages.create': (input) => packages.createPackage(ctx, input),
    'packages.update': (input) => packages.updatePackage(ctx, input),
    'packages.delete': (input) => packages.deletePackage(ctx, input),
    'packages.rates': (input) => rates.listCustomRates(ctx, input),
    'packages.saveRates': (input) => rates.saveCustomRates(ctx, input),
    'pricing.preview': (input) => pricing.previewPrice(ctx, input),
    'pricing.priceList': (input) => pricing.priceList(ctx, input),
    'pricing.countries': async () => countryOptions(),
    'costs.import': (input) => costDeck.importCostDeck(ctx, input),
    'costs.summary': () => costDeck.costDeckSummary(ctx),
  }) satisfies PartialHandlerTable;
