/**
 * Print-ready maps as a county official makes them (issue 8): pick 2025, colour the townships by patrol coverage,
 * drill into the worst township, open the print dialog and export an A3 landscape PDF of that view. The PDF is
 * checked (one A3 page, the edited title as real text) and turned into a PNG with poppler's pdftoppm, saved to
 * test-results/screenshots/ to be looked at. Reads only: it depends on no project that writes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import type { IndicatorsResponse } from '../../server/contracts/indicators';
import { expect, test } from './support/fixtures';
import { openMap } from './support/map';
import { saveScreenshot } from './support/screenshots';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('an official colours 2025 townships by patrol coverage, drills into the worst and exports an A3 PDF', async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(300_000);
  await openMap(page, '/#/dashboard');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await page.getByTestId('year').selectOption('2025');
  await page.getByTestId('indicator').selectOption('patrol_coverage');

  const config = (await (await api.get('/api/config')).json()) as { county: { id: number } };
  const expected = (await (
    await api.get(`/api/indicators?level=township&parentId=${config.county.id}&from=2025-01-01&to=2025-12-31`)
  ).json()) as IndicatorsResponse;
  const worst = [...expected.units].sort(
    (a, b) => (a.values.patrol_coverage.value ?? 2) - (b.values.patrol_coverage.value ?? 2),
  )[0]!;
  await expect(page.getByTestId('ranking-row')).toHaveCount(expected.units.length);
  await expect(page.getByTestId('ranking-row').last()).toContainText(worst.grid.name);

  // Drill into the worst township from its ranking row.
  await page.getByTestId('ranking-row').last().click();
  await expect(page.getByTestId('grid-card')).toContainText(worst.grid.name);
  await page.getByTestId('drill').click();
  await expect(page.getByTestId('ranking-total')).toContainText(worst.grid.name);
  await expect(page.getByTestId('dashboard')).toHaveAttribute('aria-busy', 'false');

  // The print dialog: A3 landscape PDF with an edited title.
  await page.getByTestId('print-open').click();
  const dialog = page.getByTestId('print-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('print-title')).toHaveValue(new RegExp(`^${worst.grid.name}2025`));
  await page.getByTestId('print-size').selectOption('A3');
  await page.getByTestId('print-orientation').selectOption('landscape');
  await page.getByTestId('print-format').selectOption('pdf');
  const title = `${worst.grid.name}2025年度巡查覆盖情况`;
  await page.getByTestId('print-title').fill(title);
  await saveScreenshot(page, testInfo, 'print-1-dialog');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('print-map').click(),
  ]);
  await expect(page.getByTestId('print-status')).toContainText('已生成');
  const pdfPath = testInfo.outputPath('print-a3.pdf');
  await download.saveAs(pdfPath);

  // One A3 landscape page, the title as real text (poppler extracts it).
  const bytes = fs.readFileSync(pdfPath);
  const pdf = await PDFDocument.load(bytes);
  expect(pdf.getPageCount()).toBe(1);
  const { width, height } = pdf.getPage(0).getSize();
  expect(Math.round(width)).toBe(1191);
  expect(Math.round(height)).toBe(842);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'])
    .toString('utf8')
    .replace(/\s+/g, '');
  expect(text).toContain(title);
  expect(text).toContain('比例尺');
  expect(text).toContain('数据来源');
  for (const v of (
    (await (
      await api.get(`/api/indicators?level=village&parentId=${worst.grid.id}&from=2025-01-01&to=2025-12-31`)
    ).json()) as IndicatorsResponse
  ).units)
    expect(text).toContain(v.grid.name);

  // The PDF as an image (pdftoppm, 100 dpi), saved with the screenshots to be looked at.
  const engine = process.env.E2E_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  const dir = path.join(ROOT, 'test-results', 'screenshots', engine);
  fs.mkdirSync(dir, { recursive: true });
  const stem = path.join(dir, `${testInfo.project.name}-print-2-a3-pdf`);
  execFileSync('pdftoppm', ['-r', '100', '-png', '-singlefile', pdfPath, stem]);
  const png = fs.readFileSync(`${stem}.png`);
  // pdftoppm rounds the page's pixels up or down: within one pixel of 420 × 297 mm at 100 dpi.
  expect(Math.abs(png.readUInt32BE(16) - (420 / 25.4) * 100)).toBeLessThanOrEqual(1);
  expect(Math.abs(png.readUInt32BE(20) - (297 / 25.4) * 100)).toBeLessThanOrEqual(1);
  await testInfo.attach('print-a3-pdf', { path: `${stem}.png`, contentType: 'image/png' });

  // The same dialog at phone size.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(dialog).toBeVisible();
  await saveScreenshot(page, testInfo, 'print-3-phone');
});
