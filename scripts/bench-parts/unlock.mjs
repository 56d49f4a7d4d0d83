// Part of scripts/bench.mjs:
// ---------------------------------------------------------------------------------------
// Unlock: the time from 「開く」 on the lock screen to the case list with every seeded case
// on it, under CPU throttling; against the bare PBKDF2 derivation (the vault's parameters)
// in the same page at the same throttling, and PBKDF2 alone at other iteration counts, to
// show the choice of strength.
import crypto from 'node:crypto';
import { THROTTLE, intEnv, log, median, newContext, ratio, round1, seed, sleep } from './shared.mjs';


export const UNLOCK_RUNS = intEnv('BENCH_UNLOCK_RUNS', 5, 1);
export const UNLOCK_GOAL_MS = 1000;
export const BENCH_PASSPHRASE = 'ベンチで使う合言葉です';
export const KDF_TABLE = [600_000, 1_200_000, 2_000_000, 3_000_000, 4_000_000];

/** PBKDF2-SHA256 by WebCrypto in the page, timed there (ms). */
export function pbkdf2Ms(page, iterations) {
  return page.evaluate(async ([pass, it]) => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pass), 'PBKDF2', false, ['deriveBits']);
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const t0 = performance.now();
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: it }, key, 256);
    return performance.now() - t0;
  }, [BENCH_PASSPHRASE, iterations]);
}

export async function unlockPart(browser, base, appPath, items) {
  const { context, page, errors } = await newContext(browser, [() => {}, null]);
  const fail = (msg) => new Error(`unlock: ${msg}\n${errors.join('\n')}`);
  try {
    await seed(page, base, items);
    await page.goto(`${base}${appPath}#/settings`);
    await page.getByLabel('新しい合言葉', { exact: true }).fill(BENCH_PASSPHRASE);
    await page.getByLabel('新しい合言葉（確認のためもう一度）', { exact: true }).fill(BENCH_PASSPHRASE);
    await page.getByRole('button', { name: '合言葉を設定して暗号化する' }).click();
    await page.locator('#passphrase-done').waitFor().catch((e) => { throw fail(`合言葉を設定できません: ${e.message}`); });
    const vault = JSON.parse(await page.evaluate(() => localStorage.getItem('soudan-workbench/vault')));
    const iterations = vault.kdf.iterations;
    await page.evaluate(() => { location.hash = '#/'; });
    const cdp = await context.newCDPSession(page);
    const unlock = [];
    const pbkdf2 = [];
    for (let i = 0; i < 1 + UNLOCK_RUNS; i++) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'ロック中' }).waitFor().catch((e) => { throw fail(`ロック画面が出ません: ${e.message}`); });
      await page.getByLabel('合言葉', { exact: true }).fill(BENCH_PASSPHRASE);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      await sleep(300);
      // Timed in the page: from the submit event to the mutation that shows all rows.
      await page.evaluate((rows) => {
        window.__unlockDone = new Promise((resolve) => {
          let t0;
          document.addEventListener('submit', () => { t0 = performance.now(); }, { capture: true, once: true });
          const obs = new MutationObserver(() => {
            const h1 = document.querySelector('main h1');
            if (t0 === undefined || !h1 || h1.textContent !== 'ケース一覧') return;
            if (document.querySelectorAll('table.case-table > tbody > tr').length < rows) return;
            obs.disconnect();
            resolve(performance.now() - t0);
          });
          obs.observe(document, { childList: true, subtree: true });
        });
      }, items.length);
      await page.getByRole('button', { name: '開く', exact: true }).click();
      const ms = await page.evaluate(() => window.__unlockDone);
      const kdfMs = await pbkdf2Ms(page, iterations);
      if (i > 0) {
        unlock.push(round1(ms));
        pbkdf2.push(round1(kdfMs));
      }
      log(`unlock ${i === 0 ? 'warm-up' : `run ${i}/${UNLOCK_RUNS}`}: ${round1(ms)} ms (PBKDF2 alone ${round1(kdfMs)} ms), ${THROTTLE}x`);
    }
    const table = {};
    for (const it of KDF_TABLE) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      table[it] = { throttled_ms: round1(await pbkdf2Ms(page, it)) };
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      table[it].unthrottled_ms = round1(await pbkdf2Ms(page, it));
    }
    if (errors.length) throw fail('ブラウザのエラー');
    const um = median(unlock);
    const km = median(pbkdf2);
    return {
      kdf: vault.kdf.name,
      iterations,
      throttle: THROTTLE,
      cases: items.length,
      unlock_ms_median: round1(um),
      unlock_ms_max: Math.max(...unlock),
      pbkdf2_ms_median: round1(km),
      ratio: Math.round((um / km) * 100) / 100,
      goal_ms: UNLOCK_GOAL_MS,
      unlock_ms: unlock,
      pbkdf2_ms: pbkdf2,
      pbkdf2_by_iterations: table,
      method:
        `fresh context; ${items.length} cases seeded, passphrase set through 設定 (all records sealed); per run: reload → lock ` +
        `screen, passphrase typed, CDP CPU throttling ${THROTTLE}x, ms from the submit event to the mutation that shows ` +
        'all rows of the case list (in-page performance.now); the baseline is WebCrypto PBKDF2-SHA256 alone with the ' +
        "vault's iterations in the same page and throttling, right after; one warm-up discarded",
    };
  } finally {
    await context.close().catch(() => {});
  }
}

export const unlockLine = (u) =>
  `unlock (${u.kdf} ${u.iterations}, ${u.cases} cases, ${u.throttle}x) median ${u.unlock_ms_median} ms ` +
  `(goal ≤ ${u.goal_ms} ms) vs PBKDF2 alone ${u.pbkdf2_ms_median} ms: ratio ${u.ratio}`;

