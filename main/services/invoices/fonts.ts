import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The fonts every invoice PDF embeds (DejaVu Sans, committed with its licence in
 * assets/fonts/): never the system's, so a PDF is the same on every machine. Found from
 * this module whether it runs from the sources (tsx: main/services/invoices/) or from the
 * Electron build (out/main/), by walking up to the folder that holds assets/fonts.
 */
export interface InvoiceFonts {
  /** A parsed font pdfkit takes as is (its fontkit object), or the file's bytes. */
  regular: PDFKit.Mixins.PDFFontSource;
  bold: PDFKit.Mixins.PDFFontSource;
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
    cached = { regular: parsed(readFileSync(join(folder, 'DejaVuSans.ttf'))), bold: parsed(readFileSync(join(folder, 'DejaVuSans-Bold.ttf'))) };
  }
  return cached;
}

/**
 * Parsing a 750 KB TrueType file takes most of the time of a small invoice: it is parsed
 * once (by pdfkit's own fontkit, read back from a probe document) and the parsed font is
 * given to every document, which still embeds its own subset. Should pdfkit's internals
 * change, the bytes are used as before.
 */
function parsed(bytes: Buffer): PDFKit.Mixins.PDFFontSource {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.registerFont('probe', bytes);
  probe.font('probe');
  const font: unknown = (probe as unknown as { _font?: { font?: unknown } })._font?.font;
  const usable = typeof font === 'object' && font !== null && typeof (font as { layout?: unknown }).layout === 'function';
  if (!usable) return bytes;
  withDecodedGlyphsKept(font as GlyphSource);
  return withSharedLayouts(font as FontLike) as unknown as PDFKit.Mixins.PDFFontSource;
}

interface GlyphLike {
  _decode?: () => unknown;
}
interface GlyphSource {
  getGlyph(id: number, characters?: unknown[]): GlyphLike | null;
  _variationProcessor?: unknown;
}

/**
 * Embedding a subset re-reads every glyph it holds from the font file (fontkit's
 * TTFSubset._addGlyph → glyph._decode()), for every document: a quarter of a PDF's time
 * (profile of 325 demo invoices: 5.2 s of 22.6 s in _decode). A glyph of a static font
 * decodes to the same outline every time, and nothing writes to it, so each glyph object
 * (fontkit keeps one per id) keeps what it decoded. Variable fonts (not ours) are left alone.
 */
function withDecodedGlyphsKept(font: GlyphSource): void {
  if (font._variationProcessor) return;
  const getGlyph = font.getGlyph.bind(font);
  const kept = new WeakSet<GlyphLike>();
  font.getGlyph = (id, characters) => {
    const glyph = getGlyph(id, characters);
    if (glyph && typeof glyph._decode === 'function' && !kept.has(glyph)) {
      kept.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface Run {
  glyphs: unknown[];
  positions: Position[];
}
interface FontLike {
  layout(text: string, features?: unknown): Run;
}

const MAX_SHARED_LAYOUTS = 50_000;

/**
 * Shaping a word (OpenType lookups) is the other cost, and pdfkit keeps its cache of words
 * per document: the parsed font is wrapped so every document shares one cache of shaped
 * words. pdfkit scales the positions of a run in place, so each call gets its own copy;
 * the glyphs (read-only to pdfkit) are shared. The output is the same as without the cache.
 */
function withSharedLayouts(font: FontLike): FontLike {
  const shaped = new Map<string, Run>();
  const layout = (text: string, features?: unknown): Run => {
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = shaped.get(key);
    if (!run) {
      const fresh = font.layout(text, features);
      run = { glyphs: fresh.glyphs, positions: fresh.positions.map((position) => ({ ...position })) };
      if (shaped.size >= MAX_SHARED_LAYOUTS) shaped.clear();
      shaped.set(key, run);
    }
    const positions = run.positions.map((position) => ({ ...position }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((sum, position) => sum + position.xAdvance, 0);
      },
    } as Run;
  };
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
