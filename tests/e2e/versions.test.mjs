// 評価: each plan version's needs with their monitorings' 達成度 and what the next version did
// (継続・変更・終了), and 計画の変更履歴: two versions side by side. A case with two final
// plans that differ in exactly three things (a goal, an amount, the monitoring interval) shows
// exactly those three, each with its kind as a word; keyboard only, axe, print.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  appTest, assert, setupSuite, gotoRoute, reloadApp, assertNoAxeViolations, sampleEnvelope, storeEnvelopes, tabTo, textOf,
  eventually, readCaseRecord,
} from './helpers.mjs';

setupSuite();

const ID = 'c0ffee00000000000000000000000e71';
const consent = (on) => ({ made_on: on, consented_on: on, signer: '本人' });

/** Sample 2 made final twice: version 2 changes need 1's goal, need 2's 居宅介護 amount and
 *  the monitoring interval, nothing else. One monitoring of version 1 on record. */
function twoVersions({ draft = false } = {}) {
  const env = sampleEnvelope('sample-2-seishin.json', (c) => {
    c.id = ID;
    c.stage = 'evaluation';
    const v1 = structuredClone(c.plan);
    v1.status = 'final';
    v1.consent = consent('2026-12-01');
    v1.check_marks = [];
    const v2 = structuredClone(v1);
    v2.consent = consent('2027-06-01');
    v2.needs[0].goal = '週1回の訪問看護で体調を一緒に確かめ、入院せずに暮らし続ける';
    const home = v2.needs[1].supports.find((s) => s.kind === '居宅介護');
    home.amount.times = 3;
    v2.monitoring.interval_months = 3;
    c.final_plans = [v1, v2];
    c.plan = structuredClone(v2);
    if (draft) {
      c.plan.status = 'draft';
      delete c.plan.consent;
      c.plan.person_wishes = '来年は就労継続支援B型に通いたい';
    }
    c.monitoring_reports = [{
      id: 1, status: 'recorded', plan_version: 1, held_on: '2027-03-10', place: '自宅', home_visit: true,
      support_policy: v1.support_policy, overall: '',
      rows: v1.needs.map((n, i) => ({
        need: n.id, goal: n.goal, target_date: n.target_date,
        achievement: ['体調は安定、通院は続いている', '料理は週1回できた', '', '月末も食べられた'][i],
      })),
    }];
  });
  return env;
}

async function openEvaluation(page, env) {
  await storeEnvelopes(page, [env]);
  await gotoRoute(page, `#/case/${ID}/evaluation`);
  await reloadApp(page);
  await page.getByRole('heading', { level: 2, name: '評価' }).waitFor();
}

/** The rows of 計画の変更履歴 as [項目, 種類, 変更前, 変更後]. */
async function historyRows(page) {
  const table = page.locator('.history__table');
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
}

appTest('計画の変更履歴: 3つ変えた2つの版を並べると、ちょうどその3つが「変更」として変更前・変更後とともに出る', async ({ page }) => {
  const env = twoVersions();
  const [n1, n2] = env.case.final_plans[0].needs;
  await openEvaluation(page, env);
  const history = page.getByRole('region', { name: '計画の変更履歴' });
  assert.equal(await history.getByRole('combobox', { name: '比べる版（変更前）' }).inputValue(), '0');
  assert.equal(await textOf(history.getByRole('combobox', { name: '比べる版（変更前）' }).locator('option:checked')), '第1版（令和8年12月1日 作成）');
  assert.equal(await textOf(history.getByRole('combobox', { name: '比べる版（変更後）' }).locator('option:checked')), '第2版（令和9年6月1日 作成）');
  assert.equal(await textOf(history.locator('caption')), '第1版（令和8年12月1日 作成） から 第2版（令和9年6月1日 作成） への変更：3件');
  assert.deepEqual(await historyRows(page), [
    [`優先順位1「${n1.need.trim()}」 ／ 支援目標`, '変更', n1.goal.trim(), '週1回の訪問看護で体調を一緒に確かめ、入院せずに暮らし続ける'],
    [`優先順位2「${n2.need.trim()}」 ／ 福祉サービス等「居宅介護」 ／ 量（頻度・時間）`, '変更', '週2回・1回1.5時間', '週3回・1回1.5時間'],
    ['モニタリング期間', '変更', '6か月ごと', '3か月ごと'],
  ]);
  // The other way round: the same three, before and after swapped.
  await history.getByRole('combobox', { name: '比べる版（変更前）' }).selectOption('1');
  await history.getByRole('combobox', { name: '比べる版（変更後）' }).selectOption('0');
  const back = await historyRows(page);
  assert.deepEqual(back.map((r) => [r[2], r[3]]).at(-1), ['3か月ごと', '6か月ごと']);
  assert.equal(back.length, 3);
  // One version against itself: said in words, no table.
  await history.getByRole('combobox', { name: '比べる版（変更後）' }).selectOption('1');
  await history.getByText('同じ版を選んでいます。違う版を選んでください。').waitFor();
  assert.equal(await page.locator('.history__table').count(), 0);
});

