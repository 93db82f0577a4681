import { expect, test } from './support/fixtures';

test('the browser offers WebGL2, which the map and the heat map need', async ({ page }) => {
  await page.setContent('<canvas id="probe"></canvas>');
  const info = await page.evaluate(() => {
    const gl = (document.getElementById('probe') as HTMLCanvasElement).getContext('webgl2');
    return gl ? { ok: true, renderer: String(gl.getParameter(gl.RENDERER)) } : { ok: false, renderer: '' };
  });
  expect(
    info.ok,
    'getContext("webgl2") returned null: start Chromium with software GL (--disable-gpu, or --enable-unsafe-swiftshader)',
  ).toBe(true);
  test.info().annotations.push({ type: 'renderer', description: info.renderer });
});

test('the server is healthy and serves the built client', async ({ api }) => {
  const health = await api.get('/api/health');
  expect(health.ok()).toBe(true);
  const index = await api.get('/');
  expect(index.ok()).toBe(true);
  expect(await index.text()).toContain('<div id="root">');
});
