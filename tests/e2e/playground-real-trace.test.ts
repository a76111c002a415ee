/**
 * A real run brought back into the page (issue 12): the Export menu names the command that
 * records a trace of the program it saves; that trace, recorded by python3, loads and is
 * drawn as one more run on the same time axis; bad files are refused with a message and
 * the runs on show stay.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectErrors, test } from './harness';
import { openEditor, runAndWait, testPage } from './playground-page';
import { realTraceFixture } from '../fixtures/real-trace';

const havePython3 = spawnSync('python3', ['--version']).status === 0;

const captions = (page: Page) => page.locator('.gil-timeline figcaption').allInnerTexts();

/** Choose `path` in the Export menu's "Load a real trace" and wait until the status and messages match `until`. */
async function loadTrace(page: Page, path: string, until: RegExp): Promise<string> {
  await page.setInputFiles('[data-action="load-real-trace"]', path);
  await page.waitForFunction((source) => {
    const shown = `${document.querySelector('.gil-status')?.textContent ?? ''}\n${document.querySelector('.gil-messages')?.textContent ?? ''}`;
    return new RegExp(source).test(shown);
  }, until.source, { timeout: 60_000 });
  return page.locator('.gil-status').innerText();
}

describe('a real trace in the playground', () => {
  test.runIf(havePython3)('the trace of the program the menu saves is drawn below the simulated run; bad files are refused, the runs kept', async ({ site, newPage }) => {
    const page = await newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors = collectErrors(page);
    await page.goto(site.url + testPage);
    await openEditor(page);
    expect(await runAndWait(page)).toBe('done');
    await page.click('.gil-export summary');
    const command = await page.locator('[data-real-trace-command]').innerText();
    expect(command).toBe('python3.12 test-two-threads.py --trace test-two-threads-real-trace.json');

    // Save the program and run it as the menu says (python3 here: the page's runtime need not be installed).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-python"]')]);
    const dir = mkdtempSync(join(tmpdir(), 'gil-lab-real-e2e-'));
    const program = join(dir, download.suggestedFilename());
    writeFileSync(program, readFileSync((await download.path())!));
    const traceFile = join(dir, 'test-two-threads-real-trace.json');
    const run = spawnSync('python3', [program, '--trace', traceFile], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const simulated = await captions(page);

    expect(await loadTrace(page, traceFile, /^Loaded the real run/)).toMatch(/^Loaded the real run: Real CPython 3\./);
    const withReal = await captions(page);
    expect(withReal.slice(0, simulated.length)).toEqual(simulated);
    expect(withReal).toHaveLength(simulated.length + 1);
    expect(withReal.at(-1)).toMatch(/^Real CPython 3\.\d+\.\d+ on .+ \(Linux\) — /);
    // Drawn like any run: a canvas labelled with the real run's threads.
    expect(await page.locator('.gil-timeline canvas').last().getAttribute('aria-label')).toMatch(/^Timeline of Real CPython .*: 3 threads/);

    // Bad files: a message, and the runs on show (simulated and real) stay.
    const bad: [string, string, RegExp][] = [
      ['not-json.json', '{"format": ', /not JSON/],
      ['other.json', JSON.stringify(realTraceFixture('fedcba9876543210', { title: 'Another scenario' })), /another scenario/],
      ['shape.json', JSON.stringify({ format: 'gil-lab-real-trace', version: 1 }), /Not a real trace from GIL Lab/],
    ];
    for (const [name, text, message] of bad) {
      const path = join(dir, name);
      writeFileSync(path, text);
      expect(await loadTrace(page, path, message)).toBe('Could not load the real trace.');
      expect(await page.locator('.gil-messages').innerText()).toMatch(message);
      expect(await captions(page)).toEqual(withReal);
    }
    // Dropped on the results: the same as choosing it; the real run is replaced, not added again.
    const json = readFileSync(traceFile, 'utf8');
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      const results = document.querySelector('.gil-results')!;
      results.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      results.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, json);
    await page.waitForFunction(() => /^Loaded the real run/.test(document.querySelector('.gil-status')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(await captions(page)).toHaveLength(withReal.length);
    expect(errors).toEqual([]);
  });
});
