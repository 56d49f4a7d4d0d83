// 予定 (#/calendar), the caseload calendar: a 3-monthly case's due months over two years
// across the 和暦 change (平成31年4月 → 令和元年5月), with "today" fixed by Playwright's clock;
// recording a monitoring on the モニタリング step clears that month; overdue shown; a row opens
// its case; the keyboard only; the 支給決定 fields of the インテーク screen (西暦 and 和暦,
// Japanese errors, nothing bad stored); the case list's 次の予定; empty states; axe.
import {
  setupSuite, appTest, gotoRoute, reloadApp, assert, eventually, textOf, createCase, caseRow,
  assertNoAxeViolations, waitForStored, storeEnvelopes, tabTo, isFocused,
} from './helpers.mjs';

setupSuite();

const ID = '0000000000000000000000000000ca01';
const NAME = '改元 花子（架空）';
const TOKYO = { timezoneId: 'Asia/Tokyo' };

/** A case with a final plan and a 支給決定: 3-monthly from 平成31年2月, for two years. */
function record(reports = []) {
  const plan = {
    status: 'final',
    support_policy: '本人のペースで、日中の居場所を続ける。',
    needs: [{ id: 1, need: '日中、通う場所がほしい', goal: '生活介護に週3回通う', target_date: '2019-12', supports: [], rests_on: [] }],
    monitoring: { interval_months: 6, reason: '' },
    consent: { made_on: '2019-01-20', consented_on: '2019-01-20', signer: '本人' },
    next_need_id: 2,
    next_support_id: 1,
  };
  return {
    schema_version: 8,
    written_at: '2019-01-20T10:00:00+09:00',
    app_version: 'e2e',
    revision: 1,
    case: {
      id: ID, name: NAME, support_category: '3', for_child: false, stage: 'plan', archived: false,
      created_at: '2019-01-10T10:00:00+09:00', updated_at: '2019-01-20T10:00:00+09:00',
      plan, final_plans: [plan],
      benefit_decision: { valid_from: '2019-02-01', valid_until: '2021-01-31', monitoring_interval_months: 3, monitoring_start: '2019-02' },
      monitoring_reports: reports,
    },
  };
}

async function at(context, iso) {
  await context.clock.setFixedTime(new Date(iso));
}

/** Every section of the calendar: its heading and its rows' text (or the empty sentence). */
async function sections(page) {
  await page.locator('.calendar-section').first().waitFor();
  return page.locator('.calendar-section').evaluateAll((els) => els.map((s) => ({
    title: s.querySelector('h2').textContent.trim(),
    // A row's parts (case, its tag, what, when) joined by one space, as they read.
    rows: [...s.querySelectorAll('li')].map((li) => [...li.querySelectorAll('a, .tag, .calendar-row__what, .calendar-row__when')].map((c) => c.textContent.trim()).join(' ')),
    empty: s.querySelector('.empty')?.textContent.trim() ?? null,
  })));
}

/** The months (as their headings read) that list the case's monitoring. */
function monitoringMonths(list) {
  return list.filter((s) => !s.title.startsWith('期限切れ') && s.rows.some((r) => r.includes(NAME) && r.includes('モニタリング'))).map((s) => s.title);
}

