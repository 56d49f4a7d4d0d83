// Trainers and sources (issue 18, item 6): a finding's 出典 names the document by publisher,
// title and year; 出典の資料 (#/sources, linked from the footer and from the role matrix's
// 「000」「003」) lists the documents; the level is switched inside the 計画チェック.
import {
  appTest, assert, setupSuite, gotoApp, gotoRoute, reloadApp, assertNoAxeViolations, eventually, saveStatus,
  sampleEnvelope, storeEnvelopes, checkPanel as panel,
} from './helpers.mjs';

setupSuite();

const DOCS = [
  ['000', '大阪市', '大阪市における相談支援専門員の望ましい状態像（案）', '資料に記載がありません'],
  ['001', '厚生労働省', '相談支援業務に関する手引き', '令和6年3月'],
  ['002', '大阪府', '第３章 相談支援専門員の養成・定着への取組み', '資料に記載がありません'],
  ['003', '大阪市', '大阪市において望まれる主任相談支援専門員の役割について', '令和7年'],
  ['004', '東京都相談支援従事者研修検討会', '私たちが目指す相談支援専門員の姿', '資料に記載がありません'],
];

appTest('出典: 指摘の出典は資料の発行元・題名・年で示され、フッターから出典の資料の一覧へ行ける', async ({ page }) => {
  const env = sampleEnvelope('sample-2-seishin.json');
  await storeEnvelopes(page, [env]);
  await reloadApp(page);
  await gotoRoute(page, `#/case/${env.case.id}/planning`);
  const item = panel(page).locator('li.finding', { hasText: 'インフォーマルな支え' });
  await item.locator('.finding__source > summary').click();
  assert.equal(await item.locator('.finding__citation').innerText(),
    '厚生労働省「相談支援業務に関する手引き」（令和6年3月） Ⅲ-3-(2)-③ インフォーマル・サービスへのアプローチ');
  assert.doesNotMatch(await item.locator('.finding__citation').innerText(), /\.txt/);

  await page.getByRole('contentinfo').getByRole('link', { name: '出典の資料', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '出典の資料' }).waitFor();
  assert.match(page.url(), /#\/sources$/);
  for (const [code, publisher, title, year] of DOCS) {
    const section = page.getByRole('region', { name: `資料${code}　${title}` });
    await section.waitFor();
    const text = await section.innerText();
    assert.match(text, new RegExp(`発行\\s+${publisher}`), `${code}: 発行元`);
    assert.match(text, new RegExp(`年\\s+${year}`), `${code}: 年`);
    assert.ok(text.includes(`${code}_`), `${code}: ファイル名`);
  }
  await page.getByRole('region', { name: '資料001　相談支援業務に関する手引き' }).getByText('このアプリが引用している箇所').click();
  await page.getByText('Ⅲ-3-(2)-③ インフォーマル・サービスへのアプローチ', { exact: true }).waitFor();
  await assertNoAxeViolations(page, '出典の資料');
});

appTest('出典: 役割の目安の「000」「003」は出典の資料のその資料へ移る', async ({ page }) => {
  for (const [code, , title] of [DOCS[0], DOCS[3]]) {
    await gotoRoute(page, '#/matrix');
    const link = page.getByRole('main').getByRole('link', { name: new RegExp(`^${code}\\s?：`) }).first();
    await link.click();
    await page.getByRole('heading', { level: 1, name: '出典の資料' }).waitFor();
    assert.match(page.url(), new RegExp(`#/sources/${code}$`));
    await eventually(async () => {
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return { id: el.id, text: el.textContent, top: r.top, bottom: r.bottom, h: innerHeight };
      });
      assert.equal(f.id, `source-doc-${code}`);
      assert.equal(f.text, `資料${code}　${title}`);
      assert.ok(f.top >= 0 && f.bottom <= f.h, `資料${code} の見出しが画面の外です`);
    });
  }
  await gotoRoute(page, '#/matrix');
  await assertNoAxeViolations(page, '役割の目安');
});

appTest('レベル: 計画チェックの中でレベルを切り替えられ、設定にも残る', async ({ page }) => {
  const env = sampleEnvelope('sample-2-seishin.json');
  await storeEnvelopes(page, [env]);
  await reloadApp(page);
  await gotoRoute(page, `#/case/${env.case.id}/planning`);
  const levels = panel(page).getByRole('group', { name: '確認するレベル' });
  assert.ok(await levels.getByRole('radio', { name: '初任者', exact: true }).isChecked());
  const monitoring = panel(page).locator('li.finding', { hasText: 'モニタリング期間（6か月ごと）の理由' });
  assert.equal(await monitoring.count(), 0);

  await levels.getByRole('radio', { name: '現任', exact: true }).check();
  await panel(page).getByText('現任の目安で確認しています。').waitFor();
  await monitoring.waitFor();
  await eventually(async () => assert.match(await saveStatus(page).innerText(), /設定を保存しました/));
  await levels.getByRole('radio', { name: '主任', exact: true }).check();
  await panel(page).getByText('主任の目安で確認しています。').waitFor();
  await assertNoAxeViolations(page, 'レベルを切り替えた計画チェック');

  await reloadApp(page);
  await gotoRoute(page, '#/settings');
  assert.ok(await page.getByRole('radio', { name: '主任', exact: true }).isChecked(), '設定に主任が残っていません');
  await gotoApp(page);
});
