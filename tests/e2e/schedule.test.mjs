// 週間計画表: placing the goal table's supports on the week grid with the keyboard only,
// the agreement message (a live region) changing from 「合わないところ」 to 「合っています」 as
// days are added, the hours check, the form's error summary, deleting a slot, a slot past
// midnight, the 主な日常生活上の活動 column not counted as a day, the boxes under the grid,
// reloads, IME, axe; and the four samples: their messages (sample 2 plants one slip) and
// their 週間計画表 printed to ONE A4 landscape PDF page (read with pdftotext).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  setupSuite, appTest, appUrl, gotoApp, gotoRoute, reloadApp, assert, eventually, sleep, textOf,
  createCase, isFocused, assertNoAxeViolations, waitForStored, readCaseRecord, imeType, CASE_KEY_PREFIX, ROOT,
  tabTo, activeDescription,
} from './helpers.mjs';

setupSuite();

const AGREE = '目標表の量と週間計画表は合っています。';
const DAY_ERROR = '曜日または「主な日常生活上の活動」を1つ以上選んでください。';
const TIME_ERROR = '時刻は「9:00」のように、0:00から23:59までで入力してください。';
const SAME_ERROR = '終わりの時刻は始まりと違う時刻にしてください。';
const WHAT_ERROR = '目標表の支援を選ぶか、枠に書く内容を入力してください。';
const COLUMNS = ['月', '火', '水', '木', '金', '土', '日・祝', '主な日常生活上の活動'];
const DAY_IDS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'activities'];
const DAY_CARE = '優先順位1 生活介護（週3回・1回6時間）';

// ---------------------------------------------------------------------------------------
// helpers local to this file

const caseId = (n) => `00000000000000000000000000005c${String(n).padStart(2, '0')}`;

/**
 * A case as the app stores it (schema 5): a plan draft whose goal table has the given
 * supports (one need each, in order), and a 週間計画表 with the given slots.
 */
function planRecord({ id, name = '週間 太郎（架空）', supports = [], slots = [], schedule = {} }) {
  const needs = supports.map((s, i) => ({
    id: i + 1,
    need: `ニーズ${i + 1}`,
    goal: '',
    target_date: '',
    supports: [{
      id: i + 1, formality: 'formal', kind: s.kind, content: '',
      amount: { times: s.times ?? null, per: s.per ?? 'week', hours: s.hours ?? null }, provider: '', corporation: '',
    }],
    persons_role: '',
    review_date: '',
    notes: '',
    rests_on: [],
  }));
  return {
    schema_version: 5,
    written_at: '2026-11-27T10:00:00+09:00',
    app_version: 'e2e',
    revision: 1,
    case: {
      id, name, certificate_no: '1234567890', support_category: '3', for_child: false,
      stage: 'planning', archived: false, created_at: '2026-11-01T10:00:00+09:00', updated_at: '2026-11-27T10:00:00+09:00',
      plan: {
        status: 'draft',
        header: { office_name: '相談支援センターみなと（架空）', planner: '相談員 一郎', burden_cap: '9,300円', drafted_on: '2026-11-27', monitoring_start: '2026-12' },
        person_wishes: '', family_wishes: '', support_policy: '', long_term_goal: '', short_term_goal: '',
        needs,
        monitoring: { interval_months: null, reason: '' },
        schedule: {
          start_month: '', non_weekly: '', whole_life: '', ...schedule,
          slots: slots.map((s, i) => ({ id: i + 1, text: '', ...s })),
          next_slot_id: slots.length + 1,
        },
        next_need_id: needs.length + 1,
        next_support_id: needs.length + 1,
      },
    },
  };
}

/** Stores the records (envelopes) from a page of the app's origin, then opens `hash` fresh. */
async function seed(page, records, hash = '') {
  await gotoApp(page);
  await page.evaluate((pairs) => { for (const [k, v] of pairs) localStorage.setItem(k, v); },
    records.map((r) => [CASE_KEY_PREFIX + r.case.id, JSON.stringify(r)]));
  await page.goto(appUrl(hash));
  await reloadApp(page);
}

