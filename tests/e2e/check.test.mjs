// The plan check beside the plan: findings at the level chosen in 設定, updating as the author
// types, a finding jumps to its field (also on another screen), its source shows on demand,
// and a finding can be marked 対応済み / 該当しない（理由） and stays so after a reload.
import {
  appTest, assert, setupSuite, gotoRoute, reloadApp, assertNoAxeViolations, eventually, readCaseRecord, tabTo,
  sampleEnvelope, storeEnvelopes, chooseLevel, checkPanel as panel,
} from './helpers.mjs';

setupSuite();

/** Stores a sample as it is in the file and opens its 計画案. */
async function openSample(page, file, spoil) {
  const env = sampleEnvelope(file, spoil);
  await storeEnvelopes(page, [env]);
  await gotoRoute(page, `#/case/${env.case.id}/planning`);
  await reloadApp(page);
  await panel(page).waitFor();
  return env.case;
}

const summary = (page) => panel(page).locator('.check-panel__summary');
const finding = (page, words) => panel(page).locator('li.finding', { hasText: words });

appTest('チェック: 「かんしゃくが多い」が要確認に出て、押すとその欄へ移り、書き直すとすぐ消える', async ({ page }) => {
  const c = await openSample(page, 'sample-4-child.json');
  assert.equal(await summary(page).innerText(), '要対応 0件・要確認 1件・助言 0件');
  const item = finding(page, '「かんしゃくが多い。」');
  await item.getByText('できないことだけの書き方').waitFor();

  // The source, on demand: the quoted words, the file and the heading.
  assert.equal(await item.locator('.finding__quote').isVisible(), false);
  await item.locator('.finding__source > summary').click();
  assert.match(await item.locator('.finding__quote').innerText(), /本人の「できないこと・できない状態」（弱み）ではなく/);
  // The document by publisher, title and year (issue 18, item 6), then the heading; the file below.
  assert.equal(await item.locator('.finding__citation').innerText(), '厚生労働省「相談支援業務に関する手引き」（令和6年3月） Ⅰ-5 相談支援における基本的姿勢');
  assert.match(await item.locator('.finding__file').innerText(), /資料001（001_c43ed80d085811bd\.txt）/);

  await item.locator('a.finding__jump').click();
  const field = page.locator(`#need-${c.plan.needs[0].id}-need`);
  await eventually(async () => assert.ok(await field.evaluate((el) => el === document.activeElement), 'ニーズの欄に移っていません'));

  await field.fill('かんしゃくが多い。でも、落ち着ける場所で休みたい。');
  await eventually(async () => assert.equal(await summary(page).innerText(), '要対応 0件・要確認 0件・助言 0件'), { timeout: 3_000 });
  await panel(page).getByText('指摘はありません。').waitFor();
});

appTest('チェック: 設定のレベルに合わせて指摘が変わり（現任で「なぜ」と期間の理由）、設定は再読み込み後も残る', async ({ page }) => {
  const c = await openSample(page, 'sample-2-seishin.json');
  await panel(page).getByText('初任者の目安で確認しています。').waitFor();
  await finding(page, 'インフォーマルな支えが一つもありません').waitFor();
  assert.equal(await finding(page, 'モニタリング期間（6か月ごと）の理由').count(), 0, '初任者に現任の指摘が出ています');

  await chooseLevel(page, '現任');
  await reloadApp(page);
  assert.ok(await page.getByRole('radio', { name: '現任', exact: true }).isChecked(), '設定が残っていません');

  await gotoRoute(page, `#/case/${c.id}/planning`);
  await panel(page).getByText('現任の目安で確認しています。').waitFor();
  const monitoring = finding(page, 'モニタリング期間（6か月ごと）の理由');
  await monitoring.waitFor();
  assert.match(await monitoring.innerText(), /単身/);
  await finding(page, '地域活動支援センター: 目標表は週3回ですが、週間計画表には週2回あります。').waitFor();

  // The jump to the monitoring reason, and from the goal table to the 週間計画表 (where a
  // disagreement of the grid and the goal table is shown and mended).
  await monitoring.getByRole('link').click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'plan-monitoring-reason'));
  await finding(page, '目標表は週3回').getByRole('link').click();
  await page.getByRole('heading', { name: '週間計画表', level: 3 }).waitFor();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'schedule-grid-heading'));
  assert.match(page.url(), new RegExp(`#/case/${c.id}/planning/schedule$`));
});