appTest('3か月ごとのケース：2年間の予定月が、平成31年から令和元年への改元をまたいで和暦と西暦で出る', async ({ context, page }) => {
  await at(context, '2019-01-15T10:00:00+09:00');
  await storeEnvelopes(page, [record()]);
  await gotoRoute(page, '#/calendar');
  await reloadApp(page);
  await page.getByRole('heading', { level: 1, name: '予定（モニタリングと更新）' }).waitFor();
  let list = await sections(page);
  assert.equal(list[0].title, '期限切れ（平成31年1月（2019年1月）より前）');
  assert.equal(list[0].empty, '期限切れはありません。');
  assert.equal(list[1].title, '今月（平成31年1月（2019年1月））');
  assert.equal(list[1].empty, '今月の予定はありません。');
  assert.equal(list[2].title, '来月（平成31年2月（2019年2月））');
  // 期限切れ, 今月, 来月, then the next 12 months, a run of empty months on one line.
  assert.deepEqual(list.map((s) => s.title), [
    '期限切れ（平成31年1月（2019年1月）より前）', '今月（平成31年1月（2019年1月））', '来月（平成31年2月（2019年2月））',
    '平成31年3月（2019年3月）〜平成31年4月（2019年4月）', '令和元年5月（2019年5月）',
    '令和元年6月（2019年6月）〜令和元年7月（2019年7月）', '令和元年8月（2019年8月）',
    '令和元年9月（2019年9月）〜令和元年10月（2019年10月）', '令和元年11月（2019年11月）',
    '令和元年12月（2019年12月）〜令和2年1月（2020年1月）', '令和2年2月（2020年2月）',
  ]);
  // The first year: 平成31年2月, then 令和元年 from May (April is still 平成31年).
  assert.deepEqual(monitoringMonths(list), [
    '来月（平成31年2月（2019年2月））', '令和元年5月（2019年5月）', '令和元年8月（2019年8月）', '令和元年11月（2019年11月）', '令和2年2月（2020年2月）',
  ]);
  assert.ok(list.some((s) => s.title === '平成31年3月（2019年3月）〜平成31年4月（2019年4月）' && s.empty === '予定はありません。'));

  // A year on: the second year's months, and the renewal two months before the end.
  await at(context, '2020-01-15T10:00:00+09:00');
  await reloadApp(page);
  list = await sections(page);
  assert.deepEqual(monitoringMonths(list), [
    '来月（令和2年2月（2020年2月））', '令和2年5月（2020年5月）', '令和2年8月（2020年8月）', '令和2年11月（2020年11月）',
  ]);
  const renewal = list.find((s) => s.title === '令和2年11月（2020年11月）').rows.find((r) => r.includes('更新の準備'));
  assert.equal(renewal, `${NAME} 更新の準備（有効期間の終わり: 令和3年1月31日（2021年1月31日））`);
  // Nothing was recorded in the first year: its four months are overdue, each with its month.
  assert.deepEqual(list[0].rows, [
    `${NAME} モニタリング 平成31年2月（2019年2月）の予定`,
    `${NAME} モニタリング 令和元年5月（2019年5月）の予定`,
    `${NAME} モニタリング 令和元年8月（2019年8月）の予定`,
    `${NAME} モニタリング 令和元年11月（2019年11月）の予定`,
  ]);
  // A 障害児 case is marked as the list marks it.
  await storeEnvelopes(page, [record(), { ...record(), case: { ...record().case, id: `${ID.slice(0, -1)}2`, name: '児童 そら（架空）', for_child: true } }]);
  await gotoRoute(page, '#/calendar');
  await reloadApp(page);
  list = await sections(page);
  assert.deepEqual(list[2].rows, ['児童 そら（架空） 障害児 モニタリング', `${NAME} モニタリング`], '同じ月は名前の順');
  await assertNoAxeViolations(page, '予定');
}, { contextOptions: TOKYO });

appTest('キーボードだけで：期限切れの行からケースを開き、モニタリングを記録すると、その月の予定が消える', async ({ context, page }) => {
  await at(context, '2019-06-10T10:00:00+09:00');
  await storeEnvelopes(page, [record()]);
  await reloadApp(page);
  // The case list names the next due item: the oldest overdue one.
  await eventually(async () => assert.match(await textOf(caseRow(page, NAME)), /モニタリング（期限切れ：平成31年2月）/));

  // The header's 予定 link, then the 令和元年5月 row, by keyboard.
  await tabTo(page, page.getByRole('link', { name: '予定', exact: true }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: '予定（モニタリングと更新）' }).waitFor();
  let list = await sections(page);
  assert.deepEqual(list[0].rows, [`${NAME} モニタリング 平成31年2月（2019年2月）の予定`, `${NAME} モニタリング 令和元年5月（2019年5月）の予定`]);
  assert.equal(list[1].title, '今月（令和元年6月（2019年6月））');
  const overdue = page.locator('#calendar-overdue');
  await tabTo(page, overdue.getByRole('link', { name: NAME }).nth(1));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(page.url(), new RegExp(`#/case/${ID}/monitoring$`)));
  await page.getByRole('heading', { level: 2, name: 'モニタリング' }).waitFor();
  await assertNoAxeViolations(page, 'モニタリングの段階');

  // A wrong date is refused in Japanese and nothing is recorded; what was typed stays in the draft.
  const heldOn = page.getByRole('textbox', { name: '実施日' });
  await tabTo(page, heldOn);
  await page.keyboard.type('5月20日');
  await page.keyboard.press('Tab');
  await page.keyboard.type('自宅');
  await tabTo(page, page.getByRole('button', { name: 'モニタリングを記録する' }));
  await page.keyboard.press('Enter');
  const summary = page.locator('#monitoring-errors');
  await eventually(async () => assert.match(await textOf(summary), /実施日は「2027年4月10日」や「R9\.4\.10」のように入力してください。/));
  await eventually(async () => assert.ok(await isFocused(summary), 'エラーの一覧にフォーカスが移る'));
  await waitForStored(page, ID, (c) => {
    assert.deepEqual(c.monitoring_reports.map((r) => [r.status, r.held_on_typed, r.place]), [['draft', '5月20日', '自宅']], '記録されず、入力は下書きに残る');
  });
  await assertNoAxeViolations(page, 'モニタリングの記録（エラー）');

  await tabTo(page, heldOn);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('令和元年5月20日');
  await tabTo(page, page.getByRole('checkbox', { name: '居宅訪問で行った' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'モニタリングを記録する' }));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(await textOf(page.locator('#monitoring-done')), /令和元年5月20日のモニタリングを記録しました。/));
  await waitForStored(page, ID, (c) => {
    assert.equal(c.monitoring_reports.length, 1);
    const r = c.monitoring_reports[0];
    assert.deepEqual([r.status, r.held_on, r.place, r.home_visit, r.plan_version], ['recorded', '2019-05-20', '自宅', true, 1]);
    assert.deepEqual(r.rows.map((row) => [row.goal, row.target_date]), [['生活介護に週3回通う', '2019-12']], '計画から写した行');
  });
  assert.match(await textOf(page.locator('.monitoring-list')), /令和元年5月20日（2019年5月20日） 自宅・居宅訪問・計画 第1版/);

  // May is done; February is still overdue.
  await gotoRoute(page, '#/calendar');
  list = await sections(page);
  assert.deepEqual(list[0].rows, [`${NAME} モニタリング 平成31年2月（2019年2月）の予定`]);
}, { contextOptions: TOKYO });

