// 役割の目安: the role matrix verbatim (40 cells, 4 of them ー), a case's plan laid over it
// (sample-2 at 初任者: 支援体制の構築 has the informal-resources finding), a self-assessment per
// cell kept with its date and history across reloads, the 推薦申出書 checklist saved at once,
// the keyboard, and axe.
import {
  appTest, assert, setupSuite, gotoRoute, reloadApp, assertNoAxeViolations,
  eventually, tabTo, browserToday, readRaw, textOf, sampleEnvelope, storeEnvelopes,
} from './helpers.mjs';

setupSuite();

const PROFILE_KEY = 'soudan-workbench/profile';

/** Stores sample-2 and opens the matrix (with the case laid over it when `withCase`). */
async function openMatrix(page, { withCase = false } = {}) {
  const env = sampleEnvelope('sample-2-seishin.json');
  await storeEnvelopes(page, [env]);
  await gotoRoute(page, withCase ? `#/matrix/${env.case.id}` : '#/matrix');
  await reloadApp(page);
  await page.getByRole('heading', { level: 1, name: '相談支援専門員の役割の目安' }).waitFor();
  return env.case;
}

const table = (page) => page.locator('table.matrix');
/** The body cell of a row (area label) and a column (0 = 初任者 … 4 = 指定). */
const cellOf = (page, area, col) =>
  table(page).locator('tbody tr').filter({ has: page.locator('th[scope=row]', { hasText: area }) }).locator('td').nth(col);

appTest('役割の目安: 40欄が資料の言葉のまま出て、「ー」は4欄、あなたの段階の列が分かる', async ({ page }) => {
  await openMatrix(page);
  // Header link and intro naming the source table.
  await page.getByRole('banner').getByRole('link', { name: '役割の目安', exact: true }).waitFor();
  assert.match(await textOf(page.getByRole('main')), /【参考】大阪市における相談支援専門員の望ましい状態像（案）/);

  const cells = table(page).locator('tbody td');
  assert.equal(await cells.count(), 40);
  const texts = await table(page).locator('tbody td .matrix__text').allInnerTexts();
  assert.equal(texts.length, 40);
  assert.equal(texts.filter((t) => t.trim().startsWith('ー')).length, 4, '「ー」の欄は4つ');
  for (const t of texts.filter((t) => t.trim().startsWith('ー'))) assert.match(t, /この段階では求められていません/);

  // A few cells verbatim from role-matrix.md (000 table).
  assert.equal((await cellOf(page, '相談対応', 0).locator('.matrix__text').innerText()).trim(),
    '・基本的な対人援助技術と必要な知識を身に着け、円滑に相談支援を行う');
  assert.equal((await cellOf(page, '助言・指導', 3).locator('.matrix__text').innerText()).trim(),
    '・担当地域の相談支援事業所に対して専門性を生かした情報提供や助言などを適切に行う');
  assert.equal((await cellOf(page, '基幹センターとの連携', 2).locator('.matrix__text').innerText()).trim(),
    '（基幹センターが行う全ての業務を総括する）');
  assert.equal((await cellOf(page, '相談支援従事者研修への協力', 1).locator('.matrix__text').innerText()).trim(),
    '・府からファシリテータなどの依頼があれば積極的に協力する');
  assert.match(await cellOf(page, 'インターバル受け入れ', 1).innerText(), /^ー/);
  // Row groups.
  assert.deepEqual(await table(page).locator('th[scope=rowgroup]').allInnerTexts().then((a) => a.map((t) => t.replace(/\s+/g, ''))),
    ['相談支援', '地域づくり', '人材育成']);

  // Default level 初任者: its column is marked in words, not colour alone.
  const mine = table(page).locator('thead th', { hasText: 'あなたの段階' });
  assert.equal(await mine.count(), 1);
  assert.match(await mine.innerText(), /初任者/);
  // The 主任 roles of 003 for the default office (指定).
  await page.getByRole('heading', { level: 2, name: /主任相談支援専門員に望まれる役割（指定/ }).waitFor();
});

