// Bringing data back: 「ファイルから読み込む」 on the list reads an export file whole. A bad
// file is refused with a Japanese message that names the record and the field, and the
// stored data stays byte-identical; cases already here are replaced only after the user
// chooses 「上書きする」 (or are added as new cases, or nothing happens).
import {
  appTest, assert, setupSuite, gotoApp, reloadApp, createCase, readDownload, caseIdFromList, listedNames,
  storageSnapshot, readCaseRecord, eventually, isFocused, assertNoAxeViolations, rowButton, CASE_KEY_PREFIX,
  caseRows, caseLink, openCase, casePage, readRaw, fileInput, importErrorBox as errorBox,
  importConfirmBox as confirmBox, importText, exportAll, fillStorage,
} from './helpers.mjs';

setupSuite();

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

// ---------------------------------------------------------------------------------------
// All or nothing in storage too (issue 19: 1, 4, 5 and the Shift_JIS file)

/** `n` cases made from an exported envelope: ids `bulk-<i>`, names 「一括 <i>」, some text. */
function bulkFile(exported, n) {
  const file = structuredClone(exported);
  file.cases = Array.from({ length: n }, (_, i) => {
    const record = structuredClone(exported.cases[0]);
    record.case.id = `bulk-${String(i).padStart(4, '0')}`;
    record.case.name = `一括 ${i}`;
    record.case.plan.person_wishes = `本人の願い ${i} `.repeat(40);
    return record;
  });
  return JSON.stringify(file);
}

const caseKeys = (snapshot) => Object.keys(snapshot).filter((k) => k.startsWith(CASE_KEY_PREFIX)).sort();

appTest('読み込み: 空きの足りない保存先には1件も保存せず、そう伝える。空きがあればファイル全体を読み込む', async ({ page, t }) => {
  await gotoApp(page);
  await createCase(page, { name: '既存 E' });
  await createCase(page, { name: '既存 F' });
  const exported = JSON.parse(await exportAll(page));
  const n = 300;
  const text = bulkFile(exported, n);
  const recordChars = JSON.stringify(JSON.parse(text).cases[0]).length + CASE_KEY_PREFIX.length + 10;
  // Room for about a third of the file.
  const fillers = await fillStorage(page, Math.round(recordChars * n / 3));
  const before = await storageSnapshot(page);

  await importText(page, text, 'bulk.json');
  await errorBox(page).getByText('「bulk.json」は読み込みませんでした。').waitFor();
  const shown = await errorBox(page).innerText();
  t.diagnostic(shown.replace(/\s+/g, ' '));
  assert.match(shown, /保存容量が足りないため、何も読み込んでいません。/, shown);
  assert.match(shown, /今の空きに入るのは、このファイルの300件のうち約\d+件分です（あと約\d+件分の空きが必要です）/, shown);
  assert.match(shown, /不要なケースを削除するか、「すべてのケースを書き出す」でファイルに保存してから削除して空きを作り/, shown);
  await eventually(async () => assert.ok(await isFocused(errorBox(page)), 'エラーにフォーカスが移りません'));
  assert.equal(await page.getByText(/件のケースを読み込みました/).count(), 0, '読み込めていないのに「読み込みました」と出ています');
  const after = await storageSnapshot(page);
  assert.deepEqual(caseKeys(after), caseKeys(before), '保存されたケースが変わりました');
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), '保存データのキーが変わりました');
  for (const k of Object.keys(before)) assert.ok(after[k] === before[k], `${k} の値が変わりました`);
  assert.equal(await caseRows(page).count(), 2, '一覧に読み込めなかったケースが出ています');
  await reloadApp(page);
  await caseLink(page, '既存 E').waitFor();
  assert.equal(await caseRows(page).count(), 2, '再読み込み後にケースの数が変わりました');

  // Space freed: the same file goes in whole.
  await page.evaluate((n) => {
    for (let i = 0; i < n; i++) localStorage.removeItem('e2e-filler-' + i);
  }, fillers);
  await importText(page, text, 'bulk.json');
  await page.getByText(`${n}件のケースを読み込みました。`, { exact: true }).waitFor();
  assert.equal(await errorBox(page).count(), 0);
  assert.equal(await caseRows(page).count(), n + 2);
  assert.equal(caseKeys(await storageSnapshot(page)).length, n + 2, '保存されたケースの数が違います');
  await reloadApp(page);
  await caseLink(page, '一括 299').waitFor();
  assert.equal(await caseRows(page).count(), n + 2, '再読み込み後にケースの数が違います');
}, { timeout: 180_000 });

appTest('読み込み: 同じ番号（id）のケースが2件あるファイルは、両方の位置を示して断る', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: '重複 G' });
  await createCase(page, { name: '重複 H' });
  const file = JSON.parse(await exportAll(page));
  const copy = structuredClone(file.cases[0]);
  copy.case.name = `${copy.case.name}（別の版）`;
  file.cases.push(copy);
  const before = await storageSnapshot(page);

  await importText(page, JSON.stringify(file), 'dup.json');
  await errorBox(page).getByText('「dup.json」は読み込みませんでした。').waitFor();
  const shown = await errorBox(page).innerText();
  assert.ok(shown.includes(`1件目と3件目のケース（cases[0] と cases[2]）が同じ番号（id: ${file.cases[0].case.id}）です。`), shown);
  assert.deepEqual(await storageSnapshot(page), before, '断ったのに保存データが変わりました');
  assert.deepEqual((await listedNames(page)).sort(), ['重複 G', '重複 H'].sort());
});

