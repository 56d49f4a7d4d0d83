// モニタリング報告書 (issue 14 part 2): prefilled from the plan in force (one row per priority
// with 支援目標 and 達成時期), written by keyboard and IME with autosave (a reload keeps the
// draft), refused in Japanese without losing anything, recorded (frozen), printed A4 landscape
// like the 様式例 (consent box, 和暦), and 「計画を変更する」 making a new draft linked back to
// it (shown on the 計画案 screen and the plan print, kept through a reload and an export);
// 「この記録を訂正する」 as a new record; the sample with two final versions and three
// reports; axe on each screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  setupSuite, appTest, gotoRoute, reloadApp, assert, eventually, textOf, assertNoAxeViolations,
  waitForStored, storeEnvelopes, tabTo, isFocused, imeType, exportAll, sampleEnvelope,
} from './helpers.mjs';

setupSuite();

const ID = '0000000000000000000000000000b001';
const NAME = '見守 一郎（架空）';
const TOKYO = { timezoneId: 'Asia/Tokyo' };

/** A case whose plan was made final on 令和9年4月1日, two priorities; `reports` as stored. */
function record(reports = []) {
  const plan = {
    status: 'final',
    header: { office_name: '相談支援センターみまもり（架空）', planner: '相談員 森（架空）', burden_cap: '9,300円' },
    support_policy: '本人のペースで、日中の居場所と一人での買い物を広げる。',
    needs: [
      { id: 1, need: '日中、通う場所がほしい', goal: '生活介護に週3回通う', target_date: '2027-09', supports: [], rests_on: [] },
      { id: 2, need: '自分で買い物をしたい', goal: '一人でコンビニで買い物をする', target_date: '令和10年3月', supports: [], rests_on: [] },
    ],
    monitoring: { interval_months: 3, reason: '' },
    consent: { made_on: '2027-04-01', consented_on: '2027-04-01', signer: '本人' },
    next_need_id: 3,
    next_support_id: 1,
  };
  return {
    schema_version: 8,
    written_at: '2027-04-01T10:00:00+09:00',
    app_version: 'e2e',
    revision: 1,
    case: {
      id: ID, name: NAME, support_category: '3', for_child: false, stage: 'plan', archived: false,
      created_at: '2027-03-01T10:00:00+09:00', updated_at: '2027-04-01T10:00:00+09:00',
      plan, final_plans: [plan], monitoring_reports: reports,
    },
  };
}

/** A recorded report on version 1, as `record_monitoring_draft` leaves it. */
function recorded(id, heldOn, { amount = false } = {}) {
  return {
    id, status: 'recorded', plan_version: 1, held_on: heldOn, place: '自宅', home_visit: true,
    support_policy: '本人のペースで、日中の居場所と一人での買い物を広げる。', overall: '通所が定着してきた。',
    rows: [
      { need: 1, goal: '生活介護に週3回通う', target_date: '2027-09', service_status: '週3回通所', persons_view: '「楽しい」', achievement: '達成', next_steps: '継続', change_needed: { kind: false, amount, weekly: false }, notes: '' },
      { need: 2, goal: '一人でコンビニで買い物をする', target_date: '令和10年3月', service_status: '', persons_view: '', achievement: '', next_steps: '', change_needed: { kind: false, amount: false, weekly: false }, notes: '' },
    ],
  };
}

async function openStep(page) {
  await gotoRoute(page, `#/case/${ID}/monitoring`);
  await page.getByRole('heading', { level: 2, name: 'モニタリング' }).waitFor();
}

const row = (page, n) => page.getByRole('group', { name: `優先順位${n}`, exact: true });

function pdfText(buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitoring-pdf-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, buffer);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true });
  return { width: Number(size[1]), height: Number(size[2]), all: text.replace(/\s+/g, '') };
}

