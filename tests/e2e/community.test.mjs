// 地域課題 and 支援困難: a need marked 「今ある資源では満たせない」 is recorded as a 地域課題
// (refused with the person's name in it), the check panel follows; the nameless report of all
// cases counts by category and exports CSV (Excel-ready) and JSON; a 支援困難 case asks, at
// 主任, for the emergency plan, the team and its meetings.
import {
  appTest, assert, setupSuite, gotoRoute, reloadApp, assertNoAxeViolations, eventually, readCaseRecord, readDownload,
  sampleEnvelope, storeEnvelopes, chooseLevel, checkPanel as panel,
} from './helpers.mjs';

setupSuite();

async function seed(page, files) {
  const envelopes = files.map((f) => sampleEnvelope(f));
  await storeEnvelopes(page, envelopes);
  return envelopes.map((env) => env.case);
}

async function recordIssue(page, { category, description, need }) {
  await page.getByRole('combobox', { name: '分類' }).selectOption({ label: category });
  if (need) await page.getByRole('combobox', { name: 'もとになったニーズ（任意）' }).selectOption({ label: need });
  await page.getByRole('textbox', { name: '足りない資源（氏名など個人が分かることは書きません）' }).fill(description);
  await page.getByRole('button', { name: '地域課題として記録する' }).click();
}

appTest('地域課題: 満たせないニーズは現任のチェックで記録を求められ、氏名入りは断られ、記録すると指摘が消える', async ({ page }) => {
  const [c] = await seed(page, ['sample-1-chiteki.json']);
  await chooseLevel(page, '現任');
  await gotoRoute(page, `#/case/${c.id}/planning`);
  await reloadApp(page);
  const third = c.plan.needs[2].id;
  await page.getByRole('checkbox', { name: '今ある資源では満たせない（地域課題の候補）' }).nth(2).check();
  const finding = panel(page).locator('li.finding', { hasText: '優先順位3は「今ある資源では満たせない」としていますが、地域課題に記録されていません。' });
  await finding.waitFor();
  const section = page.getByRole('region', { name: '地域課題' });
  await section.locator('.notice li', { hasText: '優先順位3：いつか家を出て' }).waitFor();

  // The person's name is refused, with the reason, and nothing is recorded.
  await recordIssue(page, { category: '住まい', description: 'ゆうとさんが一人暮らしの練習をする場所がない。' });
  const summary = page.locator('#community-errors');
  await eventually(async () => assert.ok(await summary.evaluate((el) => el === document.activeElement), 'エラーの一覧にフォーカスが移りません'));
  assert.match(await summary.innerText(), /個人が分かる情報（「ゆうと」）が入っています/);
  assert.equal(await page.locator('#community-description').getAttribute('aria-invalid'), 'true');
  await summary.getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'community-description');

  await recordIssue(page, { category: '住まい', description: '一人暮らしの練習ができる体験用の部屋が市内にない。' });
  await section.getByText('このケースの地域課題（1件）').waitFor();
  await eventually(async () => assert.equal(await finding.count(), 0), { timeout: 3_000 });
  const rec = await eventually(async () => {
    const r = await readCaseRecord(page, c.id);
    assert.equal(r.case.community_issues?.length, 1);
    return r;
  });
  assert.deepEqual(
    { ...rec.case.community_issues[0], recorded_on: undefined },
    { id: 1, category: 'housing', description: '一人暮らしの練習ができる体験用の部屋が市内にない。', need: third, recorded_on: undefined },
  );
  assert.match(rec.case.community_issues[0].recorded_on, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(rec.case.plan.needs[2].unmet, true);
  await assertNoAxeViolations(page, '計画案（地域課題と支援困難の欄）');
});

