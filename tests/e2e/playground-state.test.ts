/**
 * The playground's state in Chromium (issue 8): share links never overwrite the
 * reader's saved edit and open on a hash change; poisoned storage and broken links
 * leave a working playground; Tab never opens an editor or writes storage; stale
 * results say so; run labels name every setting; Run longer.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { decompressFromEncodedURIComponent } from 'lz-string';
import { collectErrors, test } from './harness';
import { editKey, editorText, fixtureId, openEditor, ownEdit, replaceCode, runAndWait, scenario, testPage, typeOneKey } from './playground-page';
import { encodeShare, sharePrefix } from '../../src/playground/share';
import { simulatorVersion } from '../../src/sim/index';

const distDir = new URL('../../dist/', import.meta.url).pathname;

/** Every built chapter page that embeds a playground, as paths under the base URL. */
async function chaptersWithPlaygrounds(): Promise<string[]> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve(entry.name === 'index.html' ? [join(dir, entry.name)] : []))));
    return nested.flat();
  };
  const pages: string[] = [];
  for (const file of (await walk(distDir)).sort()) {
    const path = relative(distDir, file).replace(/index\.html$/, '');
    if (path.startsWith('test/') || path.startsWith('playground/')) continue;
    if ((await readFile(file, 'utf8')).includes('<gil-playground')) pages.push(path);
  }
  return pages;
}

const shareHash = (code: string, controls = {}) => encodeShare({ scenarioId: fixtureId, code, controls, simVersion: simulatorVersion, seed: undefined });
const mine = scenario('    yield py(12345);');
const shared = scenario('    yield py(777);');

/** Widths that get Monaco (desktop) or the textarea (narrow: quicker to load, the `page` of these tests). */
const monaco = { viewport: { width: 1280, height: 900 } };
test.override('contextOptions', { viewport: { width: 680, height: 900 } });

describe('share links and the reader\'s saved edit', () => {

  test('typing, changing a setting, Reset and Undo on shared code leave the reader\'s own edit as it was', async ({ site, newPage }) => {
    const page = await newPage(monaco);
    const errors = collectErrors(page);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, mine);
    await expect.poll(() => ownEdit(page)).toContain('py(12345)');
    const saved = await ownEdit(page);

    // Open a share link in a new tab of the same browser profile (same localStorage).
    const other = await page.context().newPage();
    await other.goto(site.url + testPage + shareHash(shared, { cpus: 4 }));
    await other.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    await expect.poll(() => editorText(other)).toContain('py(777)');
    expect(await other.locator('.gil-link-bar').innerText()).toMatch(/your own edit of this scenario is kept apart/);
    await typeOneKey(other);
    await other.fill('input[name="seed"]', '5');
    await other.locator('input[name="seed"]').dispatchEvent('change');
    expect(await ownEdit(other)).toBe(saved);
    await other.click('[data-action="reset"]');
    await expect.poll(() => editorText(other)).not.toContain('py(777)');
    expect(await ownEdit(other)).toBe(saved);
    await other.click('[data-action="undo-reset"]');
    await expect.poll(() => editorText(other)).toContain('py(777)');
    expect(await ownEdit(other)).toBe(saved);
    // Reloading the link brings back the changes made to it, still apart from the own edit.
    await other.reload();
    await other.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    expect(await other.inputValue('input[name="seed"]')).toBe('5');
    expect(await ownEdit(other)).toBe(saved);

    // Back to my edit: the reader's code returns and the URL no longer names the link.
    await other.click('[data-action="leave-link"]');
    await expect.poll(() => editorText(other)).toContain('py(12345)');
    expect(await other.evaluate(() => location.hash)).toBe('');
    expect(await ownEdit(other)).toBe(saved);
    expect(errors).toEqual([]);
  });

  test('"Keep as my edit" asks before replacing the saved edit, and does nothing when refused', async ({ site, page }) => {
        await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, mine);
    await expect.poll(() => ownEdit(page)).toContain('py(12345)');
    const saved = await ownEdit(page);
    await page.goto(site.url + testPage + shareHash(shared));
    await page.reload();
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    const questions: string[] = [];
    page.once('dialog', (dialog) => { questions.push(dialog.message()); void dialog.dismiss(); });
    await page.click('[data-action="keep-link"]');
    expect(questions).toEqual([expect.stringMatching(/Replace your saved edit/)]);
    expect(await ownEdit(page)).toBe(saved);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-action="keep-link"]');
    await expect.poll(() => ownEdit(page)).toContain('py(777)');
    expect(await page.locator('.gil-link-bar').isVisible()).toBe(false);
  });

  test('a share link opened by changing only the hash loads, in a static playground and in a live one, and does not run', async ({ site, page }) => {
        await page.goto(site.url + testPage);
    await page.evaluate((hash) => (location.hash = hash), shareHash(shared));
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    await expect.poll(() => editorText(page)).toContain('py(777)');

    // A live playground with a result: a second link replaces the code, and the result is marked out of date.
    expect(await runAndWait(page)).toBe('done');
    expect(await page.getAttribute('gil-playground', 'data-stale')).toBeNull();
    const runs = await page.getAttribute('gil-playground', 'data-runs');
    await page.evaluate((hash) => (location.hash = hash), shareHash(scenario('    yield py(4321);')));
    await expect.poll(() => editorText(page)).toContain('py(4321)');
    expect(await page.locator('.gil-messages').innerText()).toMatch(/Opened from a share link.*Nothing has run/);
    await page.waitForSelector('gil-playground[data-stale]');
    expect(await page.locator('.gil-stale').innerText()).toBe('Out of date: the code changed since this ran. Run to update.');
    expect(await page.getAttribute('gil-playground', 'data-runs')).toBe(runs);
    expect(await page.getAttribute('gil-playground', 'data-running')).toBeNull();
  });
});