appTest('キーボードとIMEだけで：計画から写した報告書を書き（自動保存）、記録し、印刷し、「計画を変更する」で新しい計画案がそのモニタリングに結びつく', async ({ context, page }) => {
  await context.clock.setFixedTime(new Date('2027-06-15T10:00:00+09:00'));
  await storeEnvelopes(page, [record()]);
  await reloadApp(page);
  await openStep(page);

  // Prefilled from the plan in force: one group per priority, its 支援目標 and 達成時期 (和暦).
  assert.match(await textOf(row(page, 1)), /支援目標 生活介護に週3回通う 達成時期 令和9年9月/);
  assert.match(await textOf(row(page, 2)), /支援目標 一人でコンビニで買い物をする 達成時期 令和10年3月/);
  assert.equal(await page.getByRole('textbox', { name: '総合的な援助の方針' }).inputValue(), '本人のペースで、日中の居場所と一人での買い物を広げる。');
  await assertNoAxeViolations(page, 'モニタリング報告書（作成中）');

  const heldOn = page.getByRole('textbox', { name: '実施日' });
  await tabTo(page, heldOn);
  await page.keyboard.type('R9.6.10');
  await page.keyboard.press('Tab');
  await page.keyboard.type('自宅');
  await page.keyboard.press('Tab');
  assert.ok(await isFocused(page.getByRole('checkbox', { name: '居宅訪問で行った' })));
  await page.keyboard.press('Space');
  // The person's own words through the IME, kept whole by the autosave.
  const cdp = await context.newCDPSession(page);
  await tabTo(page, row(page, 1).getByRole('textbox', { name: '本人の感想・満足度' }));
  await imeType(cdp, 'かよいたい', '「週4回通いたい」', { pauseMs: 600 });
  await tabTo(page, row(page, 1).getByRole('checkbox', { name: '量', exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('textbox', { name: '全体の状況' }));
  await page.keyboard.type('通所が定着し、日数を増やしたいとの希望。');
  await waitForStored(page, ID, (c) => {
    assert.equal(c.monitoring_reports.length, 1);
    const r = c.monitoring_reports[0];
    assert.deepEqual([r.status, r.held_on_typed, r.place, r.home_visit, r.rows[0].persons_view, r.rows[0].change_needed.amount],
      ['draft', 'R9.6.10', '自宅', true, '「週4回通いたい」', true], '書きかけが自動で保存されていません');
  });

  // A reload keeps the draft in the form.
  await reloadApp(page);
  await openStep(page);
  assert.equal(await heldOn.inputValue(), 'R9.6.10');
  assert.equal(await row(page, 1).getByRole('textbox', { name: '本人の感想・満足度' }).inputValue(), '「週4回通いたい」');
  assert.equal(await row(page, 1).getByRole('checkbox', { name: '量', exact: true }).isChecked(), true);

  // No 実施場所: refused in Japanese, focus on the summary, nothing lost.
  const place = page.getByRole('textbox', { name: '実施場所' });
  await tabTo(page, place);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await tabTo(page, page.getByRole('button', { name: 'モニタリングを記録する' }));
  await page.keyboard.press('Enter');
  const summary = page.locator('#monitoring-errors');
  await eventually(async () => assert.equal(await textOf(summary.locator('li')), '実施場所を入力してください（例：自宅）。'));
  await eventually(async () => assert.ok(await isFocused(summary)));
  await assertNoAxeViolations(page, 'モニタリング報告書（エラー）');
  await waitForStored(page, ID, (c) => {
    const r = c.monitoring_reports[0];
    assert.deepEqual([r.status, r.rows[0].persons_view], ['draft', '「週4回通いたい」'], 'エラーで書いた内容が消えました');
  });
  // The summary's link leads to the field.
  await tabTo(page, summary.getByRole('link', { name: '実施場所を入力してください（例：自宅）。' }));
  await page.keyboard.press('Enter');
  assert.ok(await isFocused(place));
  await page.keyboard.type('自宅');
  await tabTo(page, page.getByRole('button', { name: 'モニタリングを記録する' }));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await textOf(page.locator('#monitoring-done')), '令和9年6月10日のモニタリングを記録しました。'));
  await waitForStored(page, ID, (c) => {
    assert.equal(c.monitoring_reports.length, 1, '記録は1件');
    const r = c.monitoring_reports[0];
    assert.deepEqual([r.status, r.held_on, r.held_on_typed, r.place, r.overall], ['recorded', '2027-06-10', undefined, '自宅', '通所が定着し、日数を増やしたいとの希望。']);
  });
  // Listed, read-only, with 印刷, 訂正 and (a row says 有) 計画を変更する; the form is fresh.
  const item = page.locator('.monitoring-list__item');
  assert.match(await textOf(item), /^令和9年6月10日（2027年6月10日） 自宅・居宅訪問・計画 第1版 計画変更の必要性：有/);
  assert.equal(await heldOn.inputValue(), '', '次の報告書の欄が空になっていません');
  assert.equal(await row(page, 1).getByRole('textbox', { name: '本人の感想・満足度' }).inputValue(), '');
  await assertNoAxeViolations(page, 'モニタリング（記録後）');

  // 印刷: A4 landscape, the 様式例's parts, dates in 和暦, the consent box left for a signature.
  await tabTo(page, item.getByRole('link', { name: /^印刷/ }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'モニタリング報告書の印刷' }).waitFor();
  const sheet = page.getByRole('article', { name: '印刷されるモニタリング報告書' });
  assert.equal(await textOf(sheet.getByRole('heading', { level: 2 })), 'モニタリング報告書（継続サービス利用支援）');
  await assertNoAxeViolations(page, 'モニタリング報告書の印刷');
  const heads = await sheet.locator('.sheet__monitoring thead th').allInnerTexts();
  assert.deepEqual(heads.map((h) => h.trim()), [
    '優先順位', '支援目標', '達成時期', 'サービス提供状況（事業者からの聞き取り）', '本人の感想・満足度', '支援目標の達成度（ニーズの充足度）',
    '今後の課題・解決方法', '計画変更の必要性', 'その他留意事項', '種類', '量', '週間',
  ]);
  const firstRow = await sheet.locator('.sheet__monitoring tbody tr').first().locator('td').allInnerTexts();
  assert.deepEqual([firstRow[0], firstRow[1], firstRow[2], firstRow[4], ...firstRow.slice(7, 10)].map((t) => t.trim()),
    ['1', '生活介護に週3回通う', '令和9年9月', '「週4回通いたい」', '無', '有', '無']);
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.ok(Math.abs(pdf.width - 842) < 2 && Math.abs(pdf.height - 595) < 2, `A4 横ではありません: ${pdf.width}x${pdf.height}`);
  for (const expected of [NAME, '計画作成日', '令和9年4月1日', 'モニタリング実施日', '令和9年6月10日', '自宅（居宅訪問）', '利用者同意署名欄',
    '総合的な援助の方針', '全体の状況', '通所が定着し、日数を増やしたいとの希望。', '相談支援センターみまもり（架空）']) {
    assert.ok(pdf.all.includes(expected.replace(/\s+/g, '')), `PDF に「${expected}」がありません`);
  }
  assert.ok(!pdf.all.includes('2027'), 'PDF の日付が西暦です（和暦のはず）');
  await page.emulateMedia({ media: 'print' });
  const room = await sheet.locator('.sheet__signature').evaluate((td) => td.getBoundingClientRect().height);
  assert.ok(room >= 45, `署名の場所が狭すぎます（${room}px）`);
  await page.emulateMedia({ media: 'screen' });

  // 計画を変更する → the 計画案 screen of a new draft, saying which monitoring asked for it.
  await tabTo(page, page.getByRole('link', { name: 'モニタリングの画面に戻る' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: 'モニタリング' }).waitFor();
  await tabTo(page, page.getByRole('button', { name: /^計画を変更する/ }));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(page.url(), new RegExp(`#/case/${ID}/planning$`)));
  const linked = page.locator('#plan-requested-by');
  await eventually(async () => assert.match(await textOf(linked), /^モニタリング（令和9年6月10日）を受けた変更/));
  await waitForStored(page, ID, (c) => {
    assert.deepEqual([c.plan.status, c.plan.requested_by, c.final_plans.length, c.final_plans[0].requested_by], ['draft', 1, 1, undefined]);
  });
  await assertNoAxeViolations(page, '計画案（モニタリングを受けた変更）');
  // The link survives a reload, is in the plan's print and in the export file.
  await reloadApp(page);
  await gotoRoute(page, `#/case/${ID}/planning`);
  await eventually(async () => assert.match(await textOf(linked), /^モニタリング（令和9年6月10日）を受けた変更/));
  await linked.getByRole('link', { name: 'モニタリング報告書を見る' }).click();
  await page.getByRole('heading', { level: 2, name: 'モニタリング' }).waitFor();
  assert.match(await textOf(item), /この報告書を受けた計画の変更案を開く/);
  await gotoRoute(page, `#/case/${ID}/print/plan`);
  await eventually(async () => assert.equal(await textOf(page.locator('.sheet__note')), 'モニタリング（令和9年6月10日）を受けた変更'));
  await gotoRoute(page, '#/');
  const exported = JSON.parse(await exportAll(page));
  const c = exported.cases.find((e) => e.case.id === ID).case;
  assert.equal(c.plan.requested_by, 1, '書き出したファイルに結びつきがありません');
  assert.equal(c.monitoring_reports[0].status, 'recorded');
}, { contextOptions: TOKYO, timeout: 120_000 });

