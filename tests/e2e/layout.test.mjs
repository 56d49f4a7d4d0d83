// Fields and layout (issue 18, item 5): text areas show their whole text, 種類 shows long
// service names, at 1280×720 shown at 150 % (853×480 CSS px) the 計画チェック stays beside the
// form (sticky), 「ケースを作成」 says so where focus is and leads into the case, 今の段階 follows
// the work (never back by itself), and 本人の意向 can take the person's own words recorded in
// the assessment.
import fs from 'node:fs';
import path from 'node:path';
import {
  appTest, assert, setupSuite, gotoApp, gotoRoute, reloadApp, createForm, caseRow, eventually, ROOT,
  sampleEnvelope, storeEnvelopes, waitForStored, assertNoAxeViolations, textOf, checkPanel as panel,
} from './helpers.mjs';

setupSuite();

const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/samples/index.json'), 'utf8'));
const WIDE = { viewport: { width: 1366, height: 768 } };
const ZOOMED = { viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 };

async function openPlan(page, envs) {
  await storeEnvelopes(page, envs);
  await reloadApp(page);
}

for (const [label, contextOptions] of [['1366×768', WIDE], ['853×480@1.5', ZOOMED]]) {
  appTest(`欄: 計画案のテキストエリアは全文が見え、「種類」は長いサービス名も切れない（全サンプル、${label}）`, async ({ page }) => {
    const envs = index.samples.map((s) => sampleEnvelope(s.file));
    await openPlan(page, envs);
    for (const env of envs) {
      await gotoRoute(page, `#/case/${env.case.id}/planning`);
      await panel(page).waitFor();
      const cut = await page.evaluate(() => {
        const out = [];
        for (const t of document.querySelectorAll('main textarea')) {
          if (!t.value.trim()) continue;
          // Laid out (a need off screen is skipped until shown).
          t.scrollIntoView();
          const cs = getComputedStyle(t);
          const atMax = cs.maxHeight !== 'none' && t.clientHeight + 2 >= parseFloat(cs.maxHeight) - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
          if (t.scrollHeight > t.clientHeight + 1 && !atMax) out.push(`${t.id}: ${t.scrollHeight} > ${t.clientHeight}`);
        }
        for (const i of document.querySelectorAll('main input[id$="-kind"]')) {
          i.scrollIntoView();
          if (i.scrollWidth > i.clientWidth) out.push(`${i.id}「${i.value}」: ${i.scrollWidth} > ${i.clientWidth}`);
        }
        return out;
      });
      assert.deepEqual(cut, [], `${env.case.name}: 文字が切れている欄があります`);
    }
    // The one the walkthrough saw cut mid-sentence.
    const policy = page.locator('#plan-support-policy');
    assert.ok(await policy.evaluate((t) => t.clientHeight > 80), '総合的な援助の方針が2行のままです');
  }, { contextOptions, timeout: 90_000 });
}

appTest('配置: 1280×720 を 150%（853×480）でも計画チェックは入力欄の横にあり、下までスクロールしても見えている', async ({ page }) => {
  const env = sampleEnvelope('sample-2-seishin.json');
  await openPlan(page, [env]);
  for (const part of ['', '/schedule']) {
    await gotoRoute(page, `#/case/${env.case.id}/planning${part}`);
    await panel(page).waitFor();
    // Near the top, halfway, and with the form's last control on screen (below it, the page
    // ends with the footer, where the panel leaves with the form).
    for (const where of ['top', 'middle', 'last control']) {
      await page.evaluate((w) => {
        const h = document.documentElement.scrollHeight;
        if (w === 'last control') [...document.querySelectorAll('.with-panel__main :is(input, textarea, select, button)')].pop().scrollIntoView({ block: 'end' });
        else window.scrollTo(0, w === 'top' ? 400 : h / 2);
      }, where);
      await page.waitForTimeout(100);
      const m = await page.evaluate(() => {
        const p = document.querySelector('.check-panel').getBoundingClientRect();
        const f = document.querySelector('.with-panel__main').getBoundingClientRect();
        return { panelLeft: p.left, panelTop: p.top, panelBottom: p.bottom, formRight: f.right, h: innerHeight, w: innerWidth };
      });
      assert.ok(m.panelLeft >= m.formRight, `${part || '目標表'} ${where}: 計画チェックが入力欄の横にありません（${JSON.stringify(m)}）`);
      const seen = Math.min(m.panelBottom, m.h) - Math.max(m.panelTop, 0);
      assert.ok(m.panelTop >= 0 && seen >= m.h / 2, `${part || '目標表'} ${where}: 計画チェックが画面に見えていません（${JSON.stringify(m)}）`);
    }
  }
  await assertNoAxeViolations(page, '853×480 の週間計画表');
}, { contextOptions: ZOOMED });

