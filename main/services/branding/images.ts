import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import { BRANDING_IMAGES, BRANDING_IMAGE_LABELS, MAX_BRANDING_IMAGE_BYTES, imageTypeOf, type BrandingImage } from '../../../preload/common/branding';
import type { BrandingImageView } from '../../../preload/schemas/branding';
import { fieldError } from '../../errors';

/**
 * Guide, "Branding Management": a header, a logo* and a login background* for the client
 * portal (*New Version only). Each is a PNG or JPEG of at most 2 MB, recognised by its bytes:
 * the data URL's declared type is the window's guess from the file name, so a renamed
 * program or an SVG (which can carry script) declared as image/png is refused here.
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface CheckedImage {
  kind: BrandingImage;
  mime: 'image/png' | 'image/jpeg';
  data: Buffer;
}

/** A data URL's bytes, checked; an AppError on `images.<kind>` says why it is refused. */
export function checkBrandingImage(kind: BrandingImage, dataUrl: string): CheckedImage {
  const label = BRANDING_IMAGE_LABELS[kind];
  const refuse = (message: string): never => {
    throw fieldError(`images.${kind}`, message);
  };
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0 || !dataUrl.slice(0, comma).endsWith(';base64')) refuse(`${label}: choose a PNG or JPEG file`);
  const data = Buffer.from(dataUrl.slice(comma + 1), 'base64');
  if (data.length === 0) refuse(`${label}: the file is empty`);
  if (data.length > MAX_BRANDING_IMAGE_BYTES) refuse(`${label}: at most 2 MB (this one is ${(data.length / 1024 / 1024).toFixed(1)} MB)`);
  const mime = imageTypeOf(data);
  if (mime === null) return refuse(`${label}: not a PNG or JPEG image (the file's content says otherwise, whatever its name)`);
  return { kind, mime, data };
}

/** The images as the window shows them (thumbnail, live preview). */
export async function readBrandingImages(db: Db): Promise<Partial<Record<BrandingImage, BrandingImageView>>> {
  const rows = await db.selectFrom('branding_images').select(['kind', 'mime', 'data', 'bytes']).execute();
  const images: Partial<Record<BrandingImage, BrandingImageView>> = {};
  for (const kind of BRANDING_IMAGES) {
    const row = rows.find((candidate) => candidate.kind === kind);
    if (row) images[kind] = { kind, type: row.mime, bytes: row.bytes, dataUrl: `data:${row.mime};base64,${Buffer.from(row.data).toString('base64')}` };
  }
  return images;
}

/** One image's data URL, or null when there is none. */
export async function brandingImageDataUrl(db: Db, kind: BrandingImage): Promise<string | null> {
  const row = await db.selectFrom('branding_images').select(['mime', 'data']).where('kind', '=', kind).executeTakeFirst();
  return row ? `data:${row.mime};base64,${Buffer.from(row.data).toString('base64')}` : null;
}

/** Replaces (a checked image) or removes (null) one image, in the caller's transaction. */
export async function writeBrandingImage(trx: Db, kind: BrandingImage, image: CheckedImage | null, now: string): Promise<void> {
  if (image === null) {
    await trx.deleteFrom('branding_images').where('kind', '=', kind).execute();
    return;
  }
  const row = { mime: image.mime, data: image.data, bytes: image.data.length, sha256: createHash('sha256').update(image.data).digest('hex'), updated_at: now };
  await trx
    .insertInto('branding_images')
    .values({ kind, ...row })
    .onConflict((oc) => oc.column('kind').doUpdateSet(row))
    .execute();
}