appTest('ニーズごとの経過: 版ごとに支援目標、モニタリングの達成度、次の版での継続・変更が出る', async ({ page }) => {
  const env = twoVersions();
  await openEvaluation(page, env);
  const v1 = page.getByRole('region', { name: /^第1版（令和8年12月1日 作成）：モニタリング1回$/ });
  const rows = await v1.locator('tbody tr').evaluateAll((rs) => rs.map((r) => [...r.children].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => r[3]), [
    '令和9年3月10日：体調は安定、通院は続いている', '令和9年3月10日：料理は週1回できた', '令和9年3月10日：（達成度の記入なし）', '令和9年3月10日：月末も食べられた',
  ]);
  assert.deepEqual(rows.map((r) => r[4]), ['変更（支援目標）', '変更（量）', '継続', '継続']);
  const v2 = page.getByRole('region', { name: /^第2版（令和9年6月1日 作成）：モニタリング0回$/ });
  const later = await v2.locator('tbody tr td:nth-child(5)').allInnerTexts();
  assert.deepEqual(later, Array(4).fill('次の版はまだありません'));
  assert.deepEqual(await v2.locator('tbody tr td:nth-child(4)').allInnerTexts(), Array(4).fill('記録なし'));
});

appTest('作成中の変更案も版として選べ、最後に確定した版との違い（本人の意向）が出る', async ({ page }) => {
  const env = twoVersions({ draft: true });
  await openEvaluation(page, env);
  const history = page.getByRole('region', { name: '計画の変更履歴' });
  assert.equal(await textOf(history.getByRole('combobox', { name: '比べる版（変更後）' }).locator('option:checked')), '第3版（作成中の変更案）');
  await eventually(async () => assert.deepEqual(await historyRows(page), [
    ['本人の意向（希望する生活）', '変更', env.case.final_plans[1].person_wishes.trim(), '来年は就労継続支援B型に通いたい'],
  ]));
});

appTest('確定した計画がないとき: 経過も変更履歴も、何をすれば出るかを書く', async ({ page }) => {
  const env = sampleEnvelope('sample-2-seishin.json', (c) => { c.id = ID; });
  await openEvaluation(page, env);
  await page.getByText('確定した計画がまだありません。計画を確定すると、ここに版ごとのニーズの経過が出ます。').waitFor();
  await page.getByText(/比べる版がまだありません。/).waitFor();
  assert.equal(await page.getByRole('combobox').count(), 0);
  await assertNoAxeViolations(page, '評価（確定した計画なし）');
});

appTest('キーボードだけで版を選び替えられ、axe の違反がない', async ({ page }) => {
  await openEvaluation(page, twoVersions({ draft: true }));
  await assertNoAxeViolations(page, '評価');
  const before = page.getByRole('combobox', { name: '比べる版（変更前）' });
  const after = page.getByRole('combobox', { name: '比べる版（変更後）' });
  // Defaults: the last final against the draft; the keyboard moves 変更前 to version 1.
  await tabTo(page, before);
  await page.keyboard.press('ArrowUp');
  await eventually(async () => assert.equal(await before.inputValue(), '0'));
  await tabTo(page, after);
  await page.keyboard.press('ArrowUp');
  await eventually(async () => assert.equal(await after.inputValue(), '1'));
  await eventually(async () => assert.equal((await historyRows(page)).length, 3));
  await page.getByRole('button', { name: 'この画面を印刷する' }).waitFor();
  await assertNoAxeViolations(page, '評価（版を選び替えた後）');
});