describe('poisoned storage and broken links', () => {

  test('stored controls naming an unknown runtime: the playground loads, says so, and Reset works', async ({ site, page }) => {
        const errors = collectErrors(page);
    await page.goto(site.url + testPage);
    await page.evaluate(({ key, code }) => {
      localStorage.setItem(key, JSON.stringify({ code, controls: { runtime: 'cpython-2.8-renamed', cpus: 'many', seed: 3 }, savedAt: 1 }));
    }, { key: editKey(fixtureId), code: mine });
    await page.reload();
    await openEditor(page);
    expect(await page.locator('.gil-messages').innerText()).toMatch(/not valid.*Unknown runtime "cpython-2\.8-renamed"/s);
    await expect.poll(() => editorText(page)).toContain('py(12345)');
    expect(await page.inputValue('select[name="runtime"]')).toBe('');
    expect(await page.inputValue('input[name="seed"]')).toBe('3');
    await page.click('[data-action="reset"]');
    await expect.poll(() => editorText(page)).toContain('py(400_000)');
    expect(await ownEdit(page)).toBeNull();
    expect(await page.inputValue('input[name="seed"]')).toBe('');
    expect(await runAndWait(page)).toBe('done');
    expect(errors).toEqual([]);
  });

  test.for([
    ['not JSON', '{oops'],
    ['JSON null', 'null'],
    ['code that is not text', '{"code": 5}'],
    ['settings that are not an object', '{"code": "x", "controls": "fast"}'],
  ])('a stored entry that is %s: the playground loads with Reset', async ([_, text], { site, page }) => {
        await page.goto(site.url + testPage);
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), { key: editKey(fixtureId), value: text });
    await page.reload();
    await openEditor(page);
    expect(await page.locator('[data-action="reset"]').isVisible()).toBe(true);
    expect(await page.locator('.gil-messages').innerText()).toMatch(/could not be read|not valid|not a set of fields/);
  });

  test('a #gil1/ hash that makes lz-string throw: the playground opens with a message, and Run works', async ({ site, page }) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    let throwing = '';
    for (let seed = 1; !throwing; seed++) {
      let state = seed;
      const text = Array.from({ length: 24 }, () => alphabet[(state = (state * 1103515245 + 12345) >>> 0) % alphabet.length]).join('');
      try { decompressFromEncodedURIComponent(text); } catch { throwing = text; }
    }
        const errors = collectErrors(page);
    await page.goto(site.url + testPage + sharePrefix + throwing);
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('.gil-messages').innerText()).toMatch(/damaged/);
    expect(await runAndWait(page)).toBe('done');
    expect(errors).toEqual([]);
  });
});

