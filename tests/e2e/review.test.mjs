// Lead review (評価・助言): a lead writes advice per finding and overall on a copy of someone's
// plan, records it and gets a small review file (no name in it); the author imports that file
// and sees the advice beside the plan, tied to the plan version. Nothing leaves by network.
import {
  appTest, assert, setupSuite, gotoRoute, gotoApp, reloadApp, assertNoAxeViolations, eventually, readCaseRecord,
  readDownload, newContext, storageSnapshot, assertNoConsoleErrors, sampleEnvelope, storeEnvelopes, chooseLevel,
  checkPanel as panel,
} from './helpers.mjs';

setupSuite();

const envelope = () => sampleEnvelope('sample-2-seishin.json');

async function importFile(page, text, name) {
  await gotoApp(page);
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}


appTest('評価・助言: 主任が指摘ごとと全体に書いて記録し、ファイルを作者が読み込むと計画の横に出る', async ({ page, requests }) => {
  const env = envelope();
  const c = env.case;
  await storeEnvelopes(page, [env]);
  await chooseLevel(page, '主任');

  await gotoRoute(page, `#/case/${c.id}/planning/review`);
  await reloadApp(page);
  const form = page.getByRole('region', { name: '評価・助言を書く（主任）' });
  await form.getByText('第1版の計画について書きます。').waitFor();
  await form.getByRole('textbox', { name: '全体への評価・助言' }).fill('本人の言葉がよく残っています。「なぜ」を一つずつ書き足しましょう。');
  await form.getByRole('textbox', { name: '助言（インフォーマルな支え）' }).fill('喫茶店ポプラのマスターとの関係は、支えとして書けませんか。');
  // Without a name the review is refused, with the reason, and the typing is kept.
  await form.getByRole('button', { name: '評価・助言を記録してファイルに書き出す' }).click();
  const errors = page.locator('#review-errors');
  await eventually(async () => assert.ok(await errors.evaluate((el) => el === document.activeElement)));
  assert.match(await errors.innerText(), /評価・助言をした人の名前を入力してください。/);
  await errors.getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'review-reviewer');
  await reloadApp(page);
  assert.equal(await form.getByRole('textbox', { name: '全体への評価・助言' }).inputValue(), '本人の言葉がよく残っています。「なぜ」を一つずつ書き足しましょう。', '書きかけが保存されていません');

  await form.getByRole('textbox', { name: '評価・助言をした人' }).fill('主任 山田（架空）');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    form.getByRole('button', { name: '評価・助言を記録してファイルに書き出す' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^評価・助言_\d{8}\.json$/);
  const fileText = await readDownload(download);
  const file = JSON.parse(fileText);
  assert.equal(file.format, 'soudan-workbench-review');
  assert.equal(file.case_id, c.id);
  assert.equal(file.review.plan_version, 1);
  assert.deepEqual(file.review.comments.map((x) => x.finding), ['resources.no_informal@plan.needs']);
  assert.ok(!fileText.includes(c.name) && !fileText.includes('川口'), 'ファイルに氏名が入っています');
  await page.getByText('第1版への評価・助言を記録し、ファイルに書き出しました。').waitFor();
  await eventually(async () => {
    const lead = await readCaseRecord(page, c.id);
    assert.equal(lead.case.reviews?.length, 1, '記録した評価・助言が保存されていません');
    assert.equal(lead.case.review_draft, undefined);
  });
  await assertNoAxeViolations(page, '評価・助言（主任）');

  // The author's browser: the same case, then the review file.
  const author = await newContext();
  try {
    const p = author.page;
    await storeEnvelopes(p, [envelope()]);
    await importFile(p, fileText, download.suggestedFilename());
    await p.getByText(/「川口 まさる（仮名）」の第1版の計画への評価・助言（主任 山田（架空）、令和\d+年\d+月\d+日）を読み込みました。/).waitFor();
    await gotoRoute(p, `#/case/${c.id}/planning`);
    const advice = panel(p).locator('li.finding', { hasText: 'インフォーマルな支えが一つもありません' }).locator('.finding__advice');
    assert.equal(await advice.innerText(), '主任の助言（主任 山田（架空））：喫茶店ポプラのマスターとの関係は、支えとして書けませんか。');
    await panel(p).getByRole('link', { name: '主任からの評価・助言（1件）を見る' }).click();
    await p.getByRole('heading', { name: /第1版の計画への評価・助言（主任 山田（架空）、/ }).waitFor();
    assert.ok(await p.getByText('本人の言葉がよく残っています。').isVisible());
    assert.equal(await p.getByRole('region', { name: '評価・助言を書く（主任）' }).count(), 0, '初任者の画面に主任の記入欄が出ています');
    await assertNoAxeViolations(p, '評価・助言（作者）');

    // Again: kept once. A review for a case that is not here: refused, storage unchanged.
    await importFile(p, fileText, 'again.json');
    await p.getByText(/は、すでに読み込んであります。/).waitFor();
    const before = await storageSnapshot(p);
    await importFile(p, fileText.replace(c.id, '0123456789abcdef0123456789abcdef'), 'other.json');
    await p.getByText('この評価・助言のケースは、このパソコンにありません。', { exact: false }).waitFor();
    assert.deepEqual(await storageSnapshot(p), before);
    assert.equal((await readCaseRecord(p, c.id)).case.reviews.length, 1);
    assertNoConsoleErrors(author.errors);
    assert.ok(author.requests.every((r) => r.url.startsWith('http://127.0.0.1') || r.url.startsWith('http://localhost') || r.url.startsWith('blob:')), '外部への通信があります');
  } finally {
    await author.context.close();
  }
  assert.ok(requests.every((r) => !/^https?:\/\/(?!127\.0\.0\.1|localhost)/.test(r.url)), '外部への通信があります');
});
