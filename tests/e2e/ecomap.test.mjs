// エコマップ (#/case/<id>/assessment/ecomap): proposed from a sample's records (every
// support's provider — or its kind while no provider is named — and every family member the
// intake names appear once), a node moved by keyboard stays moved after a reload, a tie's kind
// changed shows in the text list and the drawing, a pointer drag moves a node, the comparison
// with a final plan's map, and the print with the map on the first A4 page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  appTest, assert, assertNoAxeViolations, eventually, gotoRoute, isFocused, reloadApp, sampleEnvelope, setupSuite,
  storeEnvelopes, tabTo, waitForStored,
} from './helpers.mjs';

setupSuite();

const ecomapHash = (id) => `#/case/${id}/assessment/ecomap`;

/** Stores sample files and opens the first one's エコマップ screen. */
async function openSample(page, file, spoil) {
  const env = sampleEnvelope(file, spoil);
  await storeEnvelopes(page, [env]);
  await reloadApp(page);
  await gotoRoute(page, ecomapHash(env.case.id));
  await page.getByRole('heading', { level: 2, name: 'エコマップ' }).waitFor();
  return env;
}

async function propose(page) {
  await page.getByRole('button', { name: '記録からエコマップを作る' }).click();
  await page.getByRole('heading', { name: 'つながりの一覧' }).waitFor();
}

/** The names in the text list, in order. */
const listedNames = (page) => page.locator('.ecomap__list .ecomap-list__name').allInnerTexts();

