/**
 * Clicking the supervision records on the map (1440×900): a failing sample with its results, a soil sample with
 * its metals, a patrol with its checklist — each card showing what the API returns for that record.
 */
import type { PatrolFeature, SampleFeature, SoilSampleFeature } from '../../server/contracts/api';
import type { ToggleId } from '../../client/src/map/catalog';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  centreOn,
  clickMapAt,
  expectRendered,
  openMap,
  selection,
  setLayer,
  someRendered,
} from './support/map';
import { saveScreenshot } from './support/screenshots';

const POINT_AND_LINE_LAYERS: ToggleId[] = ['subjects', 'bases', 'samples', 'soil', 'patrols'];

/** Leaves only the grids and the one layer under test switched on, so the click can only hit that layer. */
async function only(page: Page, toggle: ToggleId): Promise<void> {
  for (const other of POINT_AND_LINE_LAYERS) await setLayer(page, other, other === toggle);
  await expectRendered(page, toggle);
}

async function clickNearest(page: Page, layer: string, zoom: number) {
  const first = await someRendered(page, layer);
  await centreOn(page, first.position, zoom);
  const feature = await someRendered(page, layer);
  await clickMapAt(page, feature.position);
  return feature;
}

test('clicking a failing sample shows its verdict and the results table', async ({ page, api }, testInfo) => {
  await openMap(page);
  await only(page, 'samples');
  const feature = await clickNearest(page, 'samples-fail', 13);
  await expect.poll(() => selection(page)).toMatchObject({ kind: 'sample', id: feature.id });
  const sample = ((await (await api.get(`/api/samples/${feature.id}`)).json()) as SampleFeature).properties;
  const card = page.getByTestId('sample-card');
  await expect(card.getByRole('heading', { name: sample.commodity })).toBeVisible();
  await expect(card).toContainText(sample.code);
  await expect(card.locator('.record__badges')).toContainText('不合格');
  const failing = sample.results.find((result) => result.verdict === 'fail');
  expect(failing, 'a failing sample has a failing result').toBeDefined();
  await expect(card.locator('tr.row--bad').first()).toContainText(failing?.analyte ?? '');
  await saveScreenshot(page, testInfo, 'inspector-sample');
});

test('clicking a soil sampling point shows its land use, pH and heavy metals', async ({ page, api }) => {
  await openMap(page);
  await only(page, 'soil');
  const feature = await clickNearest(page, 'soil-samples-circle', 13);
  await expect.poll(() => selection(page)).toMatchObject({ kind: 'soil', id: feature.id });
  const soil = ((await (await api.get(`/api/soil-samples/${feature.id}`)).json()) as SoilSampleFeature)
    .properties;
  const card = page.getByTestId('soil-card');
  await expect(card.getByRole('heading', { name: soil.code })).toBeVisible();
  await expect(card).toContainText(soil.sampledOn);
  await expect(card).toContainText('镉 Cd');
  await expect(card.locator('tbody tr')).toHaveCount(8);
});

test('clicking a patrol track shows the inspector, the outcome and the seven checks', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page);
  await only(page, 'patrols');
  // Tracks overlap (a subject is patrolled several times), so the card is checked against whichever was picked.
  await clickNearest(page, 'patrols-line', 14);
  await expect.poll(() => selection(page)).toMatchObject({ kind: 'patrol' });
  const picked = await selection(page);
  const patrol = ((await (await api.get(`/api/patrols/${picked?.id}`)).json()) as PatrolFeature).properties;
  const card = page.getByTestId('patrol-card');
  await expect(card.getByRole('heading', { name: patrol.subject.name })).toBeVisible();
  await expect(card).toContainText(patrol.inspectorName);
  await expect(card).toContainText(
    { compliant: '合规', rectify: '限期整改', refer: '移交执法' }[patrol.outcome],
  );
  await expect(card.locator('tbody tr')).toHaveCount(7);
  await saveScreenshot(page, testInfo, 'inspector-patrol');
});
