import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../db/schema';
import { BRANDING_IMAGES, PAYPAL_IPN_URL, autoConnectForm, interfaceUrlOf, signupUrlOf } from '../../../preload/common/branding';
import type { AutoConnectView, BrandingView, brandingSaveInput } from '../../../preload/schemas/branding';
import { micros, moneyToText, rateE8, rateToText } from '../../money';
import { clientName, loadClient } from '../clients';
import { isoNow, type ServiceContext } from '../context';
import { getMainAccount } from '../settings';
import { portalChecklist } from './checklist';
import { checkBrandingImage, readBrandingImages, writeBrandingImage, type CheckedImage } from './images';
import { BRANDING_KEY, readBranding, type StoredBranding } from './settings';

/**
 * Issue 15, the Branding page: the guide's "Use the client branding and access" as one view
 * and one save.
 *
 * Storage: the settings are the schema's parsed output as JSON under the settings key
 * `branding` (amounts as integer micros / 1e-8 units; readBranding checks them again on read),
 * and when they were last saved is a key of its own, `branding_saved_at` (ISO), so the stored
 * settings stay exactly the schema's shape. The images are rows of `branding_images`.
 *
 * The options the guide marks "*only available in the New Version" are stored whatever
 * version is being configured: the window only disables them for the Old Version, and a
 * reseller who switches back to the New Version finds what they had set.
 */

type Db = Kysely<Database>;
export const BRANDING_SAVED_AT_KEY = 'branding_saved_at';

export type BrandingSave = z.output<typeof brandingSaveInput>;

function settingsView(settings: StoredBranding): BrandingView['settings'] {
  return {
    ...settings,
    didAccess: {
      monthly: moneyToText(micros(settings.didAccess.monthly)),
      perMinute: rateToText(rateE8(settings.didAccess.perMinute)),
      setup: moneyToText(micros(settings.didAccess.setup)),
    },
    colors: { ...settings.colors },
    display: { ...settings.display },
    signup: { enabled: settings.signup.enabled, fields: { ...settings.signup.fields } },
    services: { view: settings.services.view, enabled: [...settings.services.enabled] },
    templates: { ...settings.templates },
    payment: { ...settings.payment },
  };
}

/** `branding.get`. */
export async function brandingView(db: Db): Promise<BrandingView> {
  const { settings } = await readBranding(db);
  const images = await readBrandingImages(db);
  const reseller = await getMainAccount(db);
  const savedAt = await db.selectFrom('settings').select('value').where('key', '=', BRANDING_SAVED_AT_KEY).executeTakeFirst();
  const signupUrl = signupUrlOf(settings.hostName, reseller);
  return {
    settings: settingsView(settings),
    images,
    interfaceUrl: interfaceUrlOf(settings.hostName),
    signupUrl,
    ipnUrl: PAYPAL_IPN_URL,
    reseller,
    checklist: portalChecklist(settings, images, signupUrl),
    savedAt: savedAt?.value ?? null,
  };
}

/**
 * `branding.save`: the settings and every image change in one transaction. Each new image is
 * checked before anything is written, so a refused file leaves the settings as they were too.
 */
export async function saveBranding(ctx: ServiceContext, input: BrandingSave): Promise<BrandingView> {
  const changes: [(typeof BRANDING_IMAGES)[number], CheckedImage | null][] = [];
  for (const kind of BRANDING_IMAGES) {
    const dataUrl = input.images[kind];
    if (dataUrl === undefined) continue;
    changes.push([kind, dataUrl === null ? null : checkBrandingImage(kind, dataUrl)]);
  }
  const now = isoNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const upsert = async (key: string, value: string): Promise<void> => {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    };
    await upsert(BRANDING_KEY, JSON.stringify(input.settings));
    await upsert(BRANDING_SAVED_AT_KEY, now);
    for (const [kind, image] of changes) await writeBrandingImage(trx, kind, image, now);
  });
  return brandingView(ctx.db);
}

/** `branding.autoConnect`: guide, "Auto Connect Form for Clients", for one client or blank. */
export async function autoConnect(db: Db, clientId: number | undefined): Promise<AutoConnectView> {
  const { settings } = await readBranding(db);
  const client = clientId === undefined ? null : await loadClient(db, clientId);
  const name = client ? clientName(client) : '';
  const html = autoConnectForm({
    interfaceUrl: interfaceUrlOf(settings.hostName),
    reseller: await getMainAccount(db),
    title: settings.title,
    // The client logs in to the provider's portal with their e-mail.
    client: client ? { username: client.email, name } : null,
  });
  return { html, client: client ? { id: client.id, name } : null };
}
