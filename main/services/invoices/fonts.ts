import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The fonts every invoice PDF embeds (DejaVu Sans, committed with its licence in
 * assets/fonts/): never the system's, so a PDF is the same on every machine. Found from
 * this module whether it runs from the sources (tsx: main/services/invoices/) or from the
 * Electron build (out/main/), by walking up to the folder that holds assets/fonts.
 */
export interface InvoiceFonts {
  regular: Buffer;
  bold: Buffer;
}

let cached: InvoiceFonts | undefined;

function fontsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, 'DejaVuSans.ttf'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('The invoice fonts (assets/fonts/DejaVuSans.ttf) were not found beside the app');
}

export function invoiceFonts(): InvoiceFonts {
  if (!cached) {
    const folder = fontsFolder();
    cached = { regular: readFileSync(join(folder, 'DejaVuSans.ttf')), bold: readFileSync(join(folder, 'DejaVuSans-Bold.ttf')) };
  }
  return cached;
}