appTest('インテーク：支給決定を和暦・西暦で入力でき、誤りは日本語で示し、正しい値だけを保存する', async ({ context, page }) => {
  await at(context, '2027-03-10T10:00:00+09:00');
  await gotoRoute(page, '#/');
  const id = await createCase(page, { name: '決定 一郎（架空）' });
  await gotoRoute(page, `#/case/${id}`);
  const from = page.getByRole('textbox', { name: '有効期間（開始日）' });
  const until = page.getByRole('textbox', { name: '有効期間（終了日）' });
  const interval = page.getByRole('textbox', { name: 'モニタリング期間（市町村が決定した月数）' });
  const start = page.getByRole('textbox', { name: 'モニタリングの開始月' });
  await from.fill('R9.4.1');
  await until.fill('2027-03-31');
  await eventually(async () => assert.equal(await textOf(page.locator('#decision-problem')), '有効期間の終わりは、始まりより後の日にしてください。'));
  await until.fill('令和10年3月31日');
  await eventually(async () => assert.equal(await page.locator('#decision-problem').isHidden(), true));
  await interval.fill('１３');
  await eventually(async () => assert.equal(await textOf(page.locator('#decision-interval-error')), 'モニタリング期間は1から12までの月数で入力してください（例：3）。'));
  assert.equal(await interval.getAttribute('aria-invalid'), 'true');
  await interval.fill('3');
  await start.fill('4月から');
  await eventually(async () => assert.match(await textOf(page.locator('#decision-start-error')), /「令和9年4月」や「2027-04」/));
  await start.fill('令和9年4月');
  assert.match(await textOf(page.locator('#decision-proposal')), /目安/);
  await waitForStored(page, id, (c) => assert.deepEqual(c.benefit_decision, {
    valid_from: '2027-04-01', valid_until: '2028-03-31', monitoring_interval_months: 3, monitoring_start: '2027-04',
  }));
  await assertNoAxeViolations(page, 'インテークの支給決定');
  // Shown back in 和暦 after a reload.
  await reloadApp(page);
  assert.equal(await from.inputValue(), '令和9年4月1日');
  assert.equal(await start.inputValue(), '令和9年4月');
  // The list's 次の予定: April (来月) — no final plan is needed to be reminded.
  await gotoRoute(page, '#/');
  await eventually(async () => assert.match(await textOf(caseRow(page, '決定 一郎（架空）')), /モニタリング（令和9年4月）/));
}, { contextOptions: TOKYO });

appTest('予定：ケースがないときは、そう書いてある', async ({ context, page }) => {
  await at(context, '2026-12-05T10:00:00+09:00');
  await gotoRoute(page, '#/calendar');
  const list = await sections(page);
  assert.equal(list[0].empty, '期限切れはありません。');
  assert.equal(list[1].title, '今月（令和8年12月（2026年12月））');
  assert.equal(list[1].empty, '今月の予定はありません。');
  assert.equal(list[2].empty, '来月の予定はありません。');
  await assertNoAxeViolations(page, '予定（空）');
}, { contextOptions: TOKYO });

appTest('設定：更新の準備を始める時期（既定は2か月前）を変えると、予定の「更新の準備」の月が動く', async ({ context, page }) => {
  await at(context, '2020-01-15T10:00:00+09:00');
  await storeEnvelopes(page, [record()]);
  await reloadApp(page);
  const renewalMonth = async () => {
    await gotoRoute(page, '#/calendar');
    return (await sections(page)).filter((s) => s.rows.some((r) => r.includes('更新の準備'))).map((s) => s.title);
  };
  assert.deepEqual(await renewalMonth(), ['令和2年11月（2020年11月）']);
  await gotoRoute(page, '#/settings');
  const lead = page.getByRole('combobox', { name: '更新の準備を始める時期' });
  assert.equal(await lead.inputValue(), '2');
  await lead.selectOption({ label: '3か月前' });
  await eventually(async () => assert.equal(await page.evaluate(() => localStorage.getItem('soudan-workbench/calendar')), '{"renewal_lead_months":3}'));
  assert.deepEqual(await renewalMonth(), ['令和2年10月（2020年10月）']);
  await reloadApp(page);
  assert.deepEqual(await renewalMonth(), ['令和2年10月（2020年10月）'], '再読み込み後も設定どおり');
}, { contextOptions: TOKYO });
