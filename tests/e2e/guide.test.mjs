// 使い方 (#/guide): the guide a specialist reads, from docs/guide.md. Opens from the header's
// link (mouse and keyboard) and the footer's, shows every line of the document, axe clean,
// readable at 400 px.
import fs from 'node:fs';
import path from 'node:path';
import {
  setupSuite, appTest, gotoApp, assert, eventually, tabTo, isFocused, activeDescription, assertNoAxeViolations, ROOT,
} from './helpers.mjs';

setupSuite();

const DOC = fs.readFileSync(path.join(ROOT, 'docs/guide.md'), 'utf8');
const SECTIONS = [...DOC.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());

appTest('使い方: ヘッダーの「使い方」から開き、docs/guide.md のすべての見出しと文がある。axe の違反なし', async ({ page }) => {
  await gotoApp(page);
  const link = page.getByRole('banner').getByRole('link', { name: '使い方', exact: true });
  await link.click();
  await page.getByRole('heading', { level: 1, name: '使い方', exact: true }).waitFor();
  assert.match(page.url(), /#\/guide$/);
  assert.match(await page.title(), /^使い方 \|/);
  const main = page.getByRole('main');
  assert.ok(SECTIONS.length >= 6, 'docs/guide.md の見出しが少なすぎます');
  assert.deepEqual(await main.getByRole('heading', { level: 2 }).allInnerTexts(), SECTIONS, '画面の見出しが docs/guide.md と違います');
  // Every line of the document is on the page, as written (list markers aside).
  const shown = (await main.innerText()).replace(/\s+/g, '');
  const missing = DOC.split('\n').map((l) => l.replace(/^\s*(#+|-)\s*/, '').replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/\s+/g, ''))
    .filter((l) => l && !shown.includes(l));
  assert.deepEqual(missing, [], '画面にない docs/guide.md の行があります');
  await assertNoAxeViolations(page, '使い方');
  // The footer links here too.
  assert.equal(await page.getByRole('contentinfo').getByRole('link', { name: '使い方を読む', exact: true }).getAttribute('href'), '#/guide');
});

appTest('使い方: キーボードだけで、ヘッダーのリンクから開き、見出しにフォーカスが移る', async ({ page }) => {
  await gotoApp(page);
  await tabTo(page, page.getByRole('banner').getByRole('link', { name: '使い方', exact: true }));
  await page.keyboard.press('Enter');
  const h1 = page.getByRole('heading', { level: 1, name: '使い方', exact: true });
  await h1.waitFor();
  await eventually(async () => assert.ok(await isFocused(h1), `使い方の見出しにフォーカスが移りません（今: ${await activeDescription(page)}）`));
  // And back to the list from the end of the page.
  await tabTo(page, page.getByRole('main').getByRole('link', { name: 'ケースの一覧に戻る', exact: true }), { max: 120 });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
});

appTest('使い方: 幅 400 px でも横にスクロールせずに読める', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 800 });
  await gotoApp(page);
  await page.getByRole('banner').getByRole('link', { name: '使い方', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '使い方', exact: true }).waitFor();
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), '400 px で横にスクロールが出ます');
  await assertNoAxeViolations(page, '使い方（400 px）');
});
