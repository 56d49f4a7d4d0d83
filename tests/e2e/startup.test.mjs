// The static shell of index.html (issue 17): while the wasm is fetched and compiled the page
// already shows the app's header and 「読み込み中…」; when the app mounts, the shell is gone in
// the same task — never two headers or two <main>s in a frame, one of each for axe.
import { setupSuite, appTest, appUrl, gotoApp, assert, createCase, assertNoAxeViolations } from './helpers.mjs';

setupSuite();

/** Holds every .wasm response of the context until the returned function is called. */
async function holdWasm(context) {
  let release;
  const released = new Promise((r) => (release = r));
  await context.route(/\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

appTest('while the wasm loads the header and 「読み込み中…」 show; then only the app', async ({ context, page }) => {
  const release = await holdWasm(context);
  await page.goto(appUrl());
  const loading = page.getByRole('status').filter({ hasText: '読み込み中…' });
  await loading.waitFor();
  assert.ok(await page.getByRole('banner').getByRole('link', { name: '相談支援ワークベンチ', exact: true }).isVisible());
  // No heading of a screen yet: the route may be a case, the lock screen, 設定…
  assert.equal(await page.getByRole('heading').count(), 0);
  await assertNoAxeViolations(page, '読み込み中');

  release();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  assert.equal(await loading.count(), 0, '「読み込み中…」が残っています');
  assert.equal(await page.locator('#boot').count(), 0, '静的な枠が残っています');
  assert.equal(await page.getByRole('banner').count(), 1);
  assert.equal(await page.getByRole('main').count(), 1);
  await assertNoAxeViolations(page, 'ケース一覧');
});

appTest('no frame shows the shell and the app together, also on a reload with cases', async ({ context, page }) => {
  // Every frame from the first one: how many <header>s and <main>s the DOM has (an init
  // script, before any of the page's own).
  await context.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, '__frames', { value: seen });
    const tick = () => {
      seen.push([document.querySelectorAll('body header').length, document.querySelectorAll('body main').length]);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await gotoApp(page);
  await createCase(page, { name: 'A.K.' });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor({ timeout: 15_000 });
  const frames = await page.evaluate(() => window.__frames);
  assert.ok(frames.length > 0);
  const doubled = frames.filter(([h, m]) => h > 1 || m > 1);
  assert.deepEqual(doubled, [], `枠が二重の frame: ${JSON.stringify(doubled.slice(0, 5))}`);
});

appTest('a deep link shows the loading line, then its own screen', async ({ context, page }) => {
  const release = await holdWasm(context);
  await page.goto(appUrl('#/settings'));
  await page.getByRole('status').filter({ hasText: '読み込み中…' }).waitFor();
  release();
  await page.getByRole('heading', { level: 1, name: '設定' }).waitFor({ timeout: 15_000 });
  assert.equal(await page.getByText('読み込み中…').count(), 0);
});

appTest('without JavaScript: the <noscript> line, no endless 「読み込み中…」', async ({ page }) => {
  await page.goto(appUrl());
  // innerText: what is rendered (Playwright's text locators skip <noscript>).
  const text = await page.locator('body').innerText();
  assert.ok(text.includes('相談支援ワークベンチを使うには JavaScript と WebAssembly を有効にしてください。'), text);
  assert.ok(!text.includes('読み込み中'), text);
}, { contextOptions: { javaScriptEnabled: false } });