appTest('この記録を訂正する：記録はそのまま残り、写した新しい報告書を直して記録する；書きかけがあるときは断る', async ({ context, page }) => {
  await context.clock.setFixedTime(new Date('2027-07-15T10:00:00+09:00'));
  await storeEnvelopes(page, [record([recorded(1, '2027-06-10')])]);
  await reloadApp(page);
  await openStep(page);
  const item = page.locator('.monitoring-list__item');
  assert.equal(await item.getByRole('button', { name: /^計画を変更する/ }).count(), 0, '「有」がない報告書に「計画を変更する」があります');
  await tabTo(page, item.getByRole('button', { name: /^この記録を訂正する/ }));
  await page.keyboard.press('Enter');
  const heading = page.locator('#monitoring-form-heading');
  await eventually(async () => assert.equal(await textOf(heading), 'モニタリング報告書を書く（モニタリング（令和9年6月10日）の記録の訂正）'));
  await eventually(async () => assert.ok(await isFocused(heading)));
  assert.equal(await page.getByRole('textbox', { name: '実施日' }).inputValue(), '令和9年6月10日');
  assert.equal(await row(page, 1).getByRole('textbox', { name: '本人の感想・満足度' }).inputValue(), '「楽しい」');
  await tabTo(page, page.getByRole('textbox', { name: '実施場所' }));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('通所先の面談室');
  // A second correction while this one is being written is refused, and this one stays.
  await tabTo(page, item.first().getByRole('button', { name: /^この記録を訂正する/ }), { shift: true });
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await textOf(page.locator('#monitoring-list-problem')), '書きかけのモニタリング報告書があります。先にそれを記録してから訂正してください。'));
  await waitForStored(page, ID, (c) => {
    assert.equal(c.monitoring_reports.length, 2);
    assert.deepEqual([c.monitoring_reports[1].status, c.monitoring_reports[1].corrects, c.monitoring_reports[1].place], ['draft', 1, '通所先の面談室']);
  });
  await tabTo(page, page.getByRole('button', { name: 'モニタリングを記録する' }));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await textOf(page.locator('#monitoring-done')), '令和9年6月10日のモニタリングを記録しました。'));
  await waitForStored(page, ID, (c) => {
    assert.deepEqual(c.monitoring_reports.map((r) => [r.id, r.status, r.place, r.corrects]), [[1, 'recorded', '自宅', undefined], [2, 'recorded', '通所先の面談室', 1]], '元の記録が変わりました');
  });
  const texts = await item.allInnerTexts();
  assert.equal(texts.length, 2);
  assert.ok(texts.some((t) => /通所先の面談室/.test(t) && /モニタリング（令和9年6月10日）の記録の訂正/.test(t)));
  assert.ok(texts.some((t) => /自宅/.test(t) && /で訂正済み/.test(t)));
  await assertNoAxeViolations(page, 'モニタリング（訂正後）');
}, { contextOptions: TOKYO });

