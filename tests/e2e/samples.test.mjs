// Fictional sample cases: listed on demand from public/samples/index.json, each loaded as
// a new case (fresh id; nothing existing changes) with its assessment and plan draft, and
// printable. Only the app's own files are fetched.
import fs from 'node:fs';
import path from 'node:path';
import {
  appTest, assert, setupSuite, gotoApp, createCase, listedNames, openCase, reloadApp, ROOT,
  storageSnapshot, assertNoAxeViolations, eventually, CASE_KEY_PREFIX,
} from './helpers.mjs';

setupSuite();

const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/samples/index.json'), 'utf8'));

function sampleCase(file) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'public/samples', file), 'utf8')).cases[0].case;
}

appTest('サンプル: 一覧を開くと全サンプルが出て、読み込むと新しいケースとして加わる（既存のケースは変わらない）', async ({ page }) => {
  await gotoApp(page);
  await createCase(page, { name: '既存のケース' });
  const before = await storageSnapshot(page);

  await page.getByText('サンプルケース（研修・練習用）を読み込む').click();
  for (const s of index.samples) {
    await page.getByRole('button', { name: `読み込む（${s.title}）` }).waitFor();
  }
  await assertNoAxeViolations(page, 'サンプルの一覧');

  const first = index.samples[0];
  const expected = sampleCase(first.file);
  await page.getByRole('button', { name: `読み込む（${first.title}）` }).click();
  await eventually(async () => assert.ok((await listedNames(page)).includes(expected.name), 'サンプルが一覧にありません'));

  const after = await storageSnapshot(page);
  for (const [k, v] of Object.entries(before)) assert.equal(after[k], v, `既存のデータ ${k} が変わりました`);
  const added = Object.keys(after).filter((k) => k.startsWith(CASE_KEY_PREFIX) && !(k in before));
  assert.equal(added.length, 1);
  const stored = JSON.parse(after[added[0]]).case;
  assert.notEqual(stored.id, expected.id, 'サンプルの id がそのまま使われています（読み込み直すと重なります）');
  assert.equal(stored.plan.needs.length, expected.plan.needs.length);

  await reloadApp(page);
  await openCase(page, expected.name);
  await page.getByRole('link', { name: '計画案' }).click();
  await page.getByRole('heading', { name: '解決すべき課題と支援（優先順位の高い順）' }).waitFor();
  assert.equal(await page.locator('li.need').count(), expected.plan.needs.length);
});

appTest('サンプル: 各サンプルを読み込んで計画案を PDF に印刷できる（1 件以上のページ、氏名とニーズが入る）', async ({ page }) => {
  await gotoApp(page);
  await page.getByText('サンプルケース（研修・練習用）を読み込む').click();
  for (const s of index.samples) {
    const c = sampleCase(s.file);
    await page.getByRole('button', { name: `読み込む（${s.title}）` }).click();
    await eventually(async () => assert.ok((await listedNames(page)).includes(c.name)));
  }
  const names = await listedNames(page);
  assert.equal(names.length, index.samples.length);
  for (const s of index.samples) {
    const c = sampleCase(s.file);
    const id = (await page.getByRole('link', { name: c.name, exact: true }).getAttribute('href')).split('/').pop();
    await page.goto(page.url().replace(/#.*$/, '') + `#/case/${id}/print/plan`);
    await page.locator('.sheet').waitFor();
    const text = (await page.locator('.sheet').innerText()).replace(/\s+/g, '');
    assert.ok(text.includes(c.name.replace(/\s+/g, '')), `${s.file}: 印刷画面に氏名がありません`);
    assert.ok(text.includes(c.plan.needs[0].need.replace(/\s+/g, '').slice(0, 10)), `${s.file}: 印刷画面に最初のニーズがありません`);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    assert.ok(pdf.length > 10_000, `${s.file}: PDF が空です`);
    await page.goto(page.url().replace(/#.*$/, '') + '#/');
    await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  }
});
