// localStorage robustness: unreadable records are set aside (never touched), a full
// storage does not lose what was typed, edits are flushed on reload, and two tabs on the
// same case neither lose nor silently overwrite each other's work.
import {
  setupSuite, appTest, gotoApp, gotoRoute, reloadApp, assert, eventually, textOf, sleep,
  createCase, caseLink, casePage, saveStatus, openCase, readRaw, readCaseRecord,
  waitForStoredName, readDownload, CASE_KEY_PREFIX, fillStorage, emptyFillers,
  storeEnvelopes, sampleEnvelope, assertNoAxeViolations, exportAll,
} from './helpers.mjs';

setupSuite();

/** Creates a case on the list page and opens it; returns its id. */
async function newCaseOpened(page, name) {
  await gotoApp(page);
  const id = await createCase(page, { name });
  await openCase(page, name);
  return id;
}

function containsRawOrEscaped(haystack, raw) {
  return haystack.includes(raw) || haystack.includes(JSON.stringify(raw).slice(1, -1));
}

appTest('読み込めないデータ: 起動でき、他のケースは見え、警告が出て、値はそのまま残り、書き出せる', async ({ page }) => {
  await gotoApp(page);
  const goodId = await createCase(page, { name: '良い ケース' });
  const goodRaw = await readRaw(page, CASE_KEY_PREFIX + goodId);
  const good = JSON.parse(goodRaw);

  const future = { ...good, schema_version: 9999, case: { ...good.case, name: '未来 の記録' }, unknown_field: [1, 2] };
  const bad = {
    [CASE_KEY_PREFIX + 'broken-json']: '{"schema_version":1,"case":{"name":"壊れた 記録",  \u3000 末尾 ',
    // Deliberately unusual whitespace: a re-serialised copy would not be byte-identical.
    [CASE_KEY_PREFIX + 'future-9999']: JSON.stringify(future, null, 3) + '\n',
    [CASE_KEY_PREFIX + 'wrong-shape']: '{"hello":"world","schema_version":"一"}',
  };
  await page.evaluate((entries) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, bad);

  await reloadApp(page);
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  await caseLink(page, '良い ケース').waitFor();
  assert.equal(await caseLink(page, '未来 の記録').count(), 0, '新しすぎる版のデータが一覧に出ています');
  const alert = page.getByRole('alert').filter({ hasText: '読み込めないデータが' });
  await alert.waitFor();
  const exportButton = alert.getByRole('button', { name: '読み込めないデータを書き出す', exact: true });
  await exportButton.waitFor();

  // Work normally with the readable case: open, rename, come back.
  await openCase(page, '良い ケース');
  await casePage(page).name.fill('良い ケース 2');
  await waitForStoredName(page, goodId, '良い ケース 2');
  await casePage(page).back.click();
  await caseLink(page, '良い ケース 2').waitFor();

  // Download the unreadable data.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('alert').filter({ hasText: '読み込めないデータが' })
      .getByRole('button', { name: '読み込めないデータを書き出す', exact: true }).click(),
  ]);
  const body = await readDownload(download);
  assert.ok(download.suggestedFilename().length > 0, '書き出しのファイル名が空です');
  for (const [k, v] of Object.entries(bad)) {
    assert.ok(containsRawOrEscaped(body, v), `書き出したファイルに ${k} の値が含まれていません`);
  }

  // Reload once more; everything bad is still byte-identical.
  await reloadApp(page);
  await caseLink(page, '良い ケース 2').waitFor();
  await page.getByRole('alert').filter({ hasText: '読み込めないデータが' }).waitFor();
  for (const [k, v] of Object.entries(bad)) {
    assert.equal(await readRaw(page, k), v, `${k} の値が変わった（または消えた）`);
  }
});