appTest('サンプル（佐伯さん）：確定した計画が2版、報告書が3件；第2版は11月のモニタリングを受けた変更、今の計画案は12月のモニタリングを受けた変更', async ({ page }) => {
  const env = sampleEnvelope('sample-3-shintai.json');
  const id = env.case.id;
  await storeEnvelopes(page, [env]);
  await reloadApp(page);
  await gotoRoute(page, `#/case/${id}/monitoring`);
  await page.getByRole('heading', { level: 2, name: 'モニタリング' }).waitFor();
  const items = page.locator('.monitoring-list__item');
  await eventually(async () => assert.equal(await items.count(), 3));
  assert.match(await textOf(items.nth(0)), /^令和8年12月14日.*計画 第2版.*この報告書を受けた計画の変更案を開く/);
  assert.match(await textOf(items.nth(1)), /^令和8年11月12日.*計画 第1版.*計画 第2版に反映済み/);
  // At 200 % zoom (640×400) the step, its list and its form need no sideways scrolling.
  await page.setViewportSize({ width: 640, height: 400 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), '640×400 で横スクロールが出ます');
  await page.setViewportSize({ width: 1280, height: 720 });
  await gotoRoute(page, `#/case/${id}/plan`);
  await eventually(async () => assert.match(await textOf(page.getByRole('main').locator('table.table tbody tr').nth(1)), /モニタリング（令和8年11月12日）を受けた変更/));
  await gotoRoute(page, `#/case/${id}/planning`);
  await eventually(async () => assert.match(await textOf(page.locator('#plan-requested-by')), /^モニタリング（令和8年12月14日）を受けた変更/));
});
