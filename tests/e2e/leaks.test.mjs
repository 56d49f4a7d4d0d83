// What an adversarial run found leaking (issue 19): page titles held the person's name (the
// browser keeps titles in its history after a lock or a wipe); the 地域課題 name filter let
// full-width digits and a zero-width space through to the nameless 協議会 report; and the
// report's CSV wrote descriptions starting with 「=」 as formulas a spreadsheet would run.
import {
  appTest, assert, setupSuite, gotoRoute, reloadApp, eventually, readCaseRecord, readDownload, sampleEnvelope,
  storeEnvelopes,
} from './helpers.mjs';

setupSuite();

// With sample 3's meeting, so the 会議録 print screen is there to look at too.
const sample = sampleEnvelope('sample-1-chiteki.json', (c) => { c.team_meetings = sampleEnvelope('sample-3-shintai.json').case.team_meetings; });
const { id, name, certificate_no: number } = sample.case;
const NAME_PARTS = [name, '森下', 'ゆうと', number];

/** Records every title the page is given (transient ones too), from before the app starts. */
async function recordTitles(page) {
  await page.addInitScript(() => {
    window.__titles = [];
    const d = Object.getOwnPropertyDescriptor(Document.prototype, 'title');
    Object.defineProperty(Document.prototype, 'title', {
      get() { return d.get.call(this); },
      set(v) { window.__titles.push(String(v)); d.set.call(this, v); },
      configurable: true,
    });
  });
}

appTest('タイトル: ケースの各画面と印刷画面のタイトルに氏名も受給者証番号もなく、画面の名前はある', async ({ page }) => {
  await recordTitles(page);
  await storeEnvelopes(page, [sample]);
  await reloadApp(page);
  const caseScreen = (s) => `${s}（ケース） | 相談支援ワークベンチ`;
  const screens = [
    [`#/case/${id}`, caseScreen('インテーク')],
    [`#/case/${id}/assessment`, caseScreen('アセスメント')],
    [`#/case/${id}/planning`, caseScreen('計画案')],
    [`#/case/${id}/planning/schedule`, caseScreen('週間計画表')],
    [`#/case/${id}/planning/check`, caseScreen('計画案の確認')],
    [`#/case/${id}/planning/review`, caseScreen('評価・助言')],
    [`#/case/${id}/team-meeting`, caseScreen('担当者会議')],
    [`#/case/${id}/plan`, caseScreen('計画')],
    [`#/case/${id}/monitoring`, caseScreen('モニタリング')],
    [`#/case/${id}/print/plan`, 'サービス等利用計画（案） 印刷 | 相談支援ワークベンチ'],
    [`#/case/${id}/print/schedule`, '週間計画表 印刷 | 相談支援ワークベンチ'],
    [`#/case/${id}/print/meeting/1`, 'サービス担当者会議の要点 印刷 | 相談支援ワークベンチ'],
    [`#/matrix/${id}`, '役割の目安 | 相談支援ワークベンチ'],
  ];
  for (const [hash, expected] of screens) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await eventually(async () => assert.equal(await page.title(), expected, hash));
  }
  // Opened directly too (a reload on a case screen, as from the history).
  await gotoRoute(page, `#/case/${id}/planning`);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: name }).waitFor();
  const titles = await page.evaluate(() => window.__titles);
  assert.ok(titles.length >= screens.length, `記録したタイトルが少なすぎます: ${titles.length}`);
  for (const t of titles) for (const part of NAME_PARTS) assert.ok(!t.includes(part), `タイトル「${t}」に「${part}」`);
});

async function recordIssue(page, description) {
  await page.getByRole('combobox', { name: '分類' }).selectOption({ label: 'その他' });
  await page.getByRole('textbox', { name: '足りない資源（氏名など個人が分かることは書きません）' }).fill(description);
  await page.getByRole('button', { name: '地域課題として記録する' }).click();
}

appTest('地域課題: 全角数字の受給者証番号、ゼロ幅スペース入りの氏名、半角カナの名前は断られ、何も記録しない', async ({ page }) => {
  await storeEnvelopes(page, [sample]);
  await gotoRoute(page, `#/case/${id}/planning`);
  await reloadApp(page);
  const fullWidth = [...number].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
  const summary = page.locator('#community-errors');
  for (const [typed, found] of [
    [`${fullWidth}の人が通える作業所が近くにない`, number],
    ['森\u200B下さんが通える作業所が近くにない', '森下'],
    ['ﾕｳﾄさんが通える作業所が近くにない', 'ゆうと'],
  ]) {
    await recordIssue(page, typed);
    await eventually(async () => assert.match(await summary.innerText(), new RegExp(`個人が分かる情報（「${found}」）が入っています`), typed));
    assert.equal(await page.locator('#community-description').getAttribute('aria-invalid'), 'true');
  }
  await page.getByRole('region', { name: '地域課題' }).getByText('このケースの地域課題（0件）').waitFor();
  assert.equal((await readCaseRecord(page, id)).case.community_issues, undefined, '地域課題が保存されました');
  await gotoRoute(page, '#/community-issues');
  await page.getByText('まだ地域課題が記録されていません。').waitFor();
});

appTest('地域課題の CSV: 「=」「@」「-」で始まる内容は先頭に「\'」を付けて書き出し、表計算ソフトが式として実行しない', async ({ page }) => {
  await storeEnvelopes(page, [sample]);
  await gotoRoute(page, `#/case/${id}/planning`);
  await reloadApp(page);
  const texts = ['=HYPERLINK("http://example.com/","詳しくはこちら")', '@SUM(1+1)*cmd', '-2+3 夜間の相談先がない'];
  for (const t of texts) {
    await recordIssue(page, t);
    await page.getByRole('region', { name: '地域課題' }).getByText(t).waitFor();
  }
  await gotoRoute(page, '#/community-issues');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV で書き出す' }).click()]);
  const body = await readDownload(csv);
  const cells = body.split('\r\n').slice(1).filter(Boolean).map((line) => line.split('"その他","')[1]);
  assert.deepEqual(cells.sort(), [
    '\'-2+3 夜間の相談先がない"',
    '\'=HYPERLINK(""http://example.com/"",""詳しくはこちら"")"',
    '\'@SUM(1+1)*cmd"',
  ]);
  for (const line of body.split('\r\n')) assert.ok(!/(^|,)"[=+\-@]/.test(line), `式として読まれるセル: ${line}`);
  // The screen and the JSON keep the text as recorded.
  await page.getByRole('cell', { name: texts[0] }).waitFor();
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON で書き出す' }).click()]);
  assert.deepEqual(JSON.parse(await readDownload(json)).issues.map((i) => i.description).sort(), [...texts].sort());
});