appTest('保存容量がいっぱい: 警告と書き出し、入力は残る。空きができたら保存され、再読み込みでも残る', async ({ page, t }) => {
  const id = await newCaseOpened(page, '容量 Q');
  const cp = casePage(page);
  await cp.number.fill('1111111111');
  await eventually(async () => assert.match((await readRaw(page, CASE_KEY_PREFIX + id)) ?? '', /1111111111/));

  // Throws 「localStorage をいっぱいにできませんでした」 unless the store is full.
  const fillers = await fillStorage(page);

  await cp.name.fill('容量 Q 追記1 満杯の間に入力した長めの文');
  await cp.number.fill('2222222222');
  const alert = page.getByRole('alert').filter({ hasText: '保存できませんでした' });
  await alert.waitFor({ timeout: 5_000 });
  const exportAll = alert.getByRole('button', { name: 'すべてのケースを書き出す', exact: true });
  await exportAll.waitFor();
  assert.equal(await cp.name.inputValue(), '容量 Q 追記1 満杯の間に入力した長めの文', '保存に失敗したら入力が消えました');
  assert.equal(await cp.number.inputValue(), '2222222222');
  assert.equal((await readCaseRecord(page, id)).case.name, '容量 Q', '保存できないはずなのに保存されています');
  assert.doesNotMatch(await textOf(saveStatus(page)), /保存しました/, '保存に失敗したのに「保存しました」と表示されています');

  const [download] = await Promise.all([page.waitForEvent('download'), exportAll.click()]);
  const body = await readDownload(download);
  assert.ok(body.includes('容量 Q'), '「すべてのケースを書き出す」のファイルにケースがありません');
  if (!body.includes('容量 Q 追記1 満杯の間に入力した長めの文')) {
    t.diagnostic('注意: 書き出したファイルには保存できなかった入力（容量 Q 追記1）が含まれていません');
  }

  // Free the space; the next edit saves.
  await emptyFillers(page, fillers);
  await cp.name.fill('容量 Q 追記2');
  await waitForStoredName(page, id, '容量 Q 追記2');
  await eventually(async () => assert.match(await textOf(saveStatus(page)), /保存しました/));
  if (await alert.count()) t.diagnostic('注意: 保存できた後も「保存できませんでした」の警告が残っています');

  await reloadApp(page);
  const after = casePage(page);
  await after.name.waitFor();
  assert.equal(await after.name.inputValue(), '容量 Q 追記2', '再読み込み後に氏名が違います');
  assert.equal(await after.number.inputValue(), '2222222222', '容量不足の間に入力した受給者証番号が失われました');
});

appTest('入力直後に再読み込みしても失われない（pagehide で即保存）', async ({ page }) => {
  const id = await newCaseOpened(page, '即保存 F');
  const cp = casePage(page);
  const t0 = Date.now();
  await cp.name.fill('即保存 F 変更後');
  const before = JSON.parse(await readRaw(page, CASE_KEY_PREFIX + id)).case.name;
  const reloadStart = Date.now() - t0;
  await page.reload();
  assert.equal(
    before,
    '即保存 F',
    `再読み込みの前（入力から ${reloadStart} ms）に既に保存されていたので、pagehide での保存を確かめられません（デバウンス ~400 ms のはず）`,
  );
  await page.locator('main h1').first().waitFor();
  const after = casePage(page);
  await after.name.waitFor();
  assert.equal(await after.name.inputValue(), '即保存 F 変更後', '入力直後の再読み込みで入力が失われました');
  assert.equal((await readCaseRecord(page, id)).case.name, '即保存 F 変更後');
});

appTest('タブが隠れたとき（visibilitychange）すぐ保存される', async ({ page }) => {
  const id = await newCaseOpened(page, '非表示 V');
  const cp = casePage(page);
  await cp.number.fill('8642097531');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  // Well before the ~400 ms debounce.
  const raw = await readRaw(page, CASE_KEY_PREFIX + id);
  assert.match(raw ?? '', /8642097531/, 'visibilitychange（hidden）で即座に保存されませんでした');
});

/** Two pages in the same context, both on the case page of a new case. */
async function twoTabs(context, page, name) {
  const id = await newCaseOpened(page, name);
  const pageB = await context.newPage();
  await gotoRoute(pageB, `#/case/${encodeURIComponent(id)}`);
  await pageB.getByRole('heading', { level: 1, name }).waitFor();
  return { id, A: page, B: pageB };
}

