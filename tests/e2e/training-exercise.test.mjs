// 研修モード (issue 15, parts 3 and 4): the exercise on a novice draft and its 答え合わせ, the
// trainer's tally of exercise files, and the sandbox: the exercise lives in sessionStorage
// only, 「研修データを消す」 and leaving 研修モード remove it, and a real case's stored record is
// byte-identical throughout, in 共用PCモード too. Keyboard path; axe on the exercise (revealed) and the tally.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  appTest, assert, setupSuite, gotoApp, gotoRoute, createCase, storageSnapshot, assertNoAxeViolations,
  eventually, isFocused, tabTo, ROOT, readDownload, reloadApp, setPassphrase,
} from './helpers.mjs';
import { REAL, storeRealCase, enterTraining, leaveTrainingLeavesNothing } from './training-helpers.mjs';

setupSuite();

const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/training/index.json'), 'utf8'));
const T1 = index.cases.find((c) => c.slug === 't1-chiteki');
const fileOf = (f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/training', f), 'utf8')).cases[0].case;
const KEY = 'soudan-workbench-training/exercises';
const LINK = `演習：下書きの弱いところを挙げる（${T1.title}）`;

const heading = (page) => page.getByRole('heading', { level: 1, name: '演習：下書きの弱いところを挙げる' });
const sessionKeys = (page) => page.evaluate(() => Object.keys(sessionStorage));
const texts = (page, sel) => page.locator(sel).allInnerTexts().then((a) => a.map((t) => t.trim()));

/** Chooses a kind and a note, then 「挙げる」, all by keyboard focus. */
async function addItem(page, label, note = '') {
  await tabTo(page, page.getByLabel('弱いところの種類', { exact: true }));
  await page.getByLabel('弱いところの種類', { exact: true }).selectOption({ label });
  await tabTo(page, page.getByLabel('どこに・なぜ（メモ、任意）'));
  if (note) await page.keyboard.type(note);
  await tabTo(page, page.getByRole('button', { name: '挙げる', exact: true }));
  await page.keyboard.press('Enter');
}

appTest('演習: キーボードで弱いところを挙げ、答え合わせは見つけた・見落とした・チェッカーが見つけないを正確に示す；書き出し、研修データを消す、研修モードを終えると研修のキーは残らず、実際のケースは 1 バイトも変わらない', async ({ page }) => {
  const before = await storeRealCase(page);

  await enterTraining(page);
  await tabTo(page, page.getByRole('link', { name: LINK, exact: true }));
  await page.keyboard.press('Enter');
  await heading(page).waitFor();
  // The draft is there to read; the model is not shown before 答え合わせ.
  const draft = fileOf(T1.draft);
  const model = fileOf(T1.model);
  await page.locator('.exercise-sheet').getByText(`支援目標：${draft.plan.needs[0].goal.trim()}`).waitFor();
  assert.ok(!(await page.locator('main').innerText()).includes(model.plan.needs[0].goal.trim()), '答え合わせの前に模範が見えています');

  await tabTo(page, page.getByLabel('仮名または番号'));
  await page.keyboard.type('A-1');
  // Nothing chosen: a clear message, nothing listed.
  await tabTo(page, page.getByRole('button', { name: '挙げる', exact: true }));
  await page.keyboard.press('Enter');
  await page.getByRole('alert').filter({ hasText: '弱いと思うところの種類を選んでください。' }).waitFor();
  await addItem(page, '支援目標があいまい', '「安定した生活」');
  await addItem(page, '緊急時の対応が書かれていない');
  await addItem(page, '支援目標があいまい');
  await page.getByRole('alert').filter({ hasText: '「支援目標があいまい」はもう挙げています。' }).waitFor();
  assert.deepEqual(await texts(page, '.exercise-items li'), ['支援目標があいまい：「安定した生活」 取り消す', '緊急時の対応が書かれていない 取り消す']);
  // In this tab's sessionStorage only; localStorage untouched.
  await eventually(async () => assert.ok((await sessionKeys(page)).includes(KEY)));
  assert.deepEqual(await storageSnapshot(page), before, 'localStorage が変わりました');
  await page.getByText('研修モードを終わると、この解答は消えます。').waitFor();

  // A reload keeps the exercise (same tab).
  await reloadApp(page);
  await heading(page).waitFor();
  await eventually(async () => assert.equal(await page.locator('.exercise-items li').count(), 2));

  await tabTo(page, page.getByRole('button', { name: '答え合わせ', exact: true }));
  await page.keyboard.press('Enter');
  const reveal = page.getByRole('heading', { level: 2, name: '答え合わせ' });
  await reveal.waitFor();
  await eventually(async () => assert.ok(await isFocused(reveal), '答え合わせの見出しにフォーカスがありません'));
  // Brought to the top of the screen, where the room reads it.
  await eventually(async () => assert.ok(Math.abs(await reveal.evaluate((e) => e.getBoundingClientRect().top)) < 120, '答え合わせが画面の上に来ていません'));
  // t1 at 初任者: the checker finds three planted points; the trainee found one.
  assert.deepEqual(await texts(page, '.exercise-found > li > strong'), ['「安定した生活」という目標']);
  assert.deepEqual(await texts(page, '.exercise-missed > li > strong'), ['本人の意向の欄に母の言葉', '制度のサービスだけの計画']);
  assert.deepEqual(await texts(page, '.exercise-fine > li'), ['緊急時の対応が書かれていない']);
  const main = await page.locator('main').innerText();
  for (const h of ['見つけたところ（1）', '見落としたところ（2）', '挙げたが計画チェックでは見つからないところ（1）', '計画チェックの結果（下書き・初任者）', '支援目標がサービスの利用になっている', 'あなたのメモ：「安定した生活」']) {
    assert.ok(main.includes(h), `答え合わせに「${h}」がありません`);
  }
  // The model beside the draft.
  await page.locator('.exercise-diff').getByText(model.plan.needs[0].goal.trim()).first().waitFor();
  await assertNoAxeViolations(page, '演習の答え合わせ');
  await page.screenshot({ path: path.join(os.tmpdir(), 'exercise-reveal.png'), fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (async () => { await tabTo(page, page.getByRole('button', { name: '解答を書き出す', exact: true }), { shift: true, max: 200 }); await page.keyboard.press('Enter'); })(),
  ]);
  assert.equal(download.suggestedFilename(), 'exercise-t1-chiteki-A-1.json');
  assert.deepEqual(JSON.parse(await readDownload(download)), {
    format: 'soudan-workbench-exercise', case: 't1-chiteki', trainee: 'A-1',
    items: [{ rule: 'goal.vague_wording', note: '「安定した生活」' }, { rule: 'difficulty.emergency_missing' }],
  });
  assert.equal(await page.getByText('研修モードを終わると、この解答は消えます。').count(), 0, '書き出した後も注意が出ています');

  await tabTo(page, page.getByRole('button', { name: '研修データを消す', exact: true }));
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: '研修データを消しました。' }).waitFor();
  await page.getByText('まだ何も挙げていません。').waitFor();
  assert.equal(await page.getByRole('heading', { name: '答え合わせ' }).count(), 0);
  assert.deepEqual(await sessionKeys(page), []);

  // Unexported work, then leaving: gone.
  await addItem(page, '専門用語が多い');
  await eventually(async () => assert.ok((await sessionKeys(page)).includes(KEY)));
  await leaveTrainingLeavesNothing(page, before);
  // Back in: nothing of the exercise.
  await gotoRoute(page, `#/training/${T1.slug}/exercise`);
  await page.getByText('まだ何も挙げていません。').waitFor();
});