appTest('役割の目安: sample-2 を重ねると 支援体制の構築×初任者 に「計画に課題あり」とインフォーマルの指摘、計画案へのリンク', async ({ page }) => {
  const c = await openMatrix(page);
  const select = page.getByRole('combobox', { name: '重ねる計画' });
  assert.equal(await select.inputValue(), '');
  await select.selectOption({ label: c.name });
  const cell = cellOf(page, '支援体制の構築', 0);
  const against = cell.locator('details', { hasText: '計画に課題あり' });
  await against.waitFor();
  assert.match(await against.locator('summary').innerText(), /計画に課題あり（1）/);
  assert.equal(await against.locator('li').isVisible(), false, '指摘は開くまで隠れている');
  await against.locator('summary').click();
  assert.match(await against.locator('li').first().innerText(), /インフォーマルな支えが一つもありません/);
  // Evidence for: at least one cell has 計画に根拠あり.
  assert.ok(await table(page).locator('summary', { hasText: '計画に根拠あり' }).count() >= 1);
  // The address follows the select, and the plan is one click away.
  assert.match(page.url(), new RegExp(`#/matrix/${c.id}$`));
  const link = page.getByRole('link', { name: `${c.name}の計画案を開く` });
  assert.equal(await link.getAttribute('href'), `#/case/${c.id}/planning`);
  // Reload keeps the choice (from the address).
  await reloadApp(page);
  assert.equal(await page.getByRole('combobox', { name: '重ねる計画' }).inputValue(), c.id);
  await cellOf(page, '支援体制の構築', 0).locator('summary', { hasText: '計画に課題あり' }).waitFor();

  // The check panel links here.
  await gotoRoute(page, `#/case/${c.id}/planning`);
  const toMatrix = page.getByRole('complementary', { name: '計画チェック' }).getByRole('link', { name: '役割の目安の表で見る' });
  assert.equal(await toMatrix.getAttribute('href'), `#/matrix/${c.id}`);
  await toMatrix.click();
  await page.getByRole('heading', { level: 1, name: '相談支援専門員の役割の目安' }).waitFor();
  await cellOf(page, '支援体制の構築', 0).locator('summary', { hasText: '計画に課題あり' }).waitFor();
});

appTest('役割の目安: 自己評価は今日の日付で記録され、再読み込み後も残り、2回目で履歴になる', async ({ page }) => {
  await openMatrix(page);
  const today = await browserToday(page);
  const cell = cellOf(page, '地域自立支援協議会', 0);
  const summary = cell.locator('summary.rate__summary');
  assert.match(await summary.innerText(), /自己評価：未記録/);
  await summary.click();
  await cell.getByRole('combobox', { name: '今の状態' }).selectOption({ label: '取り組み中' });
  await cell.getByRole('textbox', { name: 'メモ（任意）' }).fill('部会に初めて出た');
  await cell.getByRole('button', { name: /^記録する/ }).click();
  await eventually(async () => assert.match(await summary.innerText(), new RegExp(`取り組み中（${today.wareki}）`)));
  const stored = JSON.parse(await readRaw(page, PROFILE_KEY));
  const ymd = `${today.y}-${String(today.m).padStart(2, '0')}-${String(today.d).padStart(2, '0')}`;
  assert.deepEqual(stored.self_assessment, [{ area: 'council', level: 'novice', on: ymd, status: 'working', note: '部会に初めて出た' }]);

  await reloadApp(page);
  const again = cellOf(page, '地域自立支援協議会', 0);
  assert.match(await again.locator('summary.rate__summary').innerText(), new RegExp(`取り組み中（${today.wareki}）`));
  await again.locator('summary.rate__summary').click();
  assert.equal(await again.getByRole('combobox', { name: '今の状態' }).inputValue(), 'working', '最新の状態が選ばれている');
  await again.getByRole('combobox', { name: '今の状態' }).selectOption({ label: 'できている' });
  await again.getByRole('button', { name: /^記録する/ }).click();
  await eventually(async () => assert.match(await again.locator('summary.rate__summary').innerText(), /できている/));
  const history = await again.locator('.rate__history li').allInnerTexts();
  assert.equal(history.length, 2);
  assert.match(history[0], /取り組み中：部会に初めて出た/);
  assert.match(history[1], /できている/);
  assert.ok(history.every((h) => h.includes(today.wareki)), history.join(' / '));
  // Progress over time: one day, one cell, now できている.
  const progress = page.locator('.matrix-progress table');
  assert.match(await textOf(progress.locator('tbody tr').first()), new RegExp(`${today.wareki}.* 1 0 0 1$`));
  // The other cells are untouched; the profile is not a case.
  assert.match(await cellOf(page, '地域自立支援協議会', 1).locator('summary.rate__summary').innerText(), /未記録/);
  assert.equal(JSON.parse(await readRaw(page, PROFILE_KEY)).self_assessment.length, 2);
});

