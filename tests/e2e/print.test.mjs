// The printed plan: the print screen renders the サービス等利用計画（案） like the 様式例 and
// prints to A4 landscape PDF with the goal table continuing over pages under its repeated
// heading; the PDF's text (pdftotext) carries the key fields, dates in 和暦.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  appTest, assert, assertNoAxeViolations, CASE_KEY_PREFIX, gotoApp, gotoRoute, reloadApp, setupSuite, tabTo,
  sampleEnvelope, storeEnvelopes,
} from './helpers.mjs';

setupSuite();

const ID = '0000000000000000000000000000e001';

/** A fictional plan with `needs` rows, stored as the app stores it (schema 4). */
function planRecord(needs) {
  const rows = Array.from({ length: needs }, (_, i) => ({
    id: i + 1,
    need: `ニーズ${i + 1}：「自分のペースで${i % 2 ? '料理' : '買い物'}をしたい」という本人の願いから、暮らしの中でできることを増やしていく。`,
    goal: `目標${i + 1}：週に一度、支援者と一緒に近所のスーパーで材料を選び、簡単な料理を作る。`,
    target_date: '2027-05-31',
    supports: [
      { formality: 'formal', kind: '居宅介護', content: '家事援助（調理の見守り）', amount: { times: 2, per: 'week', hours: 1.5 }, provider: 'ヘルパーステーションみどり（架空）', corporation: '' },
      { formality: 'informal', kind: '近所の喫茶店', content: '週末の朝食', amount: { times: 1, per: 'week', hours: null }, provider: '', corporation: '' },
    ],
    persons_role: '行きたい日を前の週に伝える',
    review_date: 'R9.2.28',
    notes: '',
    rests_on: [],
  }));
  return {
    schema_version: 4,
    written_at: '2026-11-27T10:00:00+09:00',
    app_version: 'e2e',
    revision: 1,
    case: {
      id: ID, name: '印刷 太郎（架空）', certificate_no: '1234567890', support_category: '3', for_child: false,
      stage: 'planning', archived: false, created_at: '2026-11-01T10:00:00+09:00', updated_at: '2026-11-27T10:00:00+09:00',
      plan: {
        status: 'draft',
        header: { office_name: '相談支援センターみなと（架空）', planner: '相談員 一郎', burden_cap: '9,300円', drafted_on: '2026-11-27', monitoring_start: '2026-12' },
        person_wishes: '「ひとりで暮らしを続けたい」', family_wishes: '無理をしないでほしい',
        support_policy: '本人の楽しみを大切に、ひとり暮らしを続けられるよう支える。', long_term_goal: 'ひとり暮らしを続ける', short_term_goal: '料理を一品覚える',
        needs: rows, monitoring: { interval_months: 3, reason: '新しいサービスの利用開始のため' }, next_need_id: needs + 1,
      },
    },
  };
}

async function seed(page, record) {
  await gotoApp(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [CASE_KEY_PREFIX + ID, JSON.stringify(record)]);
  await reloadApp(page);
}

function pdfText(buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-pdf-'));
  const file = path.join(dir, 'plan.pdf');
  fs.writeFileSync(file, buffer);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  const perPage = [];
  for (let p = 1; p <= pages; p++) {
    perPage.push(execFileSync('pdftotext', ['-raw', '-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' }));
  }
  fs.rmSync(dir, { recursive: true });
  return { pages, width: Number(size[1]), height: Number(size[2]), perPage, all: perPage.join('\n').replace(/\s+/g, '') };
}