appTest('2 つのタブ: 未保存の入力がないタブには、別のタブの変更が読み込まれる（前に入力した欄でも）', async ({ context, page }) => {
  const { id, A, B } = await twoTabs(context, page, 'タブ T');
  // Each tab has typed into the field before (and saved): a field the user has edited
  // must still show the other tab's later value.
  await casePage(B).name.fill('タブ B0');
  await waitForStoredName(B, id, 'タブ B0');
  await eventually(async () => assert.equal(await casePage(A).name.inputValue(), 'タブ B0', 'タブ A に変更が反映されません'));

  await casePage(A).name.fill('タブ A1');
  await waitForStoredName(A, id, 'タブ A1');
  await eventually(async () =>
    assert.equal(await casePage(B).name.inputValue(), 'タブ A1', 'タブ B（前に入力した氏名欄）に別のタブの変更が表示されません'),
  );
  await eventually(async () => assert.match(await textOf(saveStatus(B)), /別のタブでの変更を読み込みました/));
  await B.getByRole('heading', { level: 1, name: /タブ A1/ }).waitFor();
  assert.equal(await B.getByRole('alert').count(), 0, '未保存の入力がないのに衝突の警告が出ました');

  // B goes on typing: that is based on A's value, and A sees it.
  await casePage(B).name.fill('タブ A1 B2');
  await waitForStoredName(B, id, 'タブ A1 B2');
  await eventually(async () =>
    assert.equal(await casePage(A).name.inputValue(), 'タブ A1 B2', 'タブ A（前に入力した氏名欄）に別のタブの変更が表示されません'),
  );
  await sleep(600);
  assert.equal((await readCaseRecord(A, id)).case.name, 'タブ A1 B2');
});

appTest('2 つのタブ: 未保存の入力があるタブは黙って上書きせず、どちらを残すか選べる', async ({ context, page }) => {
  const { id, A, B } = await twoTabs(context, page, 'タブ C');
  const conflict = B.getByRole('alert').filter({ hasText: 'このケースは別のタブで変更されました' });

  // Round 1: B has an unsaved edit while A saves (A's reload flushes on pagehide).
  await casePage(B).name.fill('タブ B 未保存');
  await casePage(A).name.fill('タブ A 保存');
  await A.reload();
  await waitForStoredName(B, id, 'タブ A 保存', 5_000, 'タブ A の再読み込み（pagehide）で保存されるはず');
  await conflict.waitFor();
  await conflict.getByRole('button', { name: '別のタブの内容を読み込む', exact: true }).waitFor();
  const overwrite = conflict.getByRole('button', { name: 'この画面の内容で上書き保存', exact: true });
  await overwrite.waitFor();
  await sleep(700); // past B's debounce
  assert.equal((await readCaseRecord(B, id)).case.name, 'タブ A 保存', 'タブ B が別のタブの保存を黙って上書きしました');
  assert.equal(await casePage(B).name.inputValue(), 'タブ B 未保存', 'タブ B の未保存の入力が消えました');

  await overwrite.click();
  await waitForStoredName(B, id, 'タブ B 未保存');
  await conflict.waitFor({ state: 'hidden' });
  // A has no unsaved edits: it picks B's save up.
  await A.locator('main h1').first().waitFor();
  await eventually(async () => assert.equal(await casePage(A).name.inputValue(), 'タブ B 未保存'));
  await eventually(async () => assert.match(await textOf(saveStatus(A)), /別のタブでの変更を読み込みました/));

  // Round 2: same conflict, this time B takes the other tab's version.
  await casePage(B).name.fill('タブ B 2');
  await casePage(A).name.fill('タブ A 2');
  await A.reload();
  await waitForStoredName(B, id, 'タブ A 2', 5_000, 'タブ A の再読み込み（pagehide）で保存されるはず');
  await conflict.waitFor();
  await conflict.getByRole('button', { name: '別のタブの内容を読み込む', exact: true }).click();
  await conflict.waitFor({ state: 'hidden' });
  await eventually(async () =>
    assert.equal(await casePage(B).name.inputValue(), 'タブ A 2', '「別のタブの内容を読み込む」を選んでも氏名欄が自分の入力のままです'),
  );
  await sleep(700);
  assert.equal((await readCaseRecord(B, id)).case.name, 'タブ A 2', '読み込むを選んだのにタブ B の古い入力が保存されました');
  await A.locator('main h1').first().waitFor();
  assert.equal(await casePage(A).name.inputValue(), 'タブ A 2');
});

