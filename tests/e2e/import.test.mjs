// Bringing data back: 「ファイルから読み込む」 on the list reads an export file whole. A bad
// file is refused with a Japanese message that names the record and the field, and the
// stored data stays byte-identical; cases already here are replaced only after the user
// chooses 「上書きする」 (or are added as new cases, or nothing happens).
import {
  appTest, assert, setupSuite, gotoApp, reloadApp, createCase, readDownload, caseIdFromList, listedNames,
  storageSnapshot, readCaseRecord, eventually, isFocused, assertNoAxeViolations, rowButton, CASE_KEY_PREFIX,
} from './helpers.mjs';

setupSuite();

const fileInput = (page) => page.getByLabel('ファイルから読み込む', { exact: true });
const errorBox = (page) => page.locator('#import-error');
const confirmBox = (page) => page.locator('#import-confirm');

async function importText(page, text, name = 'cases.json') {
  await fileInput(page).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

async function exportAll(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'すべてのケースを書き出す', exact: true }).click(),
  ]);
  return readDownload(download);
}

appTest('読み込み: 壊れたファイルは理由（何件目のどの項目か）を示して断り、保存データは1バイトも変わらない', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: '既存 A', number: '1234567890' });
  const exported = JSON.parse(await exportAll(page));
  const before = await storageSnapshot(page);

  const bad = [
    ['not-json.json', '{"format":"soudan-workbench-cases","cases":[', /JSON/],
    ['other.json', JSON.stringify({ format: 'something-else', cases: [] }), /相談支援ワークベンチで書き出したケースのファイルではありません/],
  ];
  // A second record whose support amount is text, and one with an unknown stage.
  const withBadAmount = structuredClone(exported);
  const second = structuredClone(exported.cases[0]);
  second.case.id = 'imported-2';
  second.case.plan.needs = [{ id: 1, supports: [{ id: 1, amount: { times: '三' } }] }];
  withBadAmount.cases.push(second);
  bad.push(['amount.json', JSON.stringify(withBadAmount),
    /2件目のケース（cases\[1\]）を読み込めません。case\.plan\.needs\[0\]\.supports\[0\]\.amount\.times: 値の種類が違います（0以上の整数が必要です）。/]);
  const badStage = structuredClone(exported);
  badStage.cases[0].case.stage = 'finished';
  bad.push(['stage.json', JSON.stringify(badStage), /case\.stage: 「finished」は使えない値です/]);

  for (const [name, text, message] of bad) {
    await importText(page, text, name);
    await errorBox(page).getByText(`「${name}」は読み込みませんでした。`).waitFor();
    const shown = await errorBox(page).innerText();
    assert.match(shown, message, `${name}: エラーの文言が違います`);
    assert.ok(shown.includes(`「${name}」は読み込みませんでした。`), `${name}: ファイル名がありません: ${shown}`);
    await eventually(async () => assert.ok(await isFocused(errorBox(page)), `${name}: エラーにフォーカスが移りません`));
    assert.deepEqual(await storageSnapshot(page), before, `${name}: 読み込みを断ったのに保存データが変わりました`);
    assert.deepEqual(await listedNames(page), ['既存 A'], `${name}: 一覧が変わりました`);
  }
  await assertNoAxeViolations(page, '読み込みエラーの表示');
});

appTest('読み込み: 書き出したファイルから、削除したケースを取り戻せる（同じ内容・同じ id）', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: '戻す B', number: '5550001111' });
  const id = await caseIdFromList(page, '戻す B');
  const file = await exportAll(page);
  const original = await readCaseRecord(page, id);

  await rowButton(page, '削除', '戻す B').click();
  await page.getByRole('dialog').getByRole('button', { name: /削除する/ }).click();
  await eventually(async () => assert.deepEqual(await listedNames(page), []));

  await importText(page, file);
  await eventually(async () => assert.equal((await page.getByRole('status').filter({ hasText: '件のケースを読み込みました' }).count()), 1));
  assert.ok((await page.getByText('1件のケースを読み込みました。').count()) === 1, '読み込んだ件数が出ません');
  assert.deepEqual(await listedNames(page), ['戻す B']);
  const back = await readCaseRecord(page, id);
  assert.ok(back, '同じ id で保存されていません');
  assert.deepEqual(back.case, original.case, '読み込んだ内容が書き出したときと違います');
  await reloadApp(page);
  assert.deepEqual(await listedNames(page), ['戻す B'], '再読み込み後に残っていません');
});

appTest('読み込み: すでにあるケースは、上書き・別のケースとして追加・読み込まない をたずねてから扱う', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: '同じ C' });
  const id = await caseIdFromList(page, '同じ C');
  const file = JSON.parse(await exportAll(page));
  file.cases[0].case.name = '同じ C（ファイルの版）';
  const text = JSON.stringify(file);
  const before = await storageSnapshot(page);

  // 読み込まない: nothing changes.
  await importText(page, text);
  await confirmBox(page).waitFor();
  await eventually(async () => assert.ok(await isFocused(confirmBox(page)), '確認にフォーカスが移りません'));
  const confirmText = await confirmBox(page).innerText();
  assert.ok(confirmText.includes('次の1件は、このパソコンにすでにあります'), confirmText);
  assert.ok(confirmText.includes('このパソコン：同じ C（最終更新'), `確認にこのパソコンの版がありません: ${confirmText}`);
  assert.ok(confirmText.includes('ファイル：同じ C（ファイルの版）（最終更新'), `確認にファイルの版がありません: ${confirmText}`);
  await assertNoAxeViolations(page, '上書きの確認');
  assert.deepEqual(await storageSnapshot(page), before, '確認の前に保存データが変わりました');
  await confirmBox(page).getByRole('button', { name: '読み込まない', exact: true }).click();
  await page.getByText('読み込みをやめました。データは変わっていません。').waitFor();
  assert.deepEqual(await storageSnapshot(page), before, '「読み込まない」のに保存データが変わりました');

  // 別のケースとして追加: a second case with a new id; the one here is untouched.
  await importText(page, text);
  await confirmBox(page).getByRole('button', { name: '別のケースとして追加する', exact: true }).click();
  await eventually(async () => assert.deepEqual((await listedNames(page)).sort(), ['同じ C', '同じ C（ファイルの版）'].sort()));
  assert.equal(before[CASE_KEY_PREFIX + id], (await storageSnapshot(page))[CASE_KEY_PREFIX + id], '元のケースが変わりました');
  const newId = await caseIdFromList(page, '同じ C（ファイルの版）');
  assert.notEqual(newId, id, '別のケースなのに同じ id です');

  // 上書きする: the case here takes the file's content (same id).
  await importText(page, text);
  await confirmBox(page).getByRole('button', { name: '上書きする', exact: true }).click();
  await eventually(async () => assert.equal((await readCaseRecord(page, id))?.case?.name, '同じ C（ファイルの版）'));
  await reloadApp(page);
  assert.deepEqual((await listedNames(page)).sort(), ['同じ C（ファイルの版）', '同じ C（ファイルの版）'].sort());
});