/** A node's place in the drawing (its translate). */
async function nodePlace(node) {
  const t = await node.getAttribute('transform');
  const m = /translate\((-?\d+),(-?\d+)\)/.exec(t ?? '');
  assert.ok(m, `位置がありません: ${t}`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

const node = (page, name) => page.locator('#ecomap-svg').getByRole('button', { name: new RegExp(`^${name}（`) });
const listItem = (page, name) =>
  page.locator('.ecomap__list .ecomap-list__item').filter({ has: page.locator('.ecomap-list__name', { hasText: new RegExp(`^${name}$`) }) });

appTest('エコマップ: サンプルの記録から作ると、支援ごとの事業所（未記入なら種類）と家族の一人ひとりがちょうど1回ずつ並ぶ', async ({ page }) => {
  const env = await openSample(page, 'sample-4-child.json');
  await assertNoAxeViolations(page, 'エコマップ（作る前）');
  await propose(page);
  const names = await listedNames(page);
  const supports = env.case.plan.needs.flatMap((n) => n.supports).map((s) => (s.provider.trim() || s.kind.trim()));
  assert.ok(supports.length >= 5, 'サンプルに支援がありません');
  for (const name of [...new Set(supports), '母', '父', '妹', '祖父', '祖母']) {
    assert.equal(names.filter((n) => n === name).length, 1, `「${name}」が一覧に1回ではありません: ${names.join('、')}`);
  }
  // 学校（特別支援学級担任） and the assessment's 「担任が…」 are one node; the clinic of the intake is there.
  assert.ok(!names.includes('担任'), names.join('、'));
  assert.ok(names.includes('みなみ小児クリニック（架空）'), names.join('、'));
  // The drawing has one button per listed node, the person in the centre, and the list is grouped.
  assert.equal(await page.locator('#ecomap-svg [role="button"]').count(), names.length);
  assert.match(await page.locator('#ecomap-svg').innerHTML(), /田村 そうた（仮名）|田村 そうた/);
  assert.deepEqual(await page.locator('.ecomap__list h4').allInnerTexts(), ['インフォーマル（家族・友人・近所・地域）', 'フォーマル（事業所・医療・学校・職場・行政）']);
  // Proposed ties of the plan's supports point to the person; the family's have no arrow yet.
  assert.match(await listItem(page, '放課後等デイサービス').innerText(), /本人が支えられる/);
  assert.match(await listItem(page, '妹').innerText(), /矢印なし/);
  // Saved with the case.
  await waitForStored(page, env.case.id, (c) => assert.equal(c.eco_map?.nodes?.length, names.length));
  await assertNoAxeViolations(page, 'エコマップ');
});

appTest('エコマップ: キーボードで人・機関を選んで矢印キーで動かすと、再読み込みの後も同じ位置にある', async ({ page }) => {
  const env = await openSample(page, 'sample-1-chiteki.json');
  await propose(page);
  const mother = node(page, '母');
  const sister = node(page, '妹');
  const before = await nodePlace(mother);
  const sisterBefore = await nodePlace(sister);
  await tabTo(page, mother);
  await page.keyboard.press('Enter');
  assert.equal(await mother.getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  assert.ok(await isFocused(mother), 'フォーカスが動かした人・機関から外れました');
  const moved = await nodePlace(mother);
  assert.deepEqual(moved, { x: before.x + 30, y: before.y + 50 });
  assert.deepEqual(await nodePlace(sister), sisterBefore, 'ほかの人・機関まで動きました');
  await waitForStored(page, env.case.id, (c) => {
    const m = c.eco_map.nodes.find((n) => n.label === '母');
    assert.deepEqual(m.at, moved);
  });
  await reloadApp(page);
  await page.getByRole('heading', { name: 'つながりの一覧' }).waitFor();
  assert.deepEqual(await nodePlace(node(page, '母')), moved);
});

appTest('エコマップ: つながりの強さを「ストレス」にすると、一覧と図の線がそう変わる。名前の変更・追加・外すも一覧に出る', async ({ page }) => {
  const env = await openSample(page, 'sample-1-chiteki.json');
  await propose(page);
  await listItem(page, '父').getByRole('button', { name: '編集（父）' }).click();
  const editor = page.getByRole('region', { name: /選んでいる人・機関：父/ });
  await editor.getByRole('radio', { name: 'ストレス・葛藤（ギザギザ線）' }).check();
  await eventually(async () => assert.match(await listItem(page, '父').innerText(), /ストレス・葛藤（ギザギザ線）/));
  const fatherId = await listItem(page, '父').getAttribute('data-node');
  assert.equal(await page.locator(`#ecomap-svg .ecomap__tie[data-kind="stressful"]`).count(), 1);
  assert.match(await page.locator('#ecomap-svg').innerHTML(), />ストレス</);
  await editor.getByLabel('支えの向き').selectOption({ label: '支え合う（⇄）' });
  await editor.getByLabel('メモ（このつながりについて）').fill('仕事の帰りが遅い');
  await eventually(async () => assert.match(await listItem(page, '父').innerText(), /支え合う（⇄）。仕事の帰りが遅い/));
  await waitForStored(page, env.case.id, (c) => {
    const f = c.eco_map.nodes.find((n) => String(n.id) === fatherId);
    assert.deepEqual(f.tie, { kind: 'stressful', direction: 'both', note: '仕事の帰りが遅い' });
  });
  // A name already on the map is refused, with a message, and nothing changes.
  const name = editor.getByLabel('名前', { exact: true });
  await name.fill('母');
  await name.press('Tab');
  await editor.getByText('「母」はもうエコマップにあります。').waitFor();
  assert.equal((await listedNames(page)).filter((n) => n === '父').length, 1);
  await name.fill('お父さん');
  await name.press('Tab');
  await eventually(async () => assert.ok((await listedNames(page)).includes('お父さん')));
  // Add one, then take it off again.
  await page.getByLabel('名前', { exact: true }).last().fill('近所の喫茶店のマスター');
  await page.getByLabel('分類', { exact: true }).last().selectOption({ label: '近所' });
  await page.getByRole('button', { name: '追加する' }).click();
  await eventually(async () => assert.ok((await listedNames(page)).includes('近所の喫茶店のマスター')));
  await page.getByRole('region', { name: /選んでいる人・機関：近所の喫茶店のマスター/ }).getByRole('button', { name: 'エコマップから外す' }).click();
  await eventually(async () => assert.ok(!(await listedNames(page)).includes('近所の喫茶店のマスター')));
  // 記録から追加 brings back nothing that was there, renamed or removed.
  await page.getByRole('button', { name: '記録から追加' }).click();
  await page.getByText('新しく記録された人・機関はありません').waitFor();
  assert.ok(!(await listedNames(page)).includes('父'));
});

appTest('エコマップ: ポインタでドラッグすると人・機関が動き、保存される', async ({ page }) => {
  const env = await openSample(page, 'sample-1-chiteki.json');
  await propose(page);
  const target = node(page, '妹');
  const before = await nodePlace(target);
  const box = await target.boundingBox();
  const svg = await page.locator('#ecomap-svg').boundingBox();
  const scale = svg.width / 1000;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40 * scale, box.y + box.height / 2 + 20 * scale, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2 + 80 * scale, box.y + box.height / 2 + 40 * scale, { steps: 5 });
  await page.mouse.up();
  const after = await nodePlace(target);
  assert.ok(Math.abs(after.x - (before.x + 80)) <= 3 && Math.abs(after.y - (before.y + 40)) <= 3, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  await waitForStored(page, env.case.id, (c) => assert.deepEqual(c.eco_map.nodes.find((n) => n.label === '妹').at, after));
});

appTest('エコマップ: 確定した計画のときの図と比べ、加わった・なくなった・変わったつながりが並ぶ', async ({ page }) => {
  await openSample(page, 'sample-2-seishin.json', (c) => {
    const old = structuredClone(c.eco_map);
    old.nodes = old.nodes.filter((n) => n.label !== '地域の民生委員');
    old.nodes.find((n) => n.label === '姉').tie.kind = 'strong';
    old.nodes.push({ id: 99, label: '以前の作業所', sector: 'services', origin: 'added', tie: { kind: 'weak', direction: 'none', note: '' } });
    c.final_eco_maps = [{ plan_version: 1, map: old }];
  });
  const compare = page.getByRole('region', { name: '確定した計画のときと比べる' });
  const text = await compare.innerText();
  assert.match(text, /加わった：地域の民生委員（近所）/);
  assert.match(text, /なくなった：以前の作業所（事業所）/);
  assert.match(text, /つながりが変わった：姉（強い → 弱い/);
  await assertNoAxeViolations(page, 'エコマップ（比較）');
});

function pdfText(buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecomap-pdf-'));
  const file = path.join(dir, 'ecomap.pdf');
  fs.writeFileSync(file, buffer);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const perPage = [];
  for (let p = 1; p <= pages; p++) {
    perPage.push(execFileSync('pdftotext', ['-raw', '-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''));
  }
  fs.rmSync(dir, { recursive: true });
  return { pages, width: Number(size[1]), height: Number(size[2]), perPage };
}

appTest('エコマップ: 印刷は A4 横で、1 ページ目にケースの見出しと図全体、一覧はその後', async ({ page }) => {
  const env = await openSample(page, 'sample-2-seishin.json');
  // The sample's edited map is there, its stressful tie in the list.
  assert.match(await listItem(page, '生活保護ケースワーカー').innerText(), /ストレス・葛藤/);
  await page.getByRole('link', { name: '印刷する' }).click();
  await page.getByRole('heading', { level: 1, name: 'エコマップの印刷' }).waitFor();
  await assertNoAxeViolations(page, 'エコマップの印刷');
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.ok(Math.abs(pdf.width - 842) < 2 && Math.abs(pdf.height - 595) < 2, `A4 横ではありません: ${pdf.width}x${pdf.height}`);
  assert.ok(pdf.pages <= 2, `ページ数: ${pdf.pages}`);
  const first = pdf.perPage[0];
  for (const expected of ['エコマップ', '利用者氏名', '川口まさる（仮名）', '障害福祉サービス受給者証番号', '本人']) {
    assert.ok(first.includes(expected), `1 ページ目に「${expected}」がありません`);
  }
  // Every node of the drawing (its first line) is on page 1; the list starts on the next page.
  for (const n of env.case.eco_map.nodes) {
    const firstLine = [...n.label].slice(0, 8).join('');
    assert.ok(first.includes(firstLine), `1 ページ目の図に「${firstLine}」がありません`);
  }
  assert.ok(!first.includes('つながりの一覧'), '一覧が図と同じページにあります');
  assert.ok(pdf.perPage[1]?.includes('つながりの一覧'), '2 ページ目に一覧がありません');
  for (const absent of ['記録から追加', '編集', '印刷する']) {
    assert.ok(!pdf.perPage.join('').includes(absent), `画面用の「${absent}」が印刷されています`);
  }
});

appTest('エコマップ: 図は読める（人・機関の箱は白地、名前の文字は黒、線は塗りつぶしでない）', async ({ page }) => {
  // The stylesheet once lost a brace before the エコマップ's rules, which put them under
  // `@media print`: every box and label was drawn solid black on screen.
  await page.setViewportSize({ width: 1366, height: 768 });
  await openSample(page, 'sample-2-seishin.json');
  const styles = await page.evaluate(() => {
    const pick = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e) : null; };
    const box = pick('.ecomap__svg .ecomap__box');
    const label = pick('.ecomap__svg .ecomap__label');
    const line = pick('.ecomap__svg .ecomap__line');
    return { box: box?.fill, label: label?.fill, line: line?.fill };
  });
  assert.equal(styles.box, 'rgb(255, 255, 255)', `箱の塗り: ${JSON.stringify(styles)}`);
  assert.notEqual(styles.label, styles.box, `名前が箱と同じ色です: ${JSON.stringify(styles)}`);
  assert.equal(styles.line, 'none', `線が塗られています: ${JSON.stringify(styles)}`);
});