async function gotoSchedule(page, id) {
  await gotoRoute(page, `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
}

async function scheduleReady(page) {
  await page.getByRole('main').getByRole('heading', { level: 2, name: '週間計画表', exact: true }).waitFor();
  await grid(page).waitFor();
}

function grid(page) {
  return page.getByRole('group', { name: '週間計画表の表', exact: true });
}

function slotForm(page) {
  const form = page.getByRole('region', { name: '枠を追加する', exact: true });
  return {
    form,
    day: (label) => form.getByRole('checkbox', { name: label, exact: true }),
    weekdays: form.getByRole('button', { name: '月〜金を選ぶ', exact: true }),
    start: form.getByRole('textbox', { name: '始まり', exact: true }),
    end: form.getByRole('textbox', { name: '終わり', exact: true }),
    support: form.getByRole('combobox', { name: '目標表の支援', exact: true }),
    text: form.getByRole('textbox', { name: '枠に書く内容', exact: true }),
    submit: form.getByRole('button', { name: '枠を追加する', exact: true }),
    summary: page.locator('#slot-error-summary'),
  };
}

/** Adds a slot with the mouse (setup for the tests that are not about the keyboard). */
async function addSlot(page, { days, start, end, support, text }) {
  const f = slotForm(page);
  for (const label of COLUMNS) await f.day(label).setChecked(days.includes(label));
  await f.start.fill(start);
  await f.end.fill(end);
  await f.support.selectOption(support ? { label: support } : { index: 0 });
  await f.text.fill(text ?? '');
  const before = await slotRows(page).count();
  await f.submit.click();
  await eventually(async () => assert.equal(await slotRows(page).count(), before + 1, `枠（${days.join('・')} ${start}〜${end}）を追加しても「置いた枠」の行が増えません`));
}

/** The agreement message as the user reads it: 'agree', or the title and the list items. */
async function agreement(page) {
  const box = page.locator('#schedule-agreement');
  await box.waitFor();
  const text = await textOf(box);
  if (text === AGREE) return 'agree';
  return {
    title: await textOf(box.getByRole('heading')),
    items: await box.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim())),
  };
}

async function waitAgreement(page, expected, why) {
  await eventually(async () => assert.deepEqual(await agreement(page), expected, why));
}

function disagree(...items) {
  return { title: `目標表と合わないところが${items.length}件あります`, items };
}

/**
 * The slots drawn on the grid, as the eye reads them: the column whose heading is above
 * the slot, its visible text (time and content), and whether it is marked as a mismatch.
 */
async function gridSlots(page) {
  return grid(page).evaluate((g) => {
    const heads = [...g.querySelectorAll('.week-grid__head')]
      .filter((h) => h.textContent.trim())
      .map((h) => ({ label: h.textContent.trim(), r: h.getBoundingClientRect() }));
    const times = Object.fromEntries([...g.querySelectorAll('.week-grid__time')].map((t) => [t.textContent.trim(), t.getBoundingClientRect()]));
    return [...g.querySelectorAll('.week-grid__slot')].map((s) => {
      const r = s.getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const visible = [...s.childNodes]
        .filter((n) => !(n.classList && n.classList.contains('visually-hidden')))
        .map((n) => n.textContent).join('').replace(/\s+/g, ' ').trim();
      return {
        column: heads.find((h) => cx >= h.r.left && cx <= h.r.right)?.label ?? '（列の外）',
        text: visible,
        spoken: s.textContent.replace(/\s+/g, ' ').trim(),
        mismatch: s.classList.contains('week-grid__slot--mismatch'),
        top: r.top,
        bottom: r.bottom,
        times,
      };
    });
  });
}

function slotTable(page) {
  return page.getByRole('region', { name: '置いた枠', exact: true }).getByRole('table');
}

function slotRows(page) {
  return page.getByRole('region', { name: '置いた枠', exact: true }).getByRole('row').filter({ has: page.getByRole('cell') });
}

/** The rows of 「置いた枠」 as [曜日・列, 時間, 内容, 目標表の支援]. */
async function slotList(page) {
  const rows = slotRows(page);
  const n = await rows.count();
  const out = [];
  for (let i = 0; i < n; i++) {
    const cells = await rows.nth(i).getByRole('cell').allInnerTexts();
    out.push(cells.slice(0, 4).map((c) => c.replace(/\s+/g, ' ').trim()));
  }
  return out;
}

function deleteButton(page, label) {
  return slotRows(page).getByRole('button', { name: `この枠を削除（${label}）`, exact: true });
}

async function checkedDays(page) {
  const f = slotForm(page);
  const out = [];
  for (const label of COLUMNS) if (await f.day(label).isChecked()) out.push(label);
  return out;
}

async function selectedLabel(select) {
  return select.evaluate((s) => s.selectedOptions[0]?.textContent.trim());
}

function storedSlots(c) {
  return c.plan.schedule.slots.map(({ columns, start, end, text, support }) => ({ columns, start, end, text, support: support ?? null }));
}

function pdfText(buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedule-pdf-'));
  const file = path.join(dir, 'schedule.pdf');
  fs.writeFileSync(file, buffer);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const perPage = [];
  for (let p = 1; p <= pages; p++) {
    perPage.push(execFileSync('pdftotext', ['-raw', '-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''));
  }
  fs.rmSync(dir, { recursive: true });
  return { pages, width: Number(size[1]), height: Number(size[2]), perPage, all: perPage.join('') };
}

// ---------------------------------------------------------------------------------------
// 1. keyboard only

appTest('キーボードだけで: 目標表で作った生活介護（週3回・1回6時間）を枠に置く。曜日を足すと「合わない」→「合っています」に変わり、再読み込み後も同じ', async ({ page }) => {
  // Setup (not the subject): the need and its support, made on the 目標表 screen.
  await gotoApp(page);
  const id = await createCase(page, { name: '週間 K' });
  await gotoRoute(page, `#/case/${id}/planning`);
  await page.getByRole('button', { name: '＋ ニーズを追加', exact: true }).click();
  const need = page.getByRole('main').locator('li.need').first();
  await need.getByRole('textbox', { name: '解決すべき課題（本人のニーズ）', exact: true }).fill('日中、通う場所がほしい');
  const support = need.locator('div.support').first();
  await support.getByRole('combobox', { name: '種類', exact: true }).or(support.getByRole('textbox', { name: '種類', exact: true })).fill('生活介護');
  await support.getByRole('textbox', { name: '回数', exact: true }).fill('3');
  await support.getByRole('textbox', { name: '1回の時間（時間）', exact: true }).fill('6');
  const supportId = await waitForStored(page, id, (c) => {
    const s = c.plan.needs[0]?.supports[0];
    assert.deepEqual([s?.kind, s?.amount], ['生活介護', { times: 3, per: 'week', hours: 6 }]);
    return s.id;
  });

  // --- from here on, keyboard only.
  const sub = page.getByRole('navigation', { name: '計画案の画面', exact: true });
  assert.deepEqual(await sub.getByRole('link').allInnerTexts(), ['目標表（計画案）', '週間計画表', '確認・確定', '評価・助言'], '計画案の画面のリンクが違います');
  assert.equal(await sub.getByRole('link', { name: '目標表（計画案）', exact: true }).getAttribute('aria-current'), 'page');
  await tabTo(page, sub.getByRole('link', { name: '週間計画表', exact: true }), { shift: true, max: 120 });
  await page.keyboard.press('Enter');
  await scheduleReady(page);
  assert.match(page.url(), new RegExp(`#/case/${id}/planning/schedule$`), '「週間計画表」のリンクで #/case/<id>/planning/schedule に移りません');
  assert.equal(await sub.getByRole('link', { name: '週間計画表', exact: true }).getAttribute('aria-current'), 'page', '週間計画表の画面で「週間計画表」に aria-current="page" がありません');
  assert.equal(await sub.locator('[aria-current="page"]').count(), 1, 'aria-current="page" が 1 つではありません');

  // Nothing placed yet: the goal table's 週3回 is not on the grid.
  assert.equal(await page.locator('#schedule-agreement').evaluate((el) => el.closest('[aria-live="polite"]') !== null), true,
    '合う・合わないの表示が aria-live="polite" の中にありません（スクリーンリーダーに伝わりません）');
  await waitAgreement(page, disagree('優先順位1 生活介護: 目標表は週3回ですが、週間計画表にはまだ置かれていません。'), '枠がないときの表示が違います');
  await page.getByText('まだ枠がありません。', { exact: false }).waitFor();
  const f = slotForm(page);
  assert.deepEqual(await f.support.evaluate((s) => [...s.options].map((o) => o.textContent.trim())), ['なし', DAY_CARE],
    '「目標表の支援」の選択肢が「なし」と目標表の支援になっていません');
  for (const [i, label] of COLUMNS.entries()) {
    assert.equal(await f.day(label).getAttribute('id'), `slot-day-${DAY_IDS[i]}`);
  }
  assert.equal(await textOf(f.form.getByRole('group', { name: 'どこに置くか' }).locator('legend')), 'どこに置くか');

  // First slot: 月・水 9:30〜15:30, 生活介護 (two days of three).
  await tabTo(page, f.day('月'));
  await page.keyboard.press('Space');
  await tabTo(page, f.day('水'));
  await page.keyboard.press('Space');
  assert.deepEqual(await checkedDays(page), ['月', '水'], 'Space で曜日のチェックが入りません');
  await tabTo(page, f.start);
  await page.keyboard.type('9:30');
  await tabTo(page, f.end);
  await page.keyboard.type('15:30');
  await tabTo(page, f.support);
  await page.keyboard.press('ArrowDown');
  assert.equal(await selectedLabel(f.support), DAY_CARE, '↓ キーで「目標表の支援」が選べません');
  await tabTo(page, f.submit);
  await page.keyboard.press('Enter');

  await waitAgreement(page, disagree('優先順位1 生活介護: 目標表は週3回ですが、週間計画表には週2回あります。'),
    '月・水に置いたあとの表示が「週2回」になりません');
  await eventually(async () => assert.ok(await isFocused(f.day('月')), `枠を追加したあと「月」のチェックボックスにフォーカスが戻りません（今: ${await activeDescription(page)}）`));
  assert.equal(await f.start.inputValue(), '', '追加のあと「始まり」が空になりません');
  assert.equal(await f.end.inputValue(), '', '追加のあと「終わり」が空になりません');
  assert.equal(await f.text.inputValue(), '');
  // The form starts afresh: nothing of the last slot goes unseen into the next one.
  assert.deepEqual(await checkedDays(page), [], '追加のあと選んだ曜日が残っています（フォームは空に戻るはず）');
  assert.equal(await selectedLabel(f.support), 'なし', '追加のあと「目標表の支援」が残っています（「なし」に戻るはず）');
  let shown = await gridSlots(page);
  assert.deepEqual(shown.map((s) => [s.column, s.text, s.mismatch]), [
    ['月', '9:30〜15:30 生活介護（目標表と合いません）', true],
    ['水', '9:30〜15:30 生活介護（目標表と合いません）', true],
  ], '表に置いた枠（月・水の列、時間、内容、合わない印と「目標表と合いません」の文字）が違います');
  assert.match(shown[0].spoken, /^月 9:30〜15:30 生活介護 ?（目標表と合いません）$/, '合わない枠が読み上げで「目標表と合いません」と伝わりません');
  assert.deepEqual(await slotList(page), [['月・水', '9:30〜15:30', '生活介護', '優先順位1 生活介護（目標表と合いません）']],
    '「置いた枠」の表が違います');
  assert.deepEqual(await slotTable(page).getByRole('columnheader').allInnerTexts(), ['曜日・列', '時間', '内容', '目標表の支援', '操作']);

  // Second slot: 金 only, times typed in full width and with 時・分, the support chosen
  // again; submitted with Enter in the text field.
  await tabTo(page, f.day('金'));
  await page.keyboard.press('Space');
  assert.deepEqual(await checkedDays(page), ['金']);
  await tabTo(page, f.start);
  await page.keyboard.type('９：３０');
  await tabTo(page, f.end);
  await page.keyboard.type('15時30分');
  await tabTo(page, f.support);
  await page.keyboard.press('ArrowDown');
  await tabTo(page, f.text);
  await page.keyboard.press('Enter');
  await waitAgreement(page, 'agree', '金曜を足して週3回になっても「合っています」になりません');
  assert.equal(await textOf(page.locator('#schedule-agreement')), AGREE);
  shown = await gridSlots(page);
  assert.deepEqual(shown.map((s) => [s.column, s.text, s.mismatch]), [
    ['月', '9:30〜15:30 生活介護', false],
    ['水', '9:30〜15:30 生活介護', false],
    ['金', '9:30〜15:30 生活介護', false],
  ], '合ったあとも表の枠に「合わない」の印が残っています');
  assert.deepEqual(await slotList(page), [
    ['月・水', '9:30〜15:30', '生活介護', '優先順位1 生活介護'],
    ['金', '9:30〜15:30', '生活介護', '優先順位1 生活介護'],
  ]);
  const expected = [
    { columns: ['mon', 'wed'], start: '9:30', end: '15:30', text: '', support: supportId },
    { columns: ['fri'], start: '9:30', end: '15:30', text: '', support: supportId },
  ];
  await waitForStored(page, id, (c) => assert.deepEqual(storedSlots(c), expected, '保存された枠が入力どおりではありません'));

  // Reload: the same.
  await reloadApp(page);
  await scheduleReady(page);
  await waitAgreement(page, 'agree', '再読み込みのあと「合っています」ではありません');
  assert.deepEqual((await gridSlots(page)).map((s) => [s.column, s.text]), [
    ['月', '9:30〜15:30 生活介護'], ['水', '9:30〜15:30 生活介護'], ['金', '9:30〜15:30 生活介護'],
  ], '再読み込みのあと表の枠が違います');
  assert.equal(await slotRows(page).count(), 2);
  assert.deepEqual(storedSlots((await readCaseRecord(page, id)).case), expected);
});