test('on a phone, a damaged share link says so at the top of the playground, above the editor', async ({ site, newPage }) => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`${site.url}playground/${sharePrefix}cut-short`);
  await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
  const message = page.locator('.gil-messages .gil-message').first();
  expect(await message.innerText()).toMatch(/share link is damaged/);
  const box = (await message.boundingBox())!;
  const pane = (await page.locator('.gil-editor-pane').first().boundingBox())!;
  const editor = (await page.locator('.gil-editor-pane .gil-textarea-editor, .gil-editor-pane .gil-monaco').first().boundingBox())!;
  // Within the playground's first screenful, not under the starter code (the editor is taller than the screen).
  expect(box.y + box.height - pane.y).toBeLessThan(400);
  expect(box.y + box.height).toBeLessThanOrEqual(editor.y);
});

describe('keyboard: Tab passes every block', () => {

  /** Tab through the whole page, recording what got focus, storage writes and editor downloads. */
  async function tabThrough(page: Page, url: string) {
    await page.addInitScript(() => {
      const writes: string[] = [];
      const seen = { editFocused: 0 };
      (window as unknown as { storageWrites: string[]; seen: typeof seen }).storageWrites = writes;
      (window as unknown as { seen: typeof seen }).seen = seen;
      document.addEventListener('focusin', (event) => {
        if ((event.target as Element).matches?.('gil-playground [data-action="edit"]')) seen.editFocused++;
      });
      for (const method of ['setItem', 'removeItem', 'clear'] as const) {
        const original = Storage.prototype[method] as (...args: unknown[]) => unknown;
        Storage.prototype[method] = function (this: Storage, ...args: unknown[]) {
          writes.push(`${method} ${String(args[0])}`);
          return original.apply(this, args);
        } as never;
      }
    });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(url, { waitUntil: 'networkidle' });
    const stops = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length);
    // A figure waiting behind a guess (Predict) keeps its Edit & run out of the tab order until revealed.
    const editButtons = await page.locator('gil-playground [data-action="edit"]:visible').count();
    // Live figures add stops as they load (knobs, the playhead's controls): tab well past the count at load.
    for (let i = 0; i < stops * 2 + 20; i++) await page.keyboard.press('Tab');
    return {
      editButtons,
      editFocused: await page.evaluate(() => (window as unknown as { seen: { editFocused: number } }).seen.editFocused),
      states: await page.locator('gil-playground').evaluateAll((hosts) => hosts.map((host) => (host as HTMLElement).dataset.state)),
      writes: await page.evaluate(() => (window as unknown as { storageWrites: string[] }).storageWrites),
      editorRequests: requested.filter((url) => /\/app\.|monaco|editor\.|esbuild|ts\.worker|run-worker/.test(url)),
    };
  }

  test('on every chapter with a playground: no playground activates, nothing is saved, no editor loads', async ({ site, newPage }) => {
    const chapters = await chaptersWithPlaygrounds();
    expect(chapters.length).toBeGreaterThan(0);
    for (const chapter of chapters) {
      const page = await newPage(monaco);
      const walk = await tabThrough(page, site.url + chapter);
      expect(walk.editFocused, chapter).toBeGreaterThanOrEqual(walk.editButtons);
      expect(walk.states.every((state) => state === 'static'), `${chapter}: ${walk.states.join(',')}`).toBe(true);
      expect(walk.writes.filter((write) => write.includes('gil-lab:playground')), chapter).toEqual([]);
      expect(walk.editorRequests, chapter).toEqual([]);
      await page.context().close();
    }
  });

  test('the test page: the code block is skipped, Edit & run is a stop, and Enter on it opens the editor with the focus in it', async ({ site, newPage }) => {
    const page = await newPage(monaco);
    await page.goto(site.url + testPage);
    await page.focus('#before-link');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('edit');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('after-link');
    expect(await page.getAttribute('gil-playground', 'data-state')).toBe('static');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    await page.waitForFunction(() => Boolean(document.activeElement?.closest('.gil-monaco')));
    // The keyboard is in Monaco's hidden textarea: the editor's frame shows the focus ring.
    expect(await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('.gil-monaco')!);
      return { style: style.outlineStyle, width: style.outlineWidth };
    })).toEqual({ style: 'solid', width: '2px' });
  });

  test('a playground opened without the reader asking (the full page, a share link) leaves the focus alone', async ({ site, newPage }) => {
    const page = await newPage(monaco);
    await page.goto(site.url + 'test/full-playground/');
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.goto(site.url + testPage + shareHash(shared));
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    expect(await ownEdit(page)).toBeNull();
  });
});

