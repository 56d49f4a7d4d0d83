// Nothing leaves the machine: during a whole working session every request goes to the
// app's own origin, and the page's CSP only allows its own origin.
import {
  setupSuite, appTest, gotoApp, reloadApp, appUrl, assert, eventually,
  createCase, rowButton, caseLink, casePage, openCase, waitForStoredName, STAGES,
} from './helpers.mjs';

setupSuite();

function offOrigin(requests, origin) {
  return requests.filter(({ url }) => {
    const u = new URL(url);
    if (u.protocol === 'data:') return false;
    if (u.protocol === 'blob:') return new URL(url.slice('blob:'.length)).origin !== origin;
    return u.origin !== origin;
  });
}

appTest('作業の一通り（作成・各段階・名前変更・アーカイブ・削除・再読み込み）で外部への通信がない', async ({ page, requests }) => {
  const origin = new URL(appUrl()).origin;
  await gotoApp(page);
  const id = await createCase(page, { name: '通信 A', number: '1234', category: '区分2', child: true });
  await createCase(page, { name: '通信 B' });

  await openCase(page, '通信 A');
  const cp = casePage(page);
  for (const step of STAGES.slice(1)) {
    await cp.stepNav.getByRole('link', { name: step, exact: true }).click();
    await page.getByRole('main').getByRole('heading', { name: step, exact: true }).waitFor();
  }
  await cp.stepNav.getByRole('link', { name: 'インテーク', exact: true }).click();
  await cp.name.fill('通信 A2');
  await waitForStoredName(page, id, '通信 A2');
  await cp.back.click();
  await caseLink(page, '通信 A2').waitFor();

  await rowButton(page, 'アーカイブ', '通信 A2').click();
  await eventually(async () => assert.equal(await caseLink(page, '通信 A2').count(), 0));
  await rowButton(page, '削除', '通信 B').click();
  await page.getByRole('dialog').getByRole('button', { name: '削除する', exact: true }).click();
  await eventually(async () => assert.equal(await caseLink(page, '通信 B').count(), 0));
  await page.getByRole('searchbox', { name: '名前で検索', exact: true }).fill('通信');
  await page.getByRole('checkbox', { name: 'アーカイブしたケースも表示', exact: true }).check();
  await caseLink(page, '通信 A2').waitFor();
  await reloadApp(page);
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  await page.waitForLoadState('networkidle');

  assert.ok(requests.some((r) => r.url.endsWith('.wasm')), `リクエストの記録が機能していません（.wasm がない）: ${requests.map((r) => r.url).join(', ')}`);
  const outside = offOrigin(requests, origin);
  assert.deepEqual(outside, [], `アプリ自身（${origin}）以外への通信がありました`);
});

appTest('CSP: meta があり、connect-src は self/none、外部ホストを許していない。外部への fetch は実際に止まる', async ({ page, errors, requests }) => {
  await gotoApp(page);
  const metas = await page.locator('meta[http-equiv="Content-Security-Policy" i]').evaluateAll((ms) => ms.map((m) => m.content));
  assert.equal(metas.length, 1, `CSP の meta が 1 つではありません: ${metas.length}`);
  const csp = metas[0];
  const directives = Object.fromEntries(
    csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name.toLowerCase(), values];
    }),
  );
  assert.ok(directives['connect-src'], `connect-src がありません: ${csp}`);
  assert.ok(
    directives['connect-src'].length === 1 && ["'self'", "'none'"].includes(directives['connect-src'][0]),
    `connect-src は 'self' か 'none' のみのはず: ${directives['connect-src'].join(' ')}`,
  );
  for (const [name, values] of Object.entries(directives)) {
    for (const v of values) {
      const isKeyword = /^'[^']+'$/.test(v);
      const isScheme = /^(data|blob):$/.test(v);
      assert.ok(isKeyword || isScheme, `${name} が外部のソース「${v}」を許しています: ${csp}`);
    }
  }
  assert.ok(!/'unsafe-inline'|'unsafe-eval'/.test(directives['script-src']?.join(' ') ?? ''), `script-src が unsafe-* を許しています`);

  // The policy is actually enforced.
  const outcome = await page.evaluate(async () => {
    let violated = '';
    document.addEventListener('securitypolicyviolation', (e) => (violated = e.violatedDirective), { once: true });
    let result;
    try {
      await fetch('https://example.com/e2e-probe', { mode: 'no-cors' });
      result = 'sent';
    } catch {
      result = 'blocked';
    }
    await new Promise((r) => setTimeout(r, 50));
    return { result, violated };
  });
  assert.equal(outcome.result, 'blocked', '外部への fetch が止まりませんでした');
  assert.match(outcome.violated, /connect-src|default-src/);
  assert.equal(requests.filter((r) => r.url.includes('example.com')).length, 0, '外部へのリクエストが出ました');
  // The browser reports the blocked probe as a console error: that one is ours, not the app's.
  for (let i = errors.length - 1; i >= 0; i--) if (/example\.com/.test(errors[i])) errors.splice(i, 1);
});