appTest('役割の目安: 推薦申出書のチェックは押すとすぐ保存され、再読み込み後も残る。数が出る', async ({ page }) => {
  await openMatrix(page);
  const list = page.getByRole('region', { name: '主任研修の推薦申出書の確認' });
  await list.getByText('主任相談支援専門員養成研修の推薦にかかる申出書', { exact: false }).first().waitFor();
  const count = list.locator('.checklist__count');
  assert.equal(await textOf(count), '○をつけた項目：0／18 誓約：0／3 １．の記入：0／2');
  assert.match(await textOf(list), /○の数の下限は書かれていません/);

  const council = list.getByRole('group', { name: '２．各区地域自立支援協議会への参画' });
  await council.getByRole('checkbox', { name: /^①３年以内に協議会役員を務め/ }).check();
  await council.getByRole('textbox', { name: '役職名（現職・元職）' }).first().fill('副会長（現職）');
  await council.getByRole('textbox', { name: '役職名（現職・元職）' }).first().press('Tab');
  const pledges = list.getByRole('group', { name: '●誓約事項' });
  await pledges.getByRole('checkbox').first().check();
  await list.getByRole('textbox', { name: '従事した期間' }).fill('5');
  await list.getByRole('textbox', { name: '従事した期間' }).press('Tab');
  await eventually(async () => assert.equal(await textOf(count), '○をつけた項目：1／18 誓約：1／3 １．の記入：1／2'));

  await reloadApp(page);
  const list2 = page.getByRole('region', { name: '主任研修の推薦申出書の確認' });
  assert.ok(await list2.getByRole('checkbox', { name: /^①３年以内に協議会役員を務め/ }).isChecked());
  assert.equal(await list2.getByRole('textbox', { name: '役職名（現職・元職）' }).first().inputValue(), '副会長（現職）');
  assert.ok(await list2.getByRole('group', { name: '●誓約事項' }).getByRole('checkbox').first().isChecked());
  assert.equal(await list2.getByRole('textbox', { name: '従事した期間' }).inputValue(), '5');
  assert.equal(await textOf(list2.locator('.checklist__count')), '○をつけた項目：1／18 誓約：1／3 １．の記入：1／2');
  const stored = JSON.parse(await readRaw(page, PROFILE_KEY));
  assert.deepEqual(stored.checklist.find((a) => a.item === 'council-1'), { item: 'council-1', checked: true, text: '副会長（現職）' });
});

appTest('役割の目安: 保存されている記録が読めないときは上書きせず、そう知らせる', async ({ page }) => {
  await gotoRoute(page, '');
  const bad = '{"self_assessment": "壊れた"}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [PROFILE_KEY, bad]);
  await gotoRoute(page, '#/matrix');
  await reloadApp(page);
  await page.getByRole('alert').filter({ hasText: '保存されている自己評価を読み込めません' }).waitFor();
  const cell = cellOf(page, '相談対応', 0);
  await cell.locator('summary.rate__summary').click();
  await cell.getByRole('button', { name: /^記録する/ }).click();
  assert.equal(await readRaw(page, PROFILE_KEY), bad, '読めない記録はそのまま');
});

appTest('役割の目安: キーボードだけで「重ねる計画」と自己評価に届き、記録できる', async ({ page }) => {
  const c = await openMatrix(page);
  const select = page.getByRole('combobox', { name: '重ねる計画' });
  await tabTo(page, select);
  await page.keyboard.press('ArrowDown');
  await eventually(async () => assert.equal(await select.inputValue(), c.id));
  assert.ok(await select.evaluate((el) => el === document.activeElement), '選んだあともフォーカスは選択欄に残る');
  // On to the table region, then the first cell's 自己評価.
  const region = page.getByRole('region', { name: /【参考】大阪市における相談支援専門員の望ましい状態像/ });
  await tabTo(page, region);
  const summary = cellOf(page, '相談対応', 0).locator('summary.rate__summary');
  await tabTo(page, summary, { max: 10 });
  await page.keyboard.press('Enter');
  const status = cellOf(page, '相談対応', 0).getByRole('combobox', { name: '今の状態' });
  await tabTo(page, status, { max: 3 });
  await page.keyboard.press('ArrowDown'); // これから → 取り組み中
  await tabTo(page, cellOf(page, '相談対応', 0).getByRole('button', { name: /^記録する/ }), { max: 3 });
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(await summary.innerText(), /取り組み中/));
});

appTest('役割の目安: axe の違反がない（計画を重ね、詳細を開いた状態、狭い画面でも）', async ({ page }) => {
  await openMatrix(page, { withCase: true });
  await cellOf(page, '支援体制の構築', 0).locator('summary', { hasText: '計画に課題あり' }).waitFor();
  await assertNoAxeViolations(page, '役割の目安');
  await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => { d.open = true; }));
  await assertNoAxeViolations(page, '役割の目安（詳細を開いた状態）');
  await page.setViewportSize({ width: 400, height: 800 });
  await assertNoAxeViolations(page, '役割の目安（幅 400px）');
  // The table scrolls inside its own labelled region, not the page.
  const { page: pageWidth, region } = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    region: document.querySelector('.matrix-scroll').scrollWidth,
  }));
  assert.ok(pageWidth <= 400 + 1, `ページ全体が横にはみ出しています: ${pageWidth}px`);
  assert.ok(region > 400, '表は領域の中で横にスクロールする');
});