appTest('ケースを作成: 作成したことがフォーカスのある場所で伝わり、そこからケースを開ける', async ({ page }) => {
  await gotoApp(page);
  const f = createForm(page);
  await f.name.fill('作成 確認');
  await f.submit.click();
  const notice = page.locator('#new-case-created');
  await eventually(async () => assert.ok(await notice.evaluate((n) => n === document.activeElement), 'フォーカスが作成の知らせにありません'));
  assert.match(await textOf(notice), /「作成 確認」さんのケースを作成しました。/);
  const inView = await notice.evaluate((n) => { const r = n.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
  assert.ok(inView, '作成の知らせが画面の外です');
  await caseRow(page, '作成 確認').waitFor();
  await assertNoAxeViolations(page, '作成した直後の一覧');
  // The next Tab is its link, which opens the case.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: '作成 確認' }).waitFor();
}, { contextOptions: ZOOMED });

appTest('今の段階: アセスメントや計画案を入力すると進み、前の段階を直しても戻らない', async ({ page }) => {
  await gotoApp(page);
  const f = createForm(page);
  await f.name.fill('段階 テスト');
  await f.submit.click();
  await caseRow(page, '段階 テスト').waitFor();
  const stage = () => caseRow(page, '段階 テスト').locator('.case-table__stage').innerText();
  assert.equal(await stage(), 'インテーク');
  await page.getByRole('link', { name: '段階 テスト', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: '段階 テスト' }).waitFor();
  const id = /#\/case\/([^/]+)/.exec(page.url())[1];
  // Intake work leaves it at インテーク.
  await page.getByRole('textbox', { name: '生活歴', exact: true }).fill('市内で生まれ育つ。');
  await waitForStored(page, id, (c) => {
    assert.equal(c.intake.life_history, '市内で生まれ育つ。');
    assert.equal(c.stage, 'intake');
  });
  await page.getByRole('navigation', { name: '支援の流れ' }).getByRole('link', { name: 'アセスメント' }).click();
  await page.getByRole('button', { name: '本人の願いを追加（日常生活・住まい）', exact: true }).click();
  await page.keyboard.type('一人で暮らしたい');
  await waitForStored(page, id, (c) => assert.equal(c.stage, 'assessment'));
  await eventually(async () => assert.match(await page.locator('.case-summary').innerText(), /今の段階：アセスメント/));

  await page.getByRole('navigation', { name: '支援の流れ' }).getByRole('link', { name: '計画案' }).click();
  await page.locator('#plan-person-wishes').fill('「一人で暮らしたい」');
  await waitForStored(page, id, (c) => assert.equal(c.stage, 'planning'));

  await page.getByRole('navigation', { name: '支援の流れ' }).getByRole('link', { name: 'アセスメント' }).click();
  await page.getByRole('button', { name: '本人の願いを追加（健康）', exact: true }).click();
  await page.keyboard.type('よく眠りたい');
  await waitForStored(page, id, (c) => assert.equal(c.stage, 'planning', '前の段階を直したら段階が戻りました'));
  await gotoApp(page);
  assert.equal(await stage(), '計画案');
});

appTest('本人の意向: アセスメントで記録した本人の言葉を「」のまま入れられる', async ({ page }) => {
  const env = sampleEnvelope('sample-1-chiteki.json', (c) => { c.plan.person_wishes = '「スーパーで働きたい。いとこのけんちゃんみたいに、品出しの仕事がしたい」'; });
  await openPlan(page, [env]);
  await gotoRoute(page, `#/case/${env.case.id}/planning`);
  const offer = page.getByRole('list', { name: 'アセスメントで記録した本人の言葉' });
  await offer.waitFor();
  const words = 'いつか家を出て、ひとりで暮らしてみたい。でも、まだちょっとこわい';
  const item = offer.getByRole('listitem').filter({ hasText: words });
  // (Chromium puts a space before the visually hidden words when it computes the name.)
  await item.getByRole('button', { name: new RegExp(`^本人の意向に入れる\\s?「${words}」$`) }).click();
  const expected = `「スーパーで働きたい。いとこのけんちゃんみたいに、品出しの仕事がしたい」「${words}」`;
  assert.equal(await page.locator('#plan-person-wishes').inputValue(), expected);
  await page.getByRole('status').filter({ hasText: `本人の意向の終わりに「${words}」を入れました。` }).waitFor();
  await waitForStored(page, env.case.id, (c) => assert.equal(c.plan.person_wishes, expected));
  // Twice is not added twice.
  await item.getByRole('button').click();
  assert.equal(await page.locator('#plan-person-wishes').inputValue(), expected);
  await assertNoAxeViolations(page, '本人の言葉を入れた目標表');
});
