// Taking the data out: 「すべてのケースを書き出す」 on the list and 「このケースを書き出す」 on a
// case write a JSON file (a download, no network) with every case, archived ones included,
// in the stored envelope format; the list warns that the file is not encrypted.
import {
  appTest, assert, setupSuite, gotoApp, createCase, openCase, rowButton, readDownload, caseIdFromList,
} from './helpers.mjs';

setupSuite();

appTest('書き出し: 一覧からすべてのケース（アーカイブ含む）、ケース画面からそのケースだけをファイルに書き出せる', async ({ page }) => {
  await gotoApp(page);
  const exportAll = page.getByRole('button', { name: 'すべてのケースを書き出す', exact: true });
  assert.ok(await exportAll.isDisabled(), 'ケースがないのに書き出しボタンが押せます');
  assert.ok(await page.getByText('書き出したファイルは暗号化されていません').isVisible(), '暗号化されていない旨の注意がありません');

  await createCase(page, { name: '書き出し A', number: '1111111111' });
  await createCase(page, { name: '書き出し B（アーカイブ）' });
  const idB = await caseIdFromList(page, '書き出し B（アーカイブ）');
  await rowButton(page, 'アーカイブ', '書き出し B（アーカイブ）').click();

  const [download] = await Promise.all([page.waitForEvent('download'), exportAll.click()]);
  assert.match(download.suggestedFilename(), /^soudan-workbench-cases-\d{8}-\d{4}\.json$/);
  const file = JSON.parse(await readDownload(download));
  assert.equal(file.format, 'soudan-workbench-cases');
  assert.ok(file.schema_version >= 4, `schema_version: ${file.schema_version}`);
  const byName = Object.fromEntries(file.cases.map((r) => [r.case.name, r.case]));
  assert.deepEqual(Object.keys(byName).sort(), ['書き出し A', '書き出し B（アーカイブ）']);
  assert.equal(byName['書き出し A'].certificate_no, '1111111111');
  assert.equal(byName['書き出し B（アーカイブ）'].archived, true);
  assert.equal(byName['書き出し B（アーカイブ）'].id, idB);

  await openCase(page, '書き出し A');
  const [one] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'このケースを書き出す', exact: true }).click(),
  ]);
  const single = JSON.parse(await readDownload(one));
  assert.deepEqual(single.cases.map((r) => r.case.name), ['書き出し A']);
});
