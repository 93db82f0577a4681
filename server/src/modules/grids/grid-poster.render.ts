/**
 * Writes a poster layout to PDF (pdf-lib, Noto Sans SC embedded as a subset: only the glyphs used, so Chinese is
 * real text and the file stays small) and to PNG (SVG rendered by resvg with the same font files). Nothing is
 * fetched from the internet and no system font is needed: the fonts come from the npm package
 * @expo-google-fonts/noto-sans-sc (SIL Open Font License).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { Resvg } from '@resvg/resvg-js';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { PosterLayout, Primitive } from '../../domain/grids/poster-layout';

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
export const FONT_FILES = {
  regular: path.join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: path.join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
};
const FAMILY = 'Noto Sans SC';
const PT_PER_MM = 72 / 25.4;

let fontBytes: { regular: Buffer; bold: Buffer } | null = null;
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontBytes) {
    fontBytes = { regular: fs.readFileSync(FONT_FILES.regular), bold: fs.readFileSync(FONT_FILES.bold) };
    padSubsetGlyphs(fontBytes.regular);
  }
  return fontBytes;
}

interface SubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * Works around a fontkit subsetting bug that dropped glyphs from every PDF: the subset copies glyph data of odd
 * byte length as is, but writes the short `loca` format, which stores offset ÷ 2 — so every glyph after an odd one
 * pointed one byte early and rendered as nothing (digits and most Chinese characters were missing). Padding each
 * glyph to an even length, as the TrueType specification asks, makes every offset exact.
 */
export function padSubsetGlyphs(sample: Buffer): void {
  const font = fontkit.create(sample) as unknown as { createSubset(): object };
  const proto = Object.getPrototypeOf(font.createSubset()) as SubsetInternals & { __evenGlyphs?: true };
  if (proto.__evenGlyphs) return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: SubsetInternals, gid: number): number {
    const index = addGlyph.call(this, gid);
    const data = this.glyf[this.glyf.length - 1];
    if (data && data.length % 2 === 1) {
      // fontkit's streams accept only its own (bundled) Buffer class: make the padded copy with it.
      const Own = data.constructor as unknown as { alloc(size: number): Uint8Array };
      const padded = Own.alloc(data.length + 1);
      padded.set(data, 0);
      this.glyf[this.glyf.length - 1] = padded;
      this.offset += 1;
    }
    return index;
  };
  proto.__evenGlyphs = true;
}

function color(hex = '#000000') {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

const ringPath = (rings: [number, number][][], k: number) =>
  rings
    .map((ring) => `M${ring.map(([x, y]) => `${(x * k).toFixed(2)},${(y * k).toFixed(2)}`).join('L')}Z`)
    .join('');

function drawPdf(
  page: PDFPage,
  p: Primitive,
  height: number,
  font: { regular: PDFFont; bold: PDFFont },
): void {
  const k = PT_PER_MM;
  switch (p.kind) {
    case 'rect':
      page.drawRectangle({
        x: p.x * k,
        y: (height - p.y - p.h) * k,
        width: p.w * k,
        height: p.h * k,
        ...(p.fill ? { color: color(p.fill) } : {}),
        ...(p.stroke ? { borderColor: color(p.stroke), borderWidth: (p.width ?? 0.3) * k } : {}),
      });
      return;
    case 'line':
      page.drawLine({
        start: { x: p.x1 * k, y: (height - p.y1) * k },
        end: { x: p.x2 * k, y: (height - p.y2) * k },
        color: color(p.stroke),
        thickness: p.width * k,
      });
      return;
    case 'path':
      page.drawSvgPath(ringPath(p.rings, k), {
        x: 0,
        y: height * k,
        ...(p.fill ? { color: color(p.fill) } : {}),
        ...(p.stroke ? { borderColor: color(p.stroke), borderWidth: (p.width ?? 0.3) * k } : {}),
        ...(p.dash ? { borderDashArray: p.dash.map((d) => d * k) } : {}),
      });
      return;
    case 'text': {
      const f = p.bold ? font.bold : font.regular;
      const size = p.size * k;
      const w = f.widthOfTextAtSize(p.text, size);
      const x = p.x * k - (p.anchor === 'middle' ? w / 2 : p.anchor === 'end' ? w : 0);
      const y = (height - p.y) * k;
      if (p.halo)
        for (const [dx, dy] of [
          [-1, 0],
          [1, 0],
          [0, -1],
          [0, 1],
          [-0.7, -0.7],
          [0.7, 0.7],
          [-0.7, 0.7],
          [0.7, -0.7],
        ] as const)
          page.drawText(p.text, { x: x + dx * 0.6, y: y + dy * 0.6, size, font: f, color: rgb(1, 1, 1) });
      page.drawText(p.text, { x, y, size, font: f, color: color(p.color) });
    }
  }
}

export async function posterPdf(layout: PosterLayout, title: string): Promise<Uint8Array> {
  return pagesPdf([layout], title);
}

/** Several layouts as the pages of one PDF (the fonts are embedded once, subset to the glyphs of all pages). */
export async function pagesPdf(layouts: readonly PosterLayout[], title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  doc.setProducer('农安一张图 Nong’an One Map');
  doc.setCreator('农安一张图 Nong’an One Map');
  const bytes = fonts();
  const font = {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
  };
  for (const layout of layouts) {
    const page = doc.addPage([layout.width * PT_PER_MM, layout.height * PT_PER_MM]);
    for (const primitive of layout.primitives) drawPdf(page, primitive, layout.height, font);
  }
  return doc.save();
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function posterSvg(layout: PosterLayout): string {
  const parts = layout.primitives.map((p) => {
    switch (p.kind) {
      case 'rect':
        return `<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" fill="${p.fill ?? 'none'}"${p.stroke ? ` stroke="${p.stroke}" stroke-width="${p.width ?? 0.3}"` : ''}/>`;
      case 'line':
        return `<line x1="${p.x1}" y1="${p.y1}" x2="${p.x2}" y2="${p.y2}" stroke="${p.stroke}" stroke-width="${p.width}"/>`;
      case 'path':
        return `<path d="${ringPath(p.rings, 1)}" fill="${p.fill ?? 'none'}" fill-rule="evenodd"${p.stroke ? ` stroke="${p.stroke}" stroke-width="${p.width ?? 0.3}" stroke-linejoin="round"` : ''}${p.dash ? ` stroke-dasharray="${p.dash.join(' ')}"` : ''}/>`;
      case 'text':
        return `<text x="${p.x}" y="${p.y}" font-size="${p.size}" font-family="${FAMILY}" font-weight="${p.bold ? 700 : 400}" fill="${p.color ?? '#000'}" text-anchor="${p.anchor ?? 'start'}"${p.halo ? ' stroke="#ffffff" stroke-width="0.9" paint-order="stroke" stroke-linejoin="round"' : ''}>${esc(p.text)}</text>`;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}mm" height="${layout.height}mm" viewBox="0 0 ${layout.width} ${layout.height}">${parts.join('')}</svg>`;
}

/** The poster as PNG, `dpi` dots per inch (150 makes an A3 2480 × 1754 px). */
export function posterPng(layout: PosterLayout, dpi = 150): Buffer {
  const resvg = new Resvg(posterSvg(layout), {
    fitTo: { mode: 'width', value: Math.round((layout.width / 25.4) * dpi) },
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: FAMILY,
    },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