appTest('地域課題の一覧: 全ケースから名前なしで集まり、分類ごとに数え、CSV（BOM 付き）と JSON に書き出せる', async ({ page }) => {
  const [a, b] = await seed(page, ['sample-1-chiteki.json', 'sample-2-seishin.json']);
  for (const [c, category, description] of [
    [a, '住まい', '一人暮らしの練習ができる体験用の部屋が市内にない。'],
    [b, '日中活動・居場所', '夜に立ち寄れる居場所が地域にない。'],
    [b, '住まい', '保証人のいない単身者が借りられる部屋が少ない。'],
  ]) {
    await gotoRoute(page, `#/case/${c.id}/planning`);
    await reloadApp(page);
    await recordIssue(page, { category, description });
    await page.getByRole('region', { name: '地域課題' }).getByText(description).waitFor();
  }
  await page.getByRole('banner').getByRole('link', { name: '地域課題' }).click();
  await page.getByRole('heading', { level: 1, name: '地域課題の一覧（協議会用）' }).waitFor();
  const counts = page.locator('.community-counts');
  assert.match(await counts.innerText(), /住まい\s+2/);
  assert.match(await counts.innerText(), /日中活動・居場所\s+1/);
  assert.match(await counts.innerText(), /合計\s+3/);
  const text = await page.getByRole('main').innerText();
  for (const name of [a.name, b.name, '森下', '川口']) assert.ok(!text.includes(name), `一覧に氏名「${name}」が出ています`);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV で書き出す' }).click()]);
  assert.match(csv.suggestedFilename(), /^地域課題_\d{8}\.csv$/);
  const body = await readDownload(csv);
  assert.ok(body.startsWith('\uFEFF記録日,記録日（和暦）,分類,内容\r\n'), 'CSV の先頭（BOM と見出し）が違います');
  assert.equal(body.trim().split('\r\n').length, 4);
  assert.match(body, /"住まい","保証人のいない単身者が借りられる部屋が少ない。"/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON で書き出す' }).click()]);
  const data = JSON.parse(await readDownload(json));
  assert.equal(data.format, 'soudan-workbench-community-issues');
  assert.deepEqual(data.counts.map((c) => [c.category, c.count]), [['housing', 2], ['daytime_activity', 1]]);
  for (const name of ['森下', '川口']) assert.ok(!JSON.stringify(data).includes(name));

  const pdf = await page.pdf({ preferCSSPageSize: true });
  assert.ok(pdf.length > 5_000, 'PDF が空です');
  await assertNoAxeViolations(page, '地域課題の一覧');
});

appTest('支援困難: 主任のチェックで緊急時の対応・チーム・集まった日を求め、書くと消える', async ({ page }) => {
  const [c] = await seed(page, ['sample-3-shintai.json']);
  await chooseLevel(page, '主任');
  await gotoRoute(page, `#/case/${c.id}/planning`);
  await reloadApp(page);
  const region = page.getByRole('region', { name: '支援困難ケースの備え' });
  assert.equal(await region.getByRole('textbox', { name: '緊急時の対応' }).isVisible(), false, '印をつける前から欄が出ています');
  await region.getByRole('checkbox', { name: '支援困難ケースとして扱う' }).check();
  for (const what of ['緊急時の対応', '支援チームの顔ぶれと役割', 'チームで集まった日']) {
    await panel(page).locator('li.finding', { hasText: `支援困難ケースとしていますが、${what}が書かれていません。` }).waitFor();
  }
  const emergency = panel(page).locator('li.finding', { hasText: '緊急時の対応が書かれていません' });
  await emergency.getByRole('link').click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'plan-difficulty-emergency'));
  await page.keyboard.type('発熱や褥瘡の悪化のときは、訪問看護に連絡し、母と相談支援専門員に知らせる。');
  await eventually(async () => assert.equal(await emergency.count(), 0), { timeout: 3_000 });
  const rec = await eventually(async () => {
    const r = await readCaseRecord(page, c.id);
    assert.equal(r.case.plan.difficulty?.marked, true);
    assert.match(r.case.plan.difficulty.emergency, /訪問看護に連絡/);
    return r;
  });
  assert.equal(rec.case.plan.difficulty.team, '');
});