appTest('印刷: 12 行の計画案が A4 横の複数ページになり、各ページに表の見出し、和暦の日付、主な項目が入る', async ({ page }) => {
  await seed(page, planRecord(12));
  await gotoRoute(page, `#/case/${ID}/print/plan`);
  await page.getByRole('heading', { name: 'サービス等利用計画（案）の印刷' }).waitFor();
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));

  assert.ok(pdf.width > pdf.height, `A4 横ではありません: ${pdf.width}x${pdf.height}`);
  assert.ok(Math.abs(pdf.width - 842) < 2 && Math.abs(pdf.height - 595) < 2, `A4 ではありません: ${pdf.width}x${pdf.height}`);
  assert.ok(pdf.pages >= 2 && pdf.pages <= 4, `ページ数が想定外: ${pdf.pages}`);
  for (const [i, text] of pdf.perPage.entries()) {
    assert.match(text.replace(/\s+/g, ''), /解決すべき課題（本人のニーズ）/, `${i + 1} ページ目に表の見出しがありません`);
  }
  for (const expected of [
    'サービス等利用計画（案）', '印刷太郎（架空）', '区分3', '相談支援センターみなと（架空）', '1234567890',
    '計画作成担当者', '相談員一郎', '利用者同意署名欄', '「ひとりで暮らしを続けたい」', '無理をしないでほしい',
    '総合的な援助の方針', '3か月ごと', '令和8年12月', '令和8年11月27日', '令和9年5月31日', '令和9年2月28日',
    '居宅介護', '週2回・1回1.5時間', 'ヘルパーステーションみどり（架空）', '近所の喫茶店', '（インフォーマル）',
    'ニーズ1：', 'ニーズ12：',
  ]) {
    assert.ok(pdf.all.includes(expected.replace(/\s+/g, '')), `PDF に「${expected}」がありません`);
  }
  // Nothing of the app's screen chrome is printed.
  for (const absent of ['ケース一覧に戻る', '印刷する', 'このパソコンのブラウザ内にだけ保存']) {
    assert.ok(!pdf.all.includes(absent), `PDF に画面用の「${absent}」が印刷されています`);
  }
  // A row is never split across pages: each need number starts a row on exactly one page.
  for (let n = 1; n <= 12; n++) {
    const pagesWithRow = pdf.perPage.filter((t) => t.replace(/\s+/g, '').includes(`ニーズ${n}：`)).length;
    assert.equal(pagesWithRow, 1, `ニーズ${n} の行が ${pagesWithRow} ページに分かれています`);
  }
});

appTest('印刷: 計画案の画面からキーボードで印刷画面へ行ける。印刷画面に axe の違反がない', async ({ page }) => {
  await seed(page, planRecord(2));
  await gotoRoute(page, `#/case/${ID}/planning`);
  const link = page.getByRole('link', { name: '印刷用の画面を開く' });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'サービス等利用計画（案）の印刷' }).waitFor();
  assert.match(page.url(), /#\/case\/0+e001\/print\/plan$/);
  await assertNoAxeViolations(page, '印刷画面');
});

appTest('印刷: 障害児のケースは障害児支援利用計画（案）、保護者の意向として印刷される', async ({ page }) => {
  const record = planRecord(1);
  record.case.for_child = true;
  await seed(page, record);
  await gotoRoute(page, `#/case/${ID}/print/plan`);
  await page.getByRole('heading', { name: '障害児支援利用計画（案）の印刷' }).waitFor();
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true }));
  assert.equal(pdf.pages, 1);
  for (const expected of ['障害児支援利用計画（案）', '利用者氏名（児童氏名）', '保護者：無理をしないでほしい']) {
    assert.ok(pdf.all.includes(expected), `PDF に「${expected}」がありません`);
  }
});

appTest('印刷: 「福祉サービス等の種類・量の理由」の表は、1 ページに収まるときは途中でページが分かれない（2〜4 ニーズのサンプル）', async ({ page }) => {
  // Sample 3 with its first 2 needs and sample 2 whole: their 理由 tables used to start at
  // the foot of a page and spill over onto the next.
  const plans = [
    sampleEnvelope('sample-3-shintai.json', (c) => { c.plan.needs = c.plan.needs.slice(0, 2); }),
    sampleEnvelope('sample-2-seishin.json'),
    sampleEnvelope('sample-1-chiteki.json', (c) => { c.plan.needs = c.plan.needs.slice(0, 3); }),
  ];
  await storeEnvelopes(page, plans);
  await reloadApp(page);
  for (const env of plans) {
    await gotoRoute(page, `#/case/${env.case.id}/print/plan`);
    await page.getByRole('button', { name: '印刷する', exact: true }).waitFor();
    const pdf = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const flat = pdf.perPage.map((t) => t.replace(/\s+/g, ''));
    const reasons = env.case.plan.needs.flatMap((n) => n.supports.map((x) => (x.reason ?? '').trim()).filter(Boolean));
    assert.ok(reasons.length >= 2, `${env.case.id}: 理由が 2 つ以上ある計画ではありません`);
    const captionPage = flat.findIndex((t) => t.includes('福祉サービス等の種類・量の理由'));
    assert.ok(captionPage >= 0, `${env.case.id}: PDF に理由の表がありません`);
    // Every reason on the page where the table starts (a reason's words may also stand in
    // the goal table earlier, so only that page is looked at).
    const elsewhere = reasons.filter((r) => !flat[captionPage].includes(r.replace(/\s+/g, '').slice(0, 14)));
    assert.deepEqual(elsewhere, [], `${env.case.id}: 理由の表が ${captionPage + 1} ページ目から次のページへ分かれています（そのページにない理由）`);
  }
});
