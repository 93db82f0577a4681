/**
 * The Chinese font subset embedded in every PDF keeps every glyph: fontkit wrote glyphs of odd byte length into a
 * short-format `loca` table, so the glyphs after them came out empty (digits and most characters vanished from
 * printed maps). With the padding work-around each glyph of the subset has the outline of the original.
 */
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, padSubsetGlyphs } from '../../../server/src/modules/grids/grid-poster.render';

interface Font {
  numGlyphs: number;
  layout(text: string): { glyphs: { id: number; path: { commands: unknown[] } }[] };
  getGlyph(id: number): { path: { commands: unknown[] } };
  createSubset(): { includeGlyph(id: number): number; encodeStream(): NodeJS.ReadableStream };
}

async function subsetOf(bytes: Buffer, ids: number[]): Promise<{ font: Font; map: number[] }> {
  const font = fontkit.create(bytes) as unknown as Font;
  const subset = font.createSubset();
  const map = ids.map((id) => subset.includeGlyph(id));
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = subset.encodeStream();
    stream.on('data', (c: Uint8Array) => chunks.push(Buffer.from(c)));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  return { font: fontkit.create(Buffer.concat(chunks)) as unknown as Font, map };
}

describe('Noto Sans SC subsets', () => {
  it('keep the outline of every glyph of a printed line (odd-length glyphs included)', async () => {
    const bytes = fs.readFileSync(FONT_FILES.regular);
    padSubsetGlyphs(bytes);
    const full = fontkit.create(bytes) as unknown as Font;
    const glyphs = full.layout('2025-01-01 青榆县巡查覆盖率分布图 比例尺 1:250,000').glyphs;
    const { font, map } = await subsetOf(
      bytes,
      glyphs.map((g) => g.id),
    );
    glyphs.forEach((g, i) => {
      expect(font.getGlyph(map[i]!).path.commands.length, `glyph ${g.id}`).toBe(g.path.commands.length);
    });
  });
});