appTest('印刷: 経過と変更履歴の表が PDF に入り、版を選ぶ欄やボタンは入らない', async ({ page }) => {
  const env = twoVersions();
  await openEvaluation(page, env);
  await page.locator('.history__table').waitFor();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versions-pdf-'));
  const file = path.join(dir, 'evaluation.pdf');
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  fs.rmSync(dir, { recursive: true });
  for (const expected of ['ニーズごとの経過', '計画の変更履歴', '第1版（令和8年12月1日作成）から第2版（令和9年6月1日作成）への変更：3件', '変更前', '変更後', '6か月ごと', '3か月ごと', '週3回・1回1.5時間', '変更（支援目標）']) {
    assert.ok(text.includes(expected), `PDF に「${expected}」がありません`);
  }
  for (const absent of ['比べる版（変更前）', 'この画面を印刷する']) {
    assert.ok(!text.includes(absent), `PDF に「${absent}」が入っています`);
  }
});

appTest('画面で計画を変更して3つ変え、確定すると、変更履歴にちょうどその3つが出る', async ({ page }) => {
  // Version 1 final, as the 計画 step leaves it.
  const env = sampleEnvelope('sample-2-seishin.json', (c) => {
    c.id = ID;
    c.stage = 'plan';
    c.plan.status = 'final';
    c.plan.consent = consent('2026-12-01');
    c.plan.check_marks = [];
    c.final_plans = [structuredClone(c.plan)];
  });
  const [n1, n2] = env.case.plan.needs;
  await storeEnvelopes(page, [env]);
  await gotoRoute(page, `#/case/${ID}/plan`);
  await reloadApp(page);
  const main = page.getByRole('main');
  await main.getByRole('button', { name: '計画を変更する（新しい計画案を作る）', exact: true }).click();
  await main.getByRole('heading', { level: 3, name: '計画の基本事項', exact: true }).waitFor();
  await page.locator(`#need-${n1.id}-goal`).fill('主治医と決めたサインに気づいたら、その日のうちに訪問看護師に電話する。');
  await page.locator(`#need-${n2.id}-support-0-times`).fill('3');
  await page.locator('#plan-monitoring-interval').selectOption('3');
  await eventually(async () => {
    const c = (await readCaseRecord(page, ID)).case;
    assert.equal(c.plan.monitoring.interval_months, 3);
    assert.equal(c.plan.needs[1].supports[0].amount.times, 3);
    assert.equal(c.plan.needs[0].goal, '主治医と決めたサインに気づいたら、その日のうちに訪問看護師に電話する。');
  });
  await gotoRoute(page, `#/case/${ID}/planning/check`);
  await main.getByRole('textbox', { name: '計画作成日 ※必須', exact: true }).fill('令和9年6月1日');
  await main.getByRole('textbox', { name: '同意日 ※必須', exact: true }).fill('令和9年6月1日');
  await main.getByRole('textbox', { name: '同意した人 ※必須', exact: true }).fill('本人');
  const ack = main.getByRole('checkbox', { name: /確かめました/ });
  if (await ack.count()) await ack.check();
  await main.getByRole('button', { name: '計画として確定する', exact: true }).click();
  await eventually(async () => assert.equal((await readCaseRecord(page, ID)).case.final_plans?.length, 2));

  await gotoRoute(page, `#/case/${ID}/evaluation`);
  const history = page.getByRole('region', { name: '計画の変更履歴' });
  assert.equal(await textOf(history.locator('caption')), '第1版（令和8年12月1日 作成） から 第2版（令和9年6月1日 作成） への変更：3件');
  assert.deepEqual(await historyRows(page), [
    [`優先順位1「${n1.need.trim()}」 ／ 支援目標`, '変更', n1.goal.trim(), '主治医と決めたサインに気づいたら、その日のうちに訪問看護師に電話する。'],
    [`優先順位2「${n2.need.trim()}」 ／ 福祉サービス等「${n2.supports[0].kind}」 ／ 量（頻度・時間）`, '変更', '週2回・1回1.5時間', '週3回・1回1.5時間'],
    ['モニタリング期間', '変更', '6か月ごと', '3か月ごと'],
  ]);
});