appTest('読み込み: UTF-8 でない（Shift_JIS の）ファイルは文字化けさせずに断る', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: '既存 J' });
  const file = JSON.parse(await exportAll(page));
  file.cases[0].case.id = 'sjis-case';
  file.cases[0].case.name = '@@NAME@@';
  // Everything else ASCII (\u escapes), the name in Shift_JIS: 「あいう」.
  const ascii = JSON.stringify(file).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  const [head, tail] = ascii.split('@@NAME@@');
  const bytes = Buffer.concat([Buffer.from(head, 'ascii'), Buffer.from([0x82, 0xa0, 0x82, 0xa2, 0x82, 0xa4]), Buffer.from(tail, 'ascii')]);
  assert.equal(new TextDecoder('shift_jis').decode(bytes).includes('"name":"あいう"'), true, 'テスト用のファイルが Shift_JIS になっていません');
  const before = await storageSnapshot(page);

  await fileInput(page).setInputFiles({ name: 'sjis.json', mimeType: 'application/json', buffer: bytes });
  await errorBox(page).getByText('「sjis.json」は読み込みませんでした。').waitFor();
  const shown = await errorBox(page).innerText();
  assert.match(shown, /文字コードが UTF-8 ではありません/, shown);
  await eventually(async () => assert.ok(await isFocused(errorBox(page)), 'エラーにフォーカスが移りません'));
  assert.deepEqual(await storageSnapshot(page), before, '断ったのに保存データが変わりました');
  assert.deepEqual(await listedNames(page), ['既存 J']);

  // The same file saved as UTF-8 (with a byte order mark, as Windows' メモ帳 may) is read.
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ascii.replace('@@NAME@@', 'あいう'), 'utf8')]);
  await fileInput(page).setInputFiles({ name: 'utf8.json', mimeType: 'application/json', buffer: utf8 });
  await page.getByText('1件のケースを読み込みました。', { exact: true }).waitFor();
  assert.deepEqual((await listedNames(page)).sort(), ['あいう', '既存 J'].sort());
});

appTest('読み込み: 読み込めなくなったケースを書き出したファイルから戻せる。壊れた記録は別に保管され、書き出せる', async ({ context, page }) => {
  await gotoApp(page);
  await createCase(page, { name: '戻す K', number: '5550002222' });
  await createCase(page, { name: 'ほか L' });
  const id = await caseIdFromList(page, '戻す K');
  const file = JSON.parse(await exportAll(page));
  file.cases = file.cases.filter((r) => r.case.id === id);
  const damaged = '{"schema_version":6,"case":{"id":"' + id + '","name":"戻す K"  \u3000 途中で切れた';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [CASE_KEY_PREFIX + id, damaged]);
  await reloadApp(page);
  const setAside = page.getByRole('alert').filter({ hasText: '読み込めないデータが' });
  await setAside.waitFor();
  assert.deepEqual(await listedNames(page), ['ほか L']);
  // A second tab, open on the list, sees the restore too.
  const other = await context.newPage();
  await gotoApp(other);
  await other.getByRole('alert').filter({ hasText: '読み込めないデータが1件' }).waitFor();

  await importText(page, JSON.stringify(file), 'restore.json');
  const done = page.getByRole('status').filter({ hasText: '件のケースを読み込みました' });
  await done.waitFor();
  const message = await done.innerText();
  assert.ok(message.startsWith('1件のケースを読み込みました。'), message);
  assert.match(message, /同じケースの読み込めなかった記録（1件）は消さずに別に保管しています/, message);
  await caseLink(page, '戻す K').waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: 'このケースは別のタブで変更されました' }).count(), 0, '衝突の警告が出ました');
  assert.equal(JSON.parse(await readRaw(page, CASE_KEY_PREFIX + id)).case.name, '戻す K');
  await setAside.getByRole('heading', { name: '読み込めないデータが1件あります' }).waitFor();
  const keptKeys = Object.keys(await storageSnapshot(page)).filter((k) => k.startsWith(`soudan-workbench/set-aside/${id}/`));
  assert.equal(keptKeys.length, 1, '壊れた記録が別に保管されていません');
  assert.equal(await readRaw(page, keptKeys[0]), damaged, '保管した壊れた記録が元のままではありません');
  await caseLink(other, '戻す K').waitFor();
  const otherAside = other.getByRole('alert').filter({ hasText: '読み込めないデータが1件' });
  const [otherDownload] = await Promise.all([
    other.waitForEvent('download'),
    otherAside.getByRole('button', { name: '読み込めないデータを書き出す', exact: true }).click(),
  ]);
  assert.deepEqual(JSON.parse(await readDownload(otherDownload)).records.map((r) => r.key), keptKeys, '別のタブの「読み込めないデータ」が保管した記録になっていません');
  await other.close();

  // The restored case saves as usual, and everything is there after a reload.
  await openCase(page, '戻す K');
  await casePage(page).number.fill('5550003333');
  await eventually(async () => assert.equal((await readCaseRecord(page, id)).case.certificate_no, '5550003333'));
  await reloadApp(page);
  await gotoApp(page);
  assert.deepEqual((await listedNames(page)).sort(), ['ほか L', '戻す K'].sort());
  await setAside.getByRole('heading', { name: '読み込めないデータが1件あります' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    setAside.getByRole('button', { name: '読み込めないデータを書き出す', exact: true }).click(),
  ]);
  const exportedAside = JSON.parse(await readDownload(download));
  assert.deepEqual(exportedAside.records.map((r) => r.raw), [damaged], '書き出したファイルに壊れた記録がありません');
  assert.equal(await readRaw(page, keptKeys[0]), damaged);
});
