import type { Selectable } from 'kysely';
import type { PackagesTable, ProviderPackagesTable } from '../../../db/schema';
import type { PackageDifferenceView, PackageProviderView } from '../../../preload/schemas/sync';
import { ROUTE_LABELS } from '../../../preload/common/catalog';
import { PACKAGE_TERMS, packageDifferences, type PackageTerm, type PackageTerms } from '../../engine/packageDifferences';
import { AppError, fieldError, notFound } from '../../errors';
import { micros, moneyToText, percentE4, percentToText, rateE8, rateToText } from '../../money';
import { isoNow, type ServiceContext } from '../../services/context';

type TermColumns = Pick<
  Selectable<PackagesTable> & Selectable<ProviderPackagesTable>,
  | 'markup_fixed_e8'
  | 'markup_percent_e4'
  | 'pulse_seconds'
  | 'international_route'
  | 'canada_route'
  | 'monthly_fee_micros'
  | 'setup_fee_micros'
  | 'free_minutes'
>;

function termsOf(row: TermColumns): PackageTerms {
  return {
    markupFixedE8: row.markup_fixed_e8,
    markupPercentE4: row.markup_percent_e4,
    pulseSeconds: row.pulse_seconds,
    internationalRoute: row.international_route,
    canadaRoute: row.canada_route,
    monthlyFeeMicros: row.monthly_fee_micros,
    setupFeeMicros: row.setup_fee_micros,
    freeMinutes: row.free_minutes,
  };
}

function termText(terms: PackageTerms, term: PackageTerm): string {
  switch (term) {
    case 'markupFixedE8':
      return rateToText(rateE8(terms.markupFixedE8));
    case 'markupPercentE4':
      return `${percentToText(percentE4(terms.markupPercentE4))} %`;
    case 'pulseSeconds':
      return `${terms.pulseSeconds} s`;
    case 'internationalRoute':
    case 'canadaRoute':
      return ROUTE_LABELS[terms[term]];
    case 'monthlyFeeMicros':
    case 'setupFeeMicros':
      return moneyToText(micros(terms[term]));
    case 'freeMinutes':
      return String(terms.freeMinutes);
  }
}

/**
 * A local package against the provider's package it is linked to (as last pulled): the
 * fields that differ, so the reseller can fix them in the provider's portal (packages
 * cannot be written through the API), and the provider's packages to link it to.
 */
export async function packageProviderView(ctx: ServiceContext, input: { id: number }): Promise<PackageProviderView> {
  const pkg = await ctx.db.selectFrom('packages').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!pkg) throw notFound(`Package ${input.id}`);
  const providerPackages = await ctx.db
    .selectFrom('provider_packages')
    .leftJoin('packages', 'packages.provider_id', 'provider_packages.provider_id')
    .selectAll('provider_packages')
    .select('packages.id as linked_package_id')
    .orderBy('provider_packages.name')
    .execute();
  const linked = pkg.provider_id === null ? undefined : providerPackages.find((row) => row.provider_id === pkg.provider_id);
  let differences: PackageDifferenceView[] = [];
  if (linked) {
    const here = termsOf(pkg);
    const there = termsOf(linked);
    const differing = new Set(packageDifferences(here, there));
    differences = PACKAGE_TERMS.filter(({ term }) => differing.has(term)).map(({ term, providerField, label }) => ({
      field: providerField,
      label,
      here: termText(here, term),
      atProvider: termText(there, term),
    }));
  }
  return {
    packageId: pkg.id,
    link: linked ? { providerId: linked.provider_id, name: linked.name, pulledAt: linked.pulled_at } : null,
    missingAtProvider: pkg.provider_id !== null && !linked ? pkg.provider_id : null,
    differences,
    choices: providerPackages.map((row) => ({ providerId: row.provider_id, name: row.name, linkedPackageId: row.linked_package_id })),
  };
}

/** Links a local package to a provider package of the last pull (one local package per provider package), or unlinks it (null). */
export async function linkPackage(ctx: ServiceContext, input: { packageId: number; providerId: string | null }): Promise<PackageProviderView> {
  await ctx.db.transaction().execute(async (trx) => {
    const pkg = await trx.selectFrom('packages').select(['id', 'name']).where('id', '=', input.packageId).executeTakeFirst();
    if (!pkg) throw notFound(`Package ${input.packageId}`);
    if (input.providerId !== null) {
      const known = await trx.selectFrom('provider_packages').select('name').where('provider_id', '=', input.providerId).executeTakeFirst();
      if (!known) throw fieldError('providerId', `The provider has no package ${input.providerId} (as of the last pull): pull again, then choose`);
      const taken = await trx
        .selectFrom('packages')
        .select('name')
        .where('provider_id', '=', input.providerId)
        .where('id', '!=', input.packageId)
        .executeTakeFirst();
      if (taken) throw new AppError('conflict', `The provider's package "${known.name}" is already linked to "${taken.name}": unlink it there first`);
    }
    await trx.updateTable('packages').set({ provider_id: input.providerId, updated_at: isoNow(ctx) }).where('id', '=', pkg.id).execute();
  });
  return packageProviderView(ctx, { id: input.packageId });
}