describe('stale results and the "edited" mark', () => {

  test('an edit marks the result out of date until the next run', async ({ site, page }) => {
        await page.goto(site.url + testPage);
    await openEditor(page);
    expect(await runAndWait(page)).toBe('done');
    expect(await page.locator('.gil-stale').isVisible()).toBe(false);
    await typeOneKey(page);
    await page.waitForSelector('gil-playground[data-stale]');
    expect(await page.locator('.gil-stale').innerText()).toBe('Out of date: the code changed since this ran. Run to update.');
    // The notice sits right above the result it is about.
    expect(await page.locator('.gil-stale + .gil-results').count()).toBe(1);
    await page.fill('input[name="cpus"]', '1');
    await page.locator('input[name="cpus"]').dispatchEvent('change');
    expect(await page.locator('.gil-stale').innerText()).toMatch(/the code and settings changed/);
    expect(await runAndWait(page)).toBe('done');
    expect(await page.getAttribute('gil-playground', 'data-stale')).toBeNull();
    expect(await page.locator('.gil-stale').isVisible()).toBe(false);
  });

  test('loading an example on the full page marks the shown result out of date', async ({ site, page }) => {
        await page.goto(site.url + 'test/full-playground/');
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    expect(await page.getAttribute('gil-playground', 'data-stale')).toBeNull();
    const second = await page.locator('.gil-examples-menu option').nth(1).getAttribute('value');
    await page.selectOption('.gil-examples-menu', second!);
    await page.waitForSelector('gil-playground[data-stale]');
    expect(await page.locator('.gil-stale').innerText()).toMatch(/^Out of date: this is the published result/);
    expect(await runAndWait(page)).toBe('done');
    expect(await page.getAttribute('gil-playground', 'data-stale')).toBeNull();
    const third = await page.locator('.gil-examples-menu option').nth(2).getAttribute('value');
    await page.selectOption('.gil-examples-menu', third!);
    await page.waitForSelector('gil-playground[data-stale]');
    expect(await page.locator('.gil-stale').innerText()).toMatch(/^Out of date: the code changed since this ran/);
  });

  test('a saved edit shows as "edited" on the static block, and the published result beside it is out of date once open', async ({ site, page }) => {
        await page.goto(site.url + testPage);
    expect(await page.locator('.gil-edited').count()).toBe(0);
    await openEditor(page);
    await replaceCode(page, mine);
    await expect.poll(() => ownEdit(page)).toContain('py(12345)');
    await page.reload();
    await page.waitForSelector('gil-playground[data-state="static"][data-edited]');
    expect(await page.locator('.gil-edited').innerText()).toMatch(/^edited/);
    await openEditor(page);
    expect(await page.locator('.gil-edited').count()).toBe(0);
    expect(await page.locator('.gil-stale + .gil-result').count()).toBe(1);
    expect(await page.locator('.gil-stale').innerText()).toMatch(/^Out of date: this is the published result, and the code on show differ/);
  });
});

describe('run labels and units', () => {

  test('each interval control, labelled with its unit, shows only while its GIL is in effect, and compare labels carry the interval and seed of each run', async ({ site, page }) => {
        await page.goto(site.url + testPage);
    await openEditor(page);
    const shown = () => page.locator('.gil-controls .gil-field:visible label').allInnerTexts();
    expect(await shown()).toEqual(['Runtime', 'CPUs', 'Switch interval (ms)', 'Seed']); // the fixture names cpython-3.12
    await replaceCode(page, scenario('    yield py(1000);', 'cpython-2.7'));
    await expect.poll(shown).toEqual(['Runtime', 'CPUs', 'Check interval (ticks)', 'Seed']); // the scenario's runtime decides
    await page.selectOption('select[name="runtime"]', 'cpython-3.13t');
    expect(await shown()).toEqual(['Runtime', 'CPUs', 'Seed']); // no GIL, no interval
    await page.selectOption('select[name="runtime"]', 'cpython-3.12');
    expect(await shown()).toEqual(['Runtime', 'CPUs', 'Switch interval (ms)', 'Seed']);
    await page.check('input[name="compare"]');
    expect(await shown()).toEqual(['Runtime', 'CPUs', 'Switch interval (ms)', 'Check interval (ticks)', 'Seed']);
    await page.fill('input[name="switchIntervalMs"]', '2');
    await page.fill('input[name="checkInterval"]', '50');
    await page.fill('input[name="seed"]', '7');
    expect(await runAndWait(page)).toBe('done');
    expect(await page.locator('.gil-timeline figcaption').allInnerTexts()).toEqual([
      expect.stringMatching(/^CPython 2\.7, 2 CPUs, check interval 50 ticks, seed 7/),
      expect.stringMatching(/^CPython 3\.12, 2 CPUs, switch interval 2 ms, seed 7/),
    ]);
  });
});