// Issue 14, part 5: how full the store is, from 80% on (store::WARN_PERCENT of the assumed
// 5,242,880 units), and what to do about it.
const QUOTA_UNITS = 5_242_880;

appTest('保存容量が 80% を超えると、使っている割合と、書き出して古いケースを整理する案内が出る', async ({ page }) => {
  await gotoApp(page);
  await storeEnvelopes(page, [sampleEnvelope('sample-3-shintai.json', (c) => { c.archived = true; })]);
  const warning = page.getByRole('status').filter({ has: page.getByRole('heading', { name: /^保存容量の\d+%を使っています$/ }) });

  // About 75% full: nothing is said.
  let fillers = await fillStorage(page, Math.floor(QUOTA_UNITS * 0.25));
  await reloadApp(page);
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  await sleep(300);
  assert.equal(await warning.count(), 0, '75% ほどなのに容量の警告が出ています');

  // About 85% full: the figure, the advice, and the export.
  await emptyFillers(page, fillers);
  fillers = await fillStorage(page, Math.floor(QUOTA_UNITS * 0.15));
  await reloadApp(page);
  await warning.waitFor({ timeout: 5_000 });
  const heading = await textOf(warning.getByRole('heading'));
  const percent = Number(/(\d+)%/.exec(heading)[1]);
  assert.ok(percent >= 84 && percent <= 86, `割合が違います: ${heading}`);
  const text = await textOf(warning);
  assert.match(text, /アーカイブしたケースが1件あります/);
  assert.match(text, /ファイルに保存/);
  assert.match(text, /削除して空きを作って/);
  assert.match(text, /入力した内容は画面に残り、失われません/);
  await assertNoAxeViolations(page, '容量の警告');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    warning.getByRole('button', { name: 'すべてのケースを書き出す', exact: true }).click(),
  ]);
  const file = JSON.parse(await readDownload(download));
  assert.equal(file.cases.length, 1);
  assert.equal(file.cases[0].case.archived, true);

  // Space freed (the archived case exported, then the room made): no warning after a reload.
  await emptyFillers(page, fillers);
  await reloadApp(page);
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  await sleep(300);
  assert.equal(await warning.count(), 0, '空きができたのに容量の警告が残っています');
});

appTest('履歴のあるケース: 保存すると履歴は別の記録に分かれ、再読み込み後も書き出しは丸ごと同じ', async ({ page }) => {
  await gotoApp(page);
  const env = sampleEnvelope('sample-3-shintai.json');
  const id = env.case.id;
  await storeEnvelopes(page, [env]);
  await reloadApp(page);
  await openCase(page, env.case.name);
  const cp = casePage(page);
  await cp.name.fill(env.case.name + ' 追記');
  await waitForStoredName(page, id, env.case.name + ' 追記');

  const record = await readCaseRecord(page, id, { whole: false });
  assert.equal(typeof record.history, 'object', 'ケースの記録が履歴の記録を指していません');
  assert.ok(!record.case.final_plans?.length, 'ケースの記録に確定した計画が残っています');
  const keys = await page.evaluate(() => Object.keys(localStorage));
  const historyKeys = keys.filter((k) => k.startsWith(`${CASE_KEY_PREFIX}${id}/history/`));
  assert.equal(historyKeys.length, 1, `履歴の記録: ${historyKeys}`);
  // Typing again writes the case record only: the history record stays byte for byte.
  const historyBefore = await readRaw(page, historyKeys[0]);
  await cp.name.fill(env.case.name + ' 追記2');
  await waitForStoredName(page, id, env.case.name + ' 追記2');
  assert.equal(await readRaw(page, historyKeys[0]), historyBefore);
  // The helper reads it back as the app does.
  assert.deepEqual((await readCaseRecord(page, id)).case.final_plans, env.case.final_plans);

  // Read back from storage (a reload), then exported from the list.
  await reloadApp(page);
  await casePage(page).back.click();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  const file = JSON.parse(await exportAll(page));
  const c = file.cases[0].case;
  assert.equal(c.final_plans.length, env.case.final_plans.length);
  assert.deepEqual(c.monitoring_reports, env.case.monitoring_reports);
  assert.deepEqual(c.final_plans, env.case.final_plans);
  assert.equal(file.cases[0].history, undefined, '書き出したファイルの形が変わっています');
});