// ---------------------------------------------------------------------------------------
// 2. hours, delete

appTest('1回の時間が違う枠は「目標表は1回6時間ですが、週間計画表の枠は4時間30分です。」と出る。枠を削除すると表と「置いた枠」から消え、保存からも消える', async ({ page }) => {
  const id = caseId(2);
  await seed(page, [planRecord({ id, supports: [{ kind: '生活介護', times: 3, hours: 6 }] })], `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
  await addSlot(page, { days: ['月', '水', '金'], start: '9:30', end: '14:00', support: DAY_CARE });
  await waitAgreement(page, disagree('優先順位1 生活介護: 目標表は1回6時間ですが、週間計画表の枠は4時間30分です。'),
    '時間が短い枠の表示が違います');
  assert.deepEqual((await gridSlots(page)).map((s) => [s.column, s.mismatch]), [['月', true], ['水', true], ['金', true]],
    '時間の合わない枠に「合わない」の印がありません');

  // A second, right slot for the same support on another day: 4 days now, and the short slot.
  await addSlot(page, { days: ['土'], start: '9:00', end: '15:00', support: DAY_CARE, text: '生活介護（土曜）' });
  await waitAgreement(page, disagree(
    '優先順位1 生活介護: 目標表は週3回ですが、週間計画表には週4回あります。',
    '優先順位1 生活介護: 目標表は1回6時間ですが、週間計画表の枠は4時間30分です。',
  ), '4日に置いたときの表示が違います');
  assert.deepEqual(await slotList(page), [
    ['土', '9:00〜15:00', '生活介護（土曜）', '優先順位1 生活介護（目標表と合いません）'],
    ['月・水・金', '9:30〜14:00', '生活介護', '優先順位1 生活介護（目標表と合いません）'],
  ], '「置いた枠」が始まりの時刻順に並んでいないか、内容が違います');

  // Delete the short one.
  const del = deleteButton(page, '月・水・金 9:30〜14:00');
  assert.equal(await textOf(del), '削除');
  await del.click();
  await eventually(async () => assert.equal(await slotRows(page).count(), 1, '「この枠を削除（月・水・金 9:30〜14:00）」で行が消えません'));
  await eventually(async () => assert.ok(await isFocused(slotForm(page).day('月')), `枠を削除したあとフォーカスが「月」に移りません（今: ${await activeDescription(page)}）`));
  await waitAgreement(page, disagree('優先順位1 生活介護: 目標表は週3回ですが、週間計画表には週1回あります。'), '削除後の表示が違います');
  assert.deepEqual((await gridSlots(page)).map((s) => [s.column, s.text]), [['土', '9:00〜15:00 生活介護（土曜）（目標表と合いません）']], '削除した枠が表に残っています');
  await waitForStored(page, id, (c) => assert.deepEqual(storedSlots(c), [
    { columns: ['sat'], start: '9:00', end: '15:00', text: '生活介護（土曜）', support: 1 },
  ], '削除した枠が保存に残っています'));

  await deleteButton(page, '土 9:00〜15:00').click();
  await page.getByText('まだ枠がありません。', { exact: false }).waitFor();
  assert.equal(await grid(page).locator('.week-grid__slot').count(), 0);
  await reloadApp(page);
  await scheduleReady(page);
  assert.equal(await grid(page).locator('.week-grid__slot').count(), 0, '削除した枠が再読み込みで戻りました');
  await waitAgreement(page, disagree('優先順位1 生活介護: 目標表は週3回ですが、週間計画表にはまだ置かれていません。'));
});

// ---------------------------------------------------------------------------------------
// 3. errors

appTest('枠の入力エラー: エラーの要約（role=alert）にフォーカスが移り、各リンクで欄へ行ける。同じ時刻・範囲外の時刻も。エラーのあいだは何も保存されない', async ({ page }) => {
  const id = caseId(3);
  await seed(page, [planRecord({ id, supports: [{ kind: '生活介護', times: 3, hours: 6 }] })], `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
  const f = slotForm(page);

  await f.submit.click();
  await f.summary.waitFor();
  assert.equal(await f.summary.getAttribute('role'), 'alert', 'エラーの要約が role="alert" ではありません');
  assert.equal(await textOf(f.summary.getByRole('heading')), '入力を確認してください');
  await eventually(async () => assert.ok(await isFocused(f.summary), `エラーの要約にフォーカスが移りません（今: ${await activeDescription(page)}）`));
  const links = f.summary.getByRole('link');
  assert.deepEqual(await links.allInnerTexts(), [DAY_ERROR, TIME_ERROR, TIME_ERROR, WHAT_ERROR], '空で送ったときのエラーが違います');
  assert.equal(await f.start.getAttribute('aria-invalid'), 'true', '「始まり」が aria-invalid="true" になりません');
  assert.equal(await f.end.getAttribute('aria-invalid'), 'true');
  assert.equal(await f.text.getAttribute('aria-invalid'), 'true');
  const describedBy = async (el) => el.evaluate((e) => (e.getAttribute('aria-describedby') ?? '').split(/\s+/)
    .map((i) => document.getElementById(i)?.textContent.trim() ?? '').join(' '));
  assert.ok((await describedBy(f.start)).includes(TIME_ERROR), '「始まり」がエラーメッセージを aria-describedby で参照していません');
  // Each link takes the user to its field.
  const targets = [f.day('月'), f.start, f.end, f.text];
  for (let i = 0; i < 4; i++) {
    await links.nth(i).click();
    await eventually(async () => assert.ok(await isFocused(targets[i]), `エラー「${await links.nth(i).innerText()}」のリンクで欄にフォーカスが移りません（今: ${await activeDescription(page)}）`));
  }

  // Same start and end; and out of range.
  await f.day('火').check();
  await f.start.fill('9:00');
  await f.end.fill('９時');
  await f.text.fill('散歩');
  await f.submit.click();
  await eventually(async () => assert.deepEqual(await links.allInnerTexts(), [SAME_ERROR], '始まりと終わりが同じときのエラーが違います'));
  await eventually(async () => assert.ok(await isFocused(f.summary), '2回目のエラーでも要約にフォーカスが移りません'));
  assert.equal(await f.start.getAttribute('aria-invalid'), 'false', '正しい「始まり」まで aria-invalid="true" のままです');
  assert.equal(await f.end.getAttribute('aria-invalid'), 'true');
  await f.end.fill('25:00');
  await f.submit.click();
  await eventually(async () => assert.deepEqual(await links.allInnerTexts(), [TIME_ERROR], '「25:00」のエラーが違います'));
  await f.end.fill('朝');
  await f.submit.click();
  await eventually(async () => assert.deepEqual(await links.allInnerTexts(), [TIME_ERROR], '「朝」のエラーが違います'));
  // Text given but no day.
  await f.day('火').uncheck();
  await f.end.fill('10:00');
  await f.submit.click();
  await eventually(async () => assert.deepEqual(await links.allInnerTexts(), [DAY_ERROR]));
  await sleep(300);
  assert.deepEqual((await readCaseRecord(page, id)).case.plan.schedule.slots, [], 'エラーなのに枠が保存されました');
  assert.equal(await grid(page).locator('.week-grid__slot').count(), 0, 'エラーなのに表に枠が出ました');

  // Fixed: the summary goes away, the slot is added; the text alone (no support) is enough.
  await f.day('日・祝').check();
  await f.submit.click();
  await f.summary.waitFor({ state: 'detached' });
  assert.equal(await f.end.getAttribute('aria-invalid'), 'false');
  assert.deepEqual((await gridSlots(page)).map((s) => [s.column, s.text]), [['日・祝', '9:00〜10:00 散歩']]);
  await waitForStored(page, id, (c) => assert.deepEqual(storedSlots(c), [
    { columns: ['sun_holiday'], start: '9:00', end: '10:00', text: '散歩', support: null },
  ]));
  // 「月〜金を選ぶ」 checks the five weekdays and keeps the others (the form is empty again
  // after the slot was added).
  assert.deepEqual(await checkedDays(page), [], '枠を追加したあとフォームが空に戻りません');
  await f.day('日・祝').check();
  await f.day('主な日常生活上の活動').check();
  await f.weekdays.click();
  assert.deepEqual(await checkedDays(page), ['月', '火', '水', '木', '金', '日・祝', '主な日常生活上の活動'], '「月〜金を選ぶ」で月〜金が選ばれないか、ほかの選択が外れました');
});

// ---------------------------------------------------------------------------------------
// 4. past midnight, activities column

appTest('夜中をまたぐ枠（22:00〜6:00）は表の下まで続く。「主な日常生活上の活動」の列は週の回数に数えない', async ({ page }) => {
  const id = caseId(4);
  await seed(page, [planRecord({ id, supports: [{ kind: '重度訪問介護', times: 1 }] })], `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
  const NIGHT = '優先順位1 重度訪問介護（週1回）';
  const zero = disagree('優先順位1 重度訪問介護: 目標表は週1回ですが、週間計画表にはまだ置かれていません。');
  await waitAgreement(page, zero);

  // Only the activities column: not a day of the week.
  await addSlot(page, { days: ['主な日常生活上の活動'], start: '22:00', end: '6:00', support: NIGHT, text: '就寝（見守り）' });
  await waitAgreement(page, zero, '「主な日常生活上の活動」の列だけの枠が週の回数に数えられています');
  // 火 and the activities column: one day.
  await addSlot(page, { days: ['火', '主な日常生活上の活動'], start: '22:00', end: '6:00', support: NIGHT });
  await waitAgreement(page, 'agree', '火と「主な日常生活上の活動」に置いた枠が週1回と数えられていません');

  const shown = await gridSlots(page);
  assert.deepEqual(shown.map((s) => [s.column, s.text]).sort(), [
    ['主な日常生活上の活動', '22:00〜6:00 就寝（見守り）'],
    ['主な日常生活上の活動', '22:00〜6:00 重度訪問介護'],
    ['火', '22:00〜6:00 重度訪問介護'],
  ].sort(), '夜中をまたぐ枠の表示が違います');
  // Drawn from the 22:00 line down to the grid's end (the next 6:00).
  const { times } = shown[0];
  const last = Object.values(times).reduce((a, b) => (a.bottom > b.bottom ? a : b));
  for (const s of shown) {
    assert.ok(Math.abs(s.top - times['22:00'].top) < 2, `夜中をまたぐ枠の上端が 22:00 の行にありません（枠 ${s.top}、22:00 ${times['22:00'].top}）`);
    assert.ok(Math.abs(s.bottom - last.bottom) < 2, `夜中をまたぐ枠が表の下端（翌朝6:00）まで続いていません（枠 ${s.bottom}、下端 ${last.bottom}）`);
  }
  // Same start: ordered by their first column (火 before 主な日常生活上の活動).
  assert.deepEqual(await slotList(page), [
    ['火・主な日常生活上の活動', '22:00〜6:00', '重度訪問介護', '優先順位1 重度訪問介護'],
    ['主な日常生活上の活動', '22:00〜6:00', '就寝（見守り）', '優先順位1 重度訪問介護'],
  ]);
  await deleteButton(page, '火・主な日常生活上の活動 22:00〜6:00').waitFor();
  await waitForStored(page, id, (c) => assert.deepEqual(storedSlots(c), [
    { columns: ['tue', 'activities'], start: '22:00', end: '6:00', text: '', support: 1 },
    { columns: ['activities'], start: '22:00', end: '6:00', text: '就寝（見守り）', support: 1 },
  ]));
});

appTest('種類が空の支援は「優先順位N （種類未記入）」と表示される。月単位の支援は回数を比べない', async ({ page }) => {
  const id = caseId(5);
  await seed(page, [planRecord({ id, supports: [{ kind: '移動支援', times: 2, per: 'month', hours: 4 }, { kind: '', times: 1 }] })],
    `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
  await waitAgreement(page, disagree('優先順位2 （種類未記入）: 目標表は週1回ですが、週間計画表にはまだ置かれていません。'),
    '種類が空の支援の名前が「（種類未記入）」になっていないか、月単位の支援まで比べられています');
  assert.deepEqual(await slotForm(page).support.evaluate((s) => [...s.options].map((o) => o.textContent.trim())),
    ['なし', '優先順位1 移動支援（月2回・1回4時間）', '優先順位2 （種類未記入）（週1回）']);
});

// ---------------------------------------------------------------------------------------
// 5. the boxes under the grid, IME, reload

appTest('計画開始年月・週単位以外のサービス・生活の全体像は自動保存され、再読み込み後も残る。枠に書く内容と下の欄は IME で入力しても壊れない', async ({ context, page }) => {
  const id = caseId(6);
  await seed(page, [planRecord({ id, supports: [{ kind: '生活介護', times: 3, hours: 6 }] })], `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
  const cdp = await context.newCDPSession(page);
  const main = page.getByRole('main');
  const startMonth = main.getByRole('textbox', { name: '計画開始年月', exact: true });
  const nonWeekly = main.getByRole('textbox', { name: '週単位以外のサービス', exact: true });
  const wholeLife = main.getByRole('textbox', { name: 'サービス提供によって実現する生活の全体像', exact: true });
  assert.equal(await startMonth.getAttribute('id'), 'schedule-start-month');
  assert.equal(await nonWeekly.getAttribute('id'), 'schedule-non-weekly');
  assert.equal(await wholeLife.getAttribute('id'), 'schedule-whole-life');

  await startMonth.fill('令和8年12月');
  await nonWeekly.click();
  await page.keyboard.type('短期入所：');
  await imeType(cdp, 'つきにいっぱく', '月に1泊', { pauseMs: 600 });
  assert.ok(await isFocused(nonWeekly), 'IME で入力中に「週単位以外のサービス」からフォーカスが外れました');
  await page.keyboard.type('（母の通院日）');
  await wholeLife.fill('日中は作業所に通い、夜は家族と過ごす。');

  // The slot's text through the IME, then added with Enter.
  const f = slotForm(page);
  await f.day('主な日常生活上の活動').check();
  await f.start.fill('7:00');
  await f.end.fill('8:00');
  await f.text.click();
  await imeType(cdp, 'きしょう', '起床', { pauseMs: 300 });
  await page.keyboard.type('・');
  await imeType(cdp, 'ちょうしょく', '朝食');
  assert.equal(await f.text.inputValue(), '起床・朝食', 'IME で入力した「枠に書く内容」が壊れました');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual((await gridSlots(page)).map((s) => [s.column, s.text]),
    [['主な日常生活上の活動', '7:00〜8:00 起床・朝食']], 'IME で入力した内容の枠が表に出ません'));

  const NON_WEEKLY = '短期入所：月に1泊（母の通院日）';
  const check = (c) => {
    assert.equal(c.plan.schedule.start_month, '令和8年12月');
    assert.equal(c.plan.schedule.non_weekly, NON_WEEKLY, '「週単位以外のサービス」が入力どおりに保存されていません');
    assert.equal(c.plan.schedule.whole_life, '日中は作業所に通い、夜は家族と過ごす。');
    assert.deepEqual(storedSlots(c), [{ columns: ['activities'], start: '7:00', end: '8:00', text: '起床・朝食', support: null }]);
  };
  await waitForStored(page, id, check);
  await reloadApp(page);
  await scheduleReady(page);
  assert.equal(await startMonth.inputValue(), '令和8年12月', '再読み込み後の「計画開始年月」が違います');
  assert.equal(await nonWeekly.inputValue(), NON_WEEKLY);
  assert.equal(await wholeLife.inputValue(), '日中は作業所に通い、夜は家族と過ごす。');
  assert.deepEqual(await slotList(page), [['主な日常生活上の活動', '7:00〜8:00', '起床・朝食', 'なし']]);
  check((await readCaseRecord(page, id)).case);

  // The print link.
  const link = main.getByRole('link', { name: '週間計画表を印刷する', exact: true });
  assert.equal(await link.getAttribute('href'), `#/case/${id}/print/schedule`);
  await link.click();
  await page.getByRole('heading', { level: 1, name: '週間計画表の印刷' }).waitFor();
  const sheet = page.getByRole('article', { name: '印刷される週間計画表' });
  const text = (await sheet.innerText()).replace(/\s+/g, '');
  for (const expected of ['令和8年12月', NON_WEEKLY, '起床・朝食', '日中は作業所に通い、夜は家族と過ごす。']) {
    assert.ok(text.includes(expected.replace(/\s+/g, '')), `印刷画面に「${expected}」がありません`);
  }
});

// ---------------------------------------------------------------------------------------
// 6. axe

appTest('axe: 週間計画表の画面（合わない表示・エラーの要約あり／合っている表示）と印刷画面に違反がない', async ({ page }) => {
  const id = caseId(7);
  await seed(page, [planRecord({
    id,
    supports: [{ kind: '生活介護', times: 3, hours: 6 }, { kind: '居宅介護', times: 2, hours: 1.5 }],
    slots: [
      { columns: ['activities'], start: '7:00', end: '8:00', text: '起床・朝食' },
      { columns: ['mon', 'wed'], start: '9:30', end: '14:00', support: 1 },
      { columns: ['tue', 'thu'], start: '17:00', end: '18:30', support: 2, text: '家事援助' },
    ],
    schedule: { start_month: '2026-12', non_weekly: '短期入所（月1回）', whole_life: '作業所に通う' },
  })], `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
  await waitAgreement(page, disagree(
    '優先順位1 生活介護: 目標表は週3回ですが、週間計画表には週2回あります。',
    '優先順位1 生活介護: 目標表は1回6時間ですが、週間計画表の枠は4時間30分です。',
  ));
  const f = slotForm(page);
  await f.submit.click();
  await f.summary.waitFor();
  await assertNoAxeViolations(page, '週間計画表（合わない表示・エラーの要約）');

  await deleteButton(page, '月・水 9:30〜14:00').click();
  await addSlot(page, { days: ['月', '水', '金'], start: '9:30', end: '15:30', support: DAY_CARE });
  await waitAgreement(page, 'agree');
  await assertNoAxeViolations(page, '週間計画表（合っている表示）');

  await gotoRoute(page, `#/case/${id}/print/schedule`);
  await page.getByRole('heading', { level: 1, name: '週間計画表の印刷' }).waitFor();
  await assertNoAxeViolations(page, '週間計画表の印刷画面');
});

// ---------------------------------------------------------------------------------------
// 7. samples

const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/samples/index.json'), 'utf8'));
const samples = index.samples.map((s) => ({
  ...s,
  envelope: JSON.parse(fs.readFileSync(path.join(ROOT, 'public/samples', s.file), 'utf8')).cases[0],
}));

appTest('サンプル: 合わないところは sample-2 の 1 件（地域活動支援センター 週3回／週2回）だけ。印刷画面と表示', async ({ page }) => {
  assert.equal(samples.length, 4, 'サンプルが 4 件ではありません');
  await seed(page, samples.map((s) => s.envelope));
  for (const s of samples) {
    const c = s.envelope.case;
    await gotoSchedule(page, c.id);
    if (s.file === 'sample-2-seishin.json') {
      await waitAgreement(page, disagree('優先順位3 地域活動支援センター: 目標表は週3回ですが、週間計画表には週2回あります。'),
        `${s.file}: 仕込んだ食い違いが表示されません`);
      const bad = (await gridSlots(page)).filter((x) => x.mismatch).map((x) => x.column);
      assert.deepEqual(bad, ['月', '水'], `${s.file}: 合わない印の付いた枠が地域活動支援センターの月・水ではありません`);
    } else {
      await waitAgreement(page, 'agree', `${s.file}: 合わないところがないはずなのに表示があります`);
      assert.equal((await gridSlots(page)).filter((x) => x.mismatch).length, 0, `${s.file}: 合わない印の枠があります`);
    }
    assert.equal(await grid(page).locator('.week-grid__slot').count(),
      c.plan.schedule.slots.reduce((n, x) => n + x.columns.length, 0), `${s.file}: 表の枠の数が保存された枠（列ごと）と合いません`);
  }
});

function slotMinutes({ start, end }) {
  const m = (t) => { const [h, mm] = t.split(':').map(Number); return h * 60 + mm; };
  return ((m(end) - m(start)) % 1440 + 1440) % 1440 || 1440;
}

/** Opens a sample's print screen and prints it to PDF (read with pdfinfo/pdftotext). */
async function printSample(page, s) {
  const c = s.envelope.case;
  await gotoRoute(page, `#/case/${c.id}/print/schedule`);
  await page.getByRole('heading', { level: 1, name: '週間計画表の印刷' }).waitFor();
  return pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
}

appTest('サンプル: 各サンプルの週間計画表の印刷画面と PDF（A4 横）に、氏名・事業者名・和暦の計画開始年月・表の列と枠・下の欄が入り、画面用の文字は入らない', async ({ page }) => {
  await seed(page, samples.map((s) => s.envelope));
  for (const s of samples) {
    const c = s.envelope.case;
    await gotoRoute(page, `#/case/${c.id}/print/schedule`);
    await page.getByRole('heading', { level: 1, name: '週間計画表の印刷' }).waitFor();
    await page.getByRole('button', { name: '印刷する', exact: true }).waitFor();
    const sheet = page.getByRole('article', { name: '印刷される週間計画表' });
    assert.equal(await textOf(sheet.getByRole('heading')), '週間計画表');
    const warning = page.getByText('目標表と合わないところが1件あります。', { exact: false });
    assert.equal(await warning.count(), s.file === 'sample-2-seishin.json' ? 1 : 0, `${s.file}: 印刷画面の「合わないところ」の注意の有無が違います`);

    const pdf = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.ok(Math.abs(pdf.width - 842) < 2 && Math.abs(pdf.height - 595) < 2, `${s.file}: A4 横ではありません: ${pdf.width}x${pdf.height}`);
    const h = c.plan.header;
    const expected = [
      '週間計画表', c.for_child ? '利用者氏名（児童氏名）' : '利用者氏名', c.name, '障害支援区分', '相談支援事業者名', h.office_name,
      '受給者証番号', c.certificate_no, '利用者負担上限額', h.burden_cap, '計画作成担当者', h.planner,
      '計画開始年月', '令和8年12月', ...COLUMNS, '6:00', '22:00',
      '週単位以外のサービス', c.plan.schedule.non_weekly.slice(0, 12),
      'サービス提供によって実現する生活の全体像', c.plan.schedule.whole_life.slice(0, 12),
    ];
    if (c.support_category) expected.push(`区分${c.support_category}`);
    // On the first page, with the grid: the beginning of every slot's text, and the time of
    // every slot of an hour or more (30-minute slots: see the test below).
    const first = pdf.perPage[0];
    for (const slot of c.plan.schedule.slots) {
      if (slotMinutes(slot) >= 60) {
        assert.ok(first.includes(`${slot.start}〜${slot.end}`), `${s.file}: PDF の 1 ページ目の表に枠「${slot.start}〜${slot.end}」がありません`);
      }
      if (slot.text) assert.ok(first.includes(slot.text.slice(0, 4).replace(/\s+/g, '')), `${s.file}: PDF の 1 ページ目の表に「${slot.text.slice(0, 4)}…」がありません`);
    }
    for (const e of expected) {
      assert.ok(pdf.all.includes(e.replace(/\s+/g, '')), `${s.file}: PDF に「${e}」がありません`);
    }
    for (const absent of ['印刷する', '週間計画表の入力に戻る', '目標表と合わないところ']) {
      assert.ok(!pdf.all.includes(absent), `${s.file}: PDF に画面用の「${absent}」が印刷されています`);
    }
  }
});

appTest('サンプル 2（下の欄が短い）: 週間計画表は A4 横 1 ページに収まる', async ({ page }) => {
  await seed(page, samples.map((s) => s.envelope));
  const pdf = await printSample(page, samples.find((s) => s.file === 'sample-2-seishin.json'));
  assert.equal(pdf.pages, 1, `週間計画表が 1 ページに収まりません（${pdf.pages} ページ）`);
  assert.ok(Math.abs(pdf.width - 842) < 2 && Math.abs(pdf.height - 595) < 2, `A4 横ではありません: ${pdf.width}x${pdf.height}`);
});

appTest('サンプル 1・3・4: 週間計画表は（下の欄が6〜9行あっても）A4 横 1 ページに収まる', async ({ page }) => {
  await seed(page, samples.map((s) => s.envelope));
  const pages = {};
  for (const s of samples) pages[s.file] = (await printSample(page, s)).pages;
  assert.deepEqual(pages, Object.fromEntries(samples.map((s) => [s.file, 1])), '週間計画表が 1 ページに収まらないサンプルがあります（数はページ数）');
});

appTest('サンプル: 30分の枠（例「21:00〜21:30 ごみ袋を玄関に置く」）も、印刷した PDF で時刻が読める', async ({ page }) => {
  await seed(page, samples.map((s) => s.envelope));
  const unreadable = [];
  for (const s of samples) {
    const pdf = await printSample(page, s);
    for (const slot of s.envelope.case.plan.schedule.slots) {
      if (!pdf.perPage[0].includes(`${slot.start}〜${slot.end}`)) unreadable.push(`${s.file}: ${slot.start}〜${slot.end} ${slot.text.slice(0, 12)}`);
    }
  }
  assert.deepEqual(unreadable, [], `印刷すると時刻が読めない（欠ける）枠があります:\n  ${unreadable.join('\n  ')}`);
});

// ---------------------------------------------------------------------------------------
// 8. the walkthrough of issue 18: the form starts afresh, slots are changed in place,
//    nothing is cut on screen or on paper, a mismatch is said in words, 400 px.

function editButton(page, label) {
  return slotRows(page).getByRole('button', { name: `この枠を変更（${label}）`, exact: true });
}

/** The form while a slot is being changed (its region is named by its heading). */
function editForm(page) {
  const form = page.getByRole('region', { name: '枠を変更する', exact: true });
  return {
    form,
    heading: form.getByRole('heading', { name: '枠を変更する', exact: true }),
    day: (label) => form.getByRole('checkbox', { name: label, exact: true }),
    start: form.getByRole('textbox', { name: '始まり', exact: true }),
    end: form.getByRole('textbox', { name: '終わり', exact: true }),
    support: form.getByRole('combobox', { name: '目標表の支援', exact: true }),
    text: form.getByRole('textbox', { name: '枠に書く内容', exact: true }),
    save: form.getByRole('button', { name: '変更を保存する', exact: true }),
    cancel: form.getByRole('button', { name: '変更をやめる', exact: true }),
  };
}

async function checkedIn(form) {
  const out = [];
  for (const label of COLUMNS) if (await form.getByRole('checkbox', { name: label, exact: true }).isChecked()) out.push(label);
  return out;
}

appTest('枠を追加すると、フォームは空に戻る: 居宅介護の枠の次に書いた日常の活動は、どの支援にも結び付かず「合わない」にもならない', async ({ page }) => {
  const id = caseId(20);
  const HOME_HELP = '優先順位1 居宅介護（週2回・1回1.5時間）';
  await seed(page, [planRecord({ id, supports: [{ kind: '居宅介護', times: 2, hours: 1.5 }] })], `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
  await addSlot(page, { days: ['火', '木'], start: '16:30', end: '18:00', support: HOME_HELP, text: '家事援助' });
  await waitAgreement(page, 'agree');
  const f = slotForm(page);
  assert.deepEqual(await checkedDays(page), [], '枠を追加したあとも曜日のチェックが残っています');
  assert.equal(await selectedLabel(f.support), 'なし', '枠を追加したあとも「目標表の支援」が居宅介護のままです');
  assert.deepEqual([await f.start.inputValue(), await f.end.inputValue(), await f.text.inputValue()], ['', '', '']);

  // The next slot, as a specialist writes it: the day and the words only.
  await f.day('主な日常生活上の活動').check();
  await f.start.fill('18:00');
  await f.end.fill('19:00');
  await f.text.fill('夕食');
  await f.submit.click();
  await eventually(async () => assert.equal(await slotRows(page).count(), 2));
  await waitAgreement(page, 'agree', '日常の活動を足しただけで「合わないところ」が出ました（前の枠の支援に結び付いています）');
  await waitForStored(page, id, (c) => assert.deepEqual(storedSlots(c).find((s) => s.text === '夕食'),
    { columns: ['activities'], start: '18:00', end: '19:00', text: '夕食', support: null }, '日常の活動が支援に結び付いて保存されました'));
});

appTest('枠の変更: 「変更」で枠がフォームに入り、直して保存すると同じ id のまま変わる（表・置いた枠・保存・合う表示）。「変更をやめる」では何も変わらない', async ({ page }) => {
  const id = caseId(21);
  await seed(page, [planRecord({
    id,
    supports: [{ kind: '生活介護', times: 3, hours: 6 }],
    slots: [
      { columns: ['activities'], start: '7:00', end: '8:00', text: '起床・朝食' },
      { columns: ['mon', 'wed'], start: '9:30', end: '14:00', support: 1 },
    ],
  })], `#/case/${id}/planning/schedule`);
  await scheduleReady(page);
  await waitAgreement(page, disagree(
    '優先順位1 生活介護: 目標表は週3回ですが、週間計画表には週2回あります。',
    '優先順位1 生活介護: 目標表は1回6時間ですが、週間計画表の枠は4時間30分です。',
  ));
  const before = (await readCaseRecord(page, id)).case.plan.schedule;

  const button = editButton(page, '月・水 9:30〜14:00');
  assert.equal(await textOf(button), '変更');
  await button.click();
  const e = editForm(page);
  await e.heading.waitFor();
  await eventually(async () => assert.ok(await isFocused(e.heading), `「変更」のあとフォームの見出しにフォーカスが移りません（今: ${await activeDescription(page)}）`));
  assert.deepEqual(await checkedIn(e.form), ['月', '水'], '変更する枠の曜日がフォームに入りません');
  assert.deepEqual([await e.start.inputValue(), await e.end.inputValue(), await e.text.inputValue()], ['9:30', '14:00', ''],
    '変更する枠の時刻と内容がフォームに入りません');
  assert.equal(await selectedLabel(e.support), DAY_CARE, '変更する枠の「目標表の支援」がフォームに入りません');

  // Fix both slips: add 金, end at 15:30.
  await e.day('金').check();
  await e.end.fill('15:30');
  await e.save.click();
  await waitAgreement(page, 'agree', '曜日と終わりを直して保存しても「合っています」になりません');
  assert.deepEqual(await slotList(page), [
    ['主な日常生活上の活動', '7:00〜8:00', '起床・朝食', 'なし'],
    ['月・水・金', '9:30〜15:30', '生活介護', '優先順位1 生活介護'],
  ], '変更した枠が「置いた枠」で直っていないか、枠が増えました');
  assert.deepEqual((await gridSlots(page)).filter((s) => s.column !== '主な日常生活上の活動').map((s) => [s.column, s.text]),
    [['月', '9:30〜15:30 生活介護'], ['水', '9:30〜15:30 生活介護'], ['金', '9:30〜15:30 生活介護']], '表の枠が変更どおりではありません');
  const after = await waitForStored(page, id, (c) => {
    const s = c.plan.schedule.slots.find((x) => x.start === '9:30');
    assert.deepEqual({ id: s.id, columns: s.columns, end: s.end, support: s.support }, { id: 2, columns: ['mon', 'wed', 'fri'], end: '15:30', support: 1 },
      '変更した枠が同じ id（2）のまま保存されていません');
    return c.plan.schedule;
  });
  assert.equal(after.slots.length, 2, '変更で枠が増えました');
  assert.equal(after.next_slot_id, before.next_slot_id, '変更で新しい id が使われました');
  // Back to adding, focus on the slot's own 変更.
  await page.getByRole('region', { name: '枠を追加する', exact: true }).waitFor();
  await eventually(async () => assert.ok(await isFocused(editButton(page, '月・水・金 9:30〜15:30')),
    `保存のあと、その枠の「変更」にフォーカスが戻りません（今: ${await activeDescription(page)}）`));
  assert.deepEqual(await checkedDays(page), [], '保存のあとフォームが空に戻りません');

  // 変更をやめる: nothing changes.
  await editButton(page, '主な日常生活上の活動 7:00〜8:00').click();
  await editForm(page).heading.waitFor();
  await editForm(page).text.fill('寝坊');
  await editForm(page).cancel.click();
  await page.getByRole('region', { name: '枠を追加する', exact: true }).waitFor();
  assert.equal(await slotForm(page).text.inputValue(), '', '「変更をやめる」のあとフォームに内容が残っています');
  await eventually(async () => assert.ok(await isFocused(editButton(page, '主な日常生活上の活動 7:00〜8:00'))));
  await sleep(500);
  assert.deepEqual((await readCaseRecord(page, id)).case.plan.schedule, after, '「変更をやめる」で保存が変わりました');
  await assertNoAxeViolations(page, '週間計画表（変更のあと）');
  await editButton(page, '主な日常生活上の活動 7:00〜8:00').click();
  await editForm(page).heading.waitFor();
  await assertNoAxeViolations(page, '週間計画表（枠を変更するフォーム）');
});

/** Each slot's text on the screen grid that is cut (scrolls inside its box, or lies outside it), and its font size. */
async function cutSlots(page) {
  return grid(page).evaluate((g) => [...g.querySelectorAll('.week-grid__slot')].flatMap((s) => {
    const box = s.getBoundingClientRect();
    // What the eye reads (the column name for screen readers is visually hidden on purpose).
    const text = [...s.childNodes].filter((n) => !(n.classList && n.classList.contains('visually-hidden'))).flatMap((n) => {
      const range = document.createRange();
      range.selectNodeContents(n.nodeType === Node.TEXT_NODE ? n.parentNode : n);
      if (n.nodeType === Node.TEXT_NODE) range.selectNode(n);
      return [...range.getClientRects()].filter((r) => r.width > 0);
    });
    const outside = text.some((r) => r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.top < box.top - 1);
    const size = parseFloat(getComputedStyle(s).fontSize);
    const cut = s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1 || outside;
    return cut || size < 13 ? [`${s.textContent.replace(/\s+/g, ' ').trim()}（${size}px${cut ? '、切れている' : ''}）`] : [];
  }));
}

appTest('画面の表（1366×768）: 1時間の枠も内容まで切れずに読め（13px 以上）、合わない枠は赤だけでなく「（目標表と合いません）」と文字で示す', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await seed(page, samples.map((s) => s.envelope));
  for (const s of samples) {
    await gotoSchedule(page, s.envelope.case.id);
    assert.deepEqual(await cutSlots(page), [], `${s.file}: 表の枠の文字が切れているか、小さすぎます`);
  }
  const two = samples.find((s) => s.file === 'sample-2-seishin.json').envelope.case;
  await gotoSchedule(page, two.id);
  const bad = (await gridSlots(page)).filter((x) => x.mismatch);
  assert.deepEqual(bad.map((x) => [x.column, x.text.endsWith('（目標表と合いません）')]), [['月', true], ['水', true]],
    '合わない枠に「（目標表と合いません）」の文字が見えません');
  const words = grid(page).locator('.week-grid__slot--mismatch').getByText('（目標表と合いません）', { exact: true });
  for (let i = 0; i < await words.count(); i++) {
    assert.ok(await words.nth(i).isVisible(), '「（目標表と合いません）」が見えません');
    const r = await words.nth(i).boundingBox();
    assert.ok(r.width > 20 && r.height > 8, `「（目標表と合いません）」が切り取られています（${r.width}×${r.height}）`);
  }
});

appTest('印刷（PDF）: どのサンプルも、どの枠の内容も最後まで入る（「台所と床の片付けを一緒に」まで）。1 ページのまま、表がページを使う', async ({ page }) => {
  await seed(page, samples.map((s) => s.envelope));
  const cut = [];
  for (const s of samples) {
    const pdf = await printSample(page, s);
    assert.equal(pdf.pages, 1, `${s.file}: 週間計画表が 1 ページに収まりません`);
    for (const slot of s.envelope.case.plan.schedule.slots) {
      const whole = `${slot.start}〜${slot.end}${slot.text.replace(/\s+/g, '')}`;
      if (slot.text && !pdf.perPage[0].includes(whole)) cut.push(`${s.file}: ${slot.start}〜${slot.end} ${slot.text}`);
    }
  }
  assert.deepEqual(cut, [], `PDF で内容が途中で切れている枠があります:\n  ${cut.join('\n  ')}`);

  // The grid uses the page: what is printed reaches the lower part of the sheet.
  const two = samples.find((s) => s.file === 'sample-2-seishin.json');
  await gotoRoute(page, `#/case/${two.envelope.case.id}/print/schedule`);
  await page.getByRole('heading', { level: 1, name: '週間計画表の印刷' }).waitFor();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedule-bbox-'));
  const file = path.join(dir, 's.pdf');
  fs.writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true });
  const bottoms = [...html.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1]));
  const lowest = Math.max(...bottoms);
  assert.ok(lowest / 595 > 0.9, `印刷された内容がページの ${Math.round((lowest / 595) * 100)}% の高さで終わり、下が空いています`);
});