describe('event budget: Run longer', () => {

  test('Beazley-sized work hits the event budget, says so without naming maxEvents, and Run longer finishes it', async ({ site, page }) => {
        await page.goto(site.url + testPage);
    await openEditor(page);
    // The GIL battle's wake-ups make both the events and the result's data: 1.15·10^9 bytecodes a
    // thread take 3.28 million events (over the 3 million budget) and about 145 MB of result (under
    // the 160 MB the page takes; 1.5·10^9 made 189 MB). A model change that moves either needs a new size.
    await replaceCode(page, scenario(`    const JOB = 1_150_000_000;
    const a = yield spawn("count-1", function* () { yield py(JOB); });
    const b = yield spawn("count-2", function* () { yield py(JOB); });
    yield join(a);
    yield join(b);`, 'cpython-2.7'));
    // 3,000,000 events take a few seconds; on a loaded machine the 10 s wall clock can end the run
    // first. Either way the page says which limit it was and offers Run longer.
    const outcome = await runAndWait(page, 'run', 30_000);
    if (outcome === 'stopped') {
      expect(await page.locator('.gil-status').innerText()).toMatch(/^Stopped after 10 s: .*Run longer/);
    } else {
      expect(outcome).toBe('runtime-error');
      const message = await page.locator('.gil-messages').innerText();
      expect(message).toMatch(/stopped after 3,000,000 events.*stops each run after 3,000,000 simulator events; Run longer allows 30,000,000/s);
      expect(message).not.toMatch(/maxEvents/);
    }
    expect(await page.locator('[data-action="run-longer"]').isVisible()).toBe(true);
    await page.click('[data-action="run-longer"]');
    await page.waitForFunction(() => /Running longer/.test(document.querySelector('.gil-status')?.textContent ?? ''), null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector<HTMLElement>('gil-playground')?.dataset.outcome === 'done', null, { timeout: 90_000 });
    expect(await page.locator('.gil-timeline').count()).toBe(1);
    expect(await page.locator('[data-action="run-longer"]').isVisible()).toBe(false);
  });

  test('the simulated-time cap gets its own message and no Run longer', async ({ site, page }) => {
        await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario('    for (;;) yield sleep(1000);'));
    expect(await runAndWait(page)).toBe('runtime-error');
    expect(await page.locator('.gil-messages').innerText()).toMatch(/stopped at 600,000 simulated ms.*simulate less time/s);
    expect(await page.locator('[data-action="run-longer"]').isVisible()).toBe(false);
  });

  test('the wall clock: Run longer is offered, shows progress, and Stop ends it', async ({ site, page }) => {
        await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario('    while (true) {}'));
    expect(await runAndWait(page, 'run', 30_000)).toBe('stopped');
    expect(await page.locator('.gil-status').innerText()).toMatch(/^Stopped after 10 s: .*Run longer \(up to 60 s\)/);
    await page.click('[data-action="run-longer"]');
    await page.waitForFunction(() => /Running longer .*\d+ s of at most 60 s/.test(document.querySelector('.gil-status')?.textContent ?? ''));
    await page.evaluate(() => delete document.querySelector<HTMLElement>('gil-playground')!.dataset.outcome);
    await page.click('[data-action="stop"]');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('gil-playground')?.dataset.outcome === 'stopped');
    expect(await page.locator('.gil-status').innerText()).toMatch(/^Stopped\./);
  });
});
