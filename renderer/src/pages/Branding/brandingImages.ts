import { BRANDING_IMAGE_LABELS, MAX_BRANDING_IMAGE_BYTES, imageTypeOf, type BrandingImage } from '../../../../preload/common/branding';

/** "1.4 MB", "320 KB": how big a chosen image is, in the words of the limit. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/**
 * Why a chosen file cannot be this image, from its size and its first bytes (never its name
 * or the type the browser guessed from the name): a program renamed .png, an SVG, a GIF or a
 * file over 2 MB is refused at once. Main checks the bytes again when the settings are saved.
 */
export function imageFileProblem(kind: BrandingImage, file: { name: string; size: number }, head: Uint8Array): string | null {
  const label = BRANDING_IMAGE_LABELS[kind];
  if (file.size === 0) return `${label}: ${file.name} is empty`;
  if (file.size > MAX_BRANDING_IMAGE_BYTES) return `${label}: ${file.name} is ${sizeText(file.size)}; at most 2 MB. Save it smaller and choose it again`;
  if (imageTypeOf(head) === null) return `${label}: ${file.name} is not a PNG or JPEG image`;
  return null;
}

/** The first bytes of a data URL's content: what the file really is. */
export function headOfDataUrl(dataUrl: string): Uint8Array {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1, dataUrl.indexOf(',') + 1 + 16);
  try {
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}

/** The file as a data URL; the type in it follows the bytes, not the name (a JPEG named .png stays a JPEG). */
export async function readImageFile(file: File): Promise<{ dataUrl: string; head: Uint8Array }> {
  const buffer = new Uint8Array(await file.arrayBuffer());
  const head = buffer.slice(0, 16);
  const type = imageTypeOf(head) ?? 'application/octet-stream';
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < buffer.length; start += chunk) binary += String.fromCharCode(...buffer.subarray(start, start + chunk));
  return { dataUrl: `data:${type};base64,${btoa(binary)}`, head };
}