appTest('幅 400 px: 表の代わりに曜日ごとの一覧（時刻・内容・「目標表と合いません」）。横にスクロールせず、変更・削除も使える。axe の違反なし', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 800 });
  await seed(page, samples.map((s) => s.envelope));
  const two = samples.find((s) => s.file === 'sample-2-seishin.json').envelope.case;
  await gotoRoute(page, `#/case/${two.id}/planning/schedule`);
  await page.getByRole('main').getByRole('heading', { level: 2, name: '週間計画表', exact: true }).waitFor();
  const list = page.locator('#week-list');
  await list.waitFor();
  assert.equal(await grid(page).isVisible(), false, '400 px でも 9 列の表が表示されています');
  assert.deepEqual(await list.getByRole('heading', { level: 4 }).allInnerTexts(), COLUMNS, '一覧の見出しが曜日（と主な日常生活上の活動）の順ではありません');
  const items = async (day) => list.locator(`xpath=./h4[normalize-space()="${day}"]/following-sibling::*[1]`).evaluate((el) =>
    el.tagName === 'UL' ? [...el.children].map((li) => li.textContent.replace(/\s+/g, ' ').trim()) : [el.textContent.trim()]);
  const mon = two.plan.schedule.slots.filter((x) => x.columns.includes('mon'));
  assert.deepEqual(await items('月'), mon.map((x) => `${x.start}〜${x.end} ${x.text}${x.support === 4 ? '（目標表と合いません）' : ''}`),
    '月曜の一覧が、時刻・内容・合わない印の文字のとおりではありません');
  assert.deepEqual(await items('金'), ['枠はありません']);
  const wide = () => page.evaluate(() => [document.scrollingElement.scrollWidth, ...[...document.querySelectorAll('main *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map((el) => `${el.tagName}.${el.className}#${el.id}`)]);
  assert.deepEqual(await wide(), [400], '400 px で横にスクロールが出ます（はみ出す要素）');
  // The list of placed slots still changes and deletes.
  const edit = editButton(page, '月・水 13:00〜16:00');
  await edit.scrollIntoViewIfNeeded();
  assert.ok(await edit.isVisible(), '400 px で「変更」が見えません');
  await edit.click();
  await editForm(page).heading.waitFor();
  assert.deepEqual(await wide(), [400], '400 px の変更フォームで横にスクロールが出ます（はみ出す要素）');
  await assertNoAxeViolations(page, '週間計画表（400 px）');
});