appTest('チェック: 「該当しない」には理由が要り、印は保存されて再読み込み後も残り、外すと元に戻る', async ({ page }) => {
  const c = await openSample(page, 'sample-2-seishin.json');
  const item = finding(page, 'インフォーマルな支えが一つもありません');
  await item.getByRole('button', { name: '該当しない…' }).click();
  const reason = item.getByRole('textbox', { name: '該当しない理由' });
  await eventually(async () => assert.ok(await reason.evaluate((el) => el === document.activeElement)));
  await item.getByRole('button', { name: '該当しないにする' }).click();
  await item.getByText('該当しない理由を書いてください。').waitFor();
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');

  await reason.fill('本人が今は制度以外の人と会うことを望まないため。喫茶店のマスターとは本人が自分で会っている。');
  await item.getByRole('button', { name: '該当しないにする' }).click();
  await eventually(async () => assert.equal(await summary(page).innerText(), '要対応 0件・要確認 0件・助言 0件'));
  const answered = panel(page).locator('.check-panel__answered');
  assert.match(await answered.locator(':scope > summary').innerText(), /対応済み・該当しない（1件）/);

  const stored = await eventually(async () => {
    const rec = await readCaseRecord(page, c.id);
    assert.equal(rec.case.plan.check_marks?.length, 1, '印が保存されていません');
    return rec;
  });
  assert.deepEqual(stored.case.plan.check_marks[0], {
    finding: 'resources.no_informal@plan.needs',
    status: 'not_applicable',
    reason: '本人が今は制度以外の人と会うことを望まないため。喫茶店のマスターとは本人が自分で会っている。',
  });

  await reloadApp(page);
  await answered.locator(':scope > summary').click();
  await answered.getByText('印：該当しない（本人が今は制度以外の人と会うことを望まないため。').waitFor();
  await assertNoAxeViolations(page, '計画チェック（印をつけた指摘を開いた状態）');
  await answered.getByRole('button', { name: '印を外す' }).click();
  await eventually(async () => assert.equal(await summary(page).innerText(), '要対応 0件・要確認 1件・助言 0件'));
  await eventually(async () => assert.equal((await readCaseRecord(page, c.id)).case.plan.check_marks, undefined));
});

appTest('チェック: キーボードだけで指摘からアセスメントの欄へ移れる（別の画面の欄）', async ({ page }) => {
  const c = await openSample(page, 'sample-1-chiteki.json', (cs) => { cs.assessment.decision_support.participation = ''; });
  const item = finding(page, '本人がどのように決定に参加したか');
  const link = item.locator('a.finding__jump');
  // The form comes first; the skip link at its top leads to the panel.
  await tabTo(page, page.getByRole('link', { name: '計画チェックへ移動' }));
  await page.keyboard.press('Enter');
  await tabTo(page, link, { max: 20 });
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'ds-participation'));
  assert.match(page.url(), new RegExp(`#/case/${c.id}/assessment$`));
  await page.keyboard.type('自宅で2回面談し、本人が自分で決めた。');
  await page.getByRole('link', { name: '計画案' }).click();
  await panel(page).waitFor();
  assert.equal(await finding(page, '本人がどのように決定に参加したか').count(), 0);
});

appTest('チェック: 計画チェックと設定の画面に axe の違反がない', async ({ page }) => {
  await openSample(page, 'sample-3-shintai.json');
  await finding(page, '母の思い').locator('.finding__source > summary').click();
  await assertNoAxeViolations(page, '計画チェック');
  await chooseLevel(page, '主任');
  await assertNoAxeViolations(page, '設定');
});

appTest('チェック: 支援の「理由」を消すと現任で「なぜ」の指摘が出て、書き直すと消える。理由は印刷にも出る', async ({ page }) => {
  const c = await openSample(page, 'sample-1-chiteki.json');
  await chooseLevel(page, '現任');
  await gotoRoute(page, `#/case/${c.id}/planning`);
  await panel(page).getByText('現任の目安で確認しています。').waitFor();
  const reasonId = `need-${c.plan.needs[1].id}-support-0-reason`;
  const reason = page.locator(`#${reasonId}`);
  assert.equal(await reason.inputValue(), c.plan.needs[1].supports[0].reason);
  await reason.fill('');
  const item = finding(page, '優先順位2の「移動支援」（月2回・1回4時間）に、このサービス・この量にした理由が書かれていません。');
  await item.waitFor();
  await item.locator('a.finding__jump').click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), reasonId));
  await page.keyboard.type('乗り換えのある路線は一人ではまだ不安なため、月2回の練習から始める。');
  await eventually(async () => assert.equal(await item.count(), 0), { timeout: 3_000 });
  await gotoRoute(page, `#/case/${c.id}/print/plan`);
  const reasons = page.locator('.sheet__reasons');
  assert.match(await reasons.locator('caption').innerText(), /福祉サービス等の種類・量の理由/);
  assert.match(await reasons.locator('tr', { hasText: '移動支援' }).first().innerText(), /2\s+移動支援　月2回・1回4時間\s+乗り換えのある路線は一人ではまだ不安なため/);
});