appTest('演習: 3 人が書き出した解答を「解答を集計する」で読み、学びどころごとの人数を少ない順に並べる；解答でないファイルは名前と理由を言って除く', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exercises-'));
  const files = [];
  for (const [who, kinds] of [['B-1', ['支援目標があいまい', 'インフォーマルな支えがない']], ['B-2', ['支援目標があいまい']], ['B-3', ['支援目標があいまい', '専門用語が多い']]]) {
    await gotoRoute(page, `#/training/${T1.slug}/exercise`);
    await heading(page).waitFor();
    await page.getByLabel('仮名または番号').fill(who);
    for (const k of kinds) await addItem(page, k);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '解答を書き出す', exact: true }).click()]);
    const file = path.join(dir, download.suggestedFilename());
    fs.writeFileSync(file, await readDownload(download));
    files.push(file);
    await page.getByRole('button', { name: '研修データを消す', exact: true }).click();
    await page.getByText('まだ何も挙げていません。').waitFor();
  }
  assert.deepEqual(files.map((f) => path.basename(f)), ['exercise-t1-chiteki-B-1.json', 'exercise-t1-chiteki-B-2.json', 'exercise-t1-chiteki-B-3.json']);
  const bad = path.join(dir, 'cases.json');
  fs.copyFileSync(path.join(ROOT, 'public/training', T1.draft), bad);

  await gotoRoute(page, '#/training');
  await page.getByRole('link', { name: '解答を集計する', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '解答を集計する' }).waitFor();
  await page.getByLabel('解答のファイル（いくつでも選べます）').setInputFiles([...files, bad]);
  await page.getByRole('status').filter({ hasText: '3人分の解答を集計しました。' }).waitFor();
  await page.getByRole('alert').filter({ hasText: '「cases.json」は集計に入れませんでした。解答のファイルではありません。研修モードの「解答を書き出す」で作ったファイルを選んでください。' }).waitFor();
  const rows = await page.locator('.tally-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.deepEqual(rows, [
    ['本人の意向の欄に母の言葉', T1.title, '0 / 3人'],
    ['制度のサービスだけの計画', T1.title, '1 / 3人'],
    ['「安定した生活」という目標', T1.title, '3 / 3人'],
  ]);
  await assertNoAxeViolations(page, '解答の集計');
  await page.screenshot({ path: path.join(os.tmpdir(), 'exercise-tally.png'), fullPage: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

appTest('演習: 共用PCモード（合言葉あり）でも働き、研修モードを終えると研修のキーは残らず、暗号化された実際のケースは 1 バイトも変わらない', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: REAL });
  await setPassphrase(page, 'うみべの町で朝ごはん');
  await page.locator('#passphrase-done').waitFor({ timeout: 15_000 });
  await page.getByRole('checkbox', { name: '共用PCモード' }).check();
  await eventually(async () => assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('soudan-workbench/security'))).shared_pc, true));
  const before = await storageSnapshot(page);

  await page.evaluate((hash) => { location.hash = hash; }, `#/training/${T1.slug}/exercise`);
  await heading(page).waitFor();
  await addItem(page, '支援目標があいまい');
  await eventually(async () => assert.ok((await sessionKeys(page)).includes(KEY)));
  await tabTo(page, page.getByRole('button', { name: '答え合わせ', exact: true }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: '答え合わせ' }).waitFor();
  assert.deepEqual(await texts(page, '.exercise-found > li > strong'), ['「安定した生活」という目標']);
  assert.deepEqual(await storageSnapshot(page), before, 'localStorage が変わりました');

  await leaveTrainingLeavesNothing(page, before);
  await page.getByRole('link', { name: REAL }).waitFor();
});
