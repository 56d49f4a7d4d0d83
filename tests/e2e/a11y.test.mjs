// Accessibility: axe-core (WCAG 2.1 A/AA) with zero violations on the main states, no
// horizontal scrolling at 200 % zoom, and a visible focus indicator when tabbing.
import {
  setupSuite, appTest, gotoApp, assert,
  createForm, createCase, rowButton, caseRow, casePage, openCase, assertNoAxeViolations, STAGES,
} from './helpers.mjs';

setupSuite();

// 40 characters: the longest name the app accepts.
const LONG_NAME = 'ジュゲムジュゲムゴコウノスリキレカイジャリスイギョノスイギョウマツウンライマツフ';

appTest('axe: 空の一覧', async ({ page }) => {
  await gotoApp(page);
  await page.getByText('ケースはまだありません').waitFor();
  await assertNoAxeViolations(page, '空の一覧');
});

appTest('axe: ケースのある一覧 + エラー概要、アーカイブ表示、削除の確認ダイアログ', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: 'アクセス A', number: '1234567890', category: '区分4' });
  await createCase(page, { name: 'アクセス B', child: true });
  await rowButton(page, 'アーカイブ', 'アクセス B').click();
  await page.getByRole('checkbox', { name: 'アーカイブしたケースも表示', exact: true }).check();
  await rowButton(page, 'アーカイブを解除', 'アクセス B').waitFor();

  await createForm(page).submit.click();
  await page.getByRole('alert').getByRole('heading', { name: '入力内容を確認してください' }).waitFor();
  await assertNoAxeViolations(page, '一覧 + エラー概要');

  await rowButton(page, '削除', 'アクセス A').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'ケースを削除しますか' }).waitFor();
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), '削除の確認ダイアログの中にフォーカスがありません');
  await assertNoAxeViolations(page, '削除の確認ダイアログ');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await caseRow(page, 'アクセス A').count(), 1, 'Escape で閉じたのにケースが消えました');
});

appTest('axe: ケース画面（インテーク）と各段階の画面、aria-current', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: 'アクセス C' });
  await openCase(page, 'アクセス C');
  const cp = casePage(page);
  await cp.name.waitFor();
  const current = cp.stepNav.locator('[aria-current="page"]');
  assert.equal(await current.count(), 1);
  assert.equal(await cp.stepNav.getByRole('link', { name: 'インテーク', exact: true }).getAttribute('aria-current'), 'page');
  await assertNoAxeViolations(page, 'インテーク');

  for (const step of STAGES.slice(1)) {
    await cp.stepNav.getByRole('link', { name: step, exact: true }).click();
    await page.getByRole('main').getByRole('heading', { name: step, exact: true }).waitFor();
    assert.equal(await current.count(), 1, `${step}: aria-current="page" が 1 つではありません`);
    assert.equal(
      await cp.stepNav.getByRole('link', { name: step, exact: true }).getAttribute('aria-current'),
      'page',
      `${step}: aria-current="page" が今の段階のリンクにありません`,
    );
    await assertNoAxeViolations(page, step);
  }
});

async function assertNoHorizontalScroll(page, label) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(m.scrollWidth <= m.clientWidth, `${label}: 横スクロールが出ます（scrollWidth ${m.scrollWidth} > clientWidth ${m.clientWidth}）`);
}

/** Tabs through up to `max` stops and checks each focused element shows an indicator. */
async function assertFocusVisibleWhileTabbing(page, label, max = 20) {
  await page.locator('body').focus().catch(() => {});
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      return {
        what: `${el.tagName.toLowerCase()} 「${(el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().slice(0, 30)}」`,
        outlineStyle: cs.outlineStyle,
        outlineWidth: parseFloat(cs.outlineWidth) || 0,
        boxShadow: cs.boxShadow,
        focusVisible: el.matches(':focus-visible'),
      };
    });
    if (!f) continue;
    seen.push(f.what);
    const visible = (f.outlineStyle !== 'none' && f.outlineWidth > 0) || (f.boxShadow && f.boxShadow !== 'none');
    assert.ok(visible, `${label}: Tab でフォーカスした ${f.what} に見えるフォーカス表示がありません（outline: ${f.outlineStyle} ${f.outlineWidth}px, box-shadow: ${f.boxShadow}）`);
  }
  assert.ok(seen.length >= 5, `${label}: Tab で移れる要素が少なすぎます: ${seen.join(', ')}`);
}

appTest(
  '200% 拡大相当（640×400）: 一覧とケース画面に横スクロールがなく、Tab でのフォーカスが見える',
  async ({ page }) => {
    await gotoApp(page);
    await createCase(page, { name: LONG_NAME, number: '12345678901234567890', category: '区分6' });
    await createCase(page, { name: 'ズーム Z' });
    await assertNoHorizontalScroll(page, '一覧');
    await assertFocusVisibleWhileTabbing(page, '一覧');

    await openCase(page, 'ズーム Z');
    await casePage(page).name.waitFor();
    await assertNoHorizontalScroll(page, 'ケース画面（インテーク）');
    await assertFocusVisibleWhileTabbing(page, 'ケース画面（インテーク）');
  },
  { contextOptions: { viewport: { width: 640, height: 400 } } },
);
