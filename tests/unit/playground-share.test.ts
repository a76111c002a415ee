import { describe, expect, test } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeShare, encodeShare, sharePrefix, shareUrl, type SharedPlayground } from '../../src/playground/share';

const shared: SharedPlayground = {
  scenarioId: 'two-cpus/gil-battle',
  code: 'import { defineScenario, py } from "gilsim";\nexport default defineScenario({ *main() { yield py(1e6); } }); // ünïcödé </script>',
  controls: { runtime: 'cpython-2.7', cpus: 4, interval: 100, seed: 7 },
  simVersion: '0.1.0',
  seed: 7,
};

describe('share links', () => {
  test('round-trip the code, controls, simulator version and seed through the hash', () => {
    const hash = encodeShare(shared);
    expect(hash.startsWith(sharePrefix)).toBe(true);
    expect(decodeShare({ hash })).toEqual({ kind: 'shared', shared });
  });

  test('the URL keeps the page and puts everything in the hash', () => {
    const url = shareUrl({ origin: 'https://example.org', pathname: '/gil-lab/two-cpus/', search: '' }, shared);
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/gil-lab/two-cpus/');
    expect(decodeShare({ hash: parsed.hash })).toEqual({ kind: 'shared', shared });
  });

  test('an ordinary hash is not a share link', () => {
    expect(decodeShare({ hash: '' })).toEqual({ kind: 'none' });
    expect(decodeShare({ hash: '#the-gil' })).toEqual({ kind: 'none' });
  });

  test('an unknown format version says so instead of guessing', () => {
    const result = decodeShare({ hash: '#gil9/abc' });
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.message).toMatch(/newer version/);
  });

  test('a truncated link is reported as damaged', () => {
    const hash = encodeShare(shared);
    const result = decodeShare({ hash: hash.slice(0, sharePrefix.length + 10) });
    expect(result.kind).toBe('invalid');
  });

  test('hand-edited bad settings are dropped but the code is kept', () => {
    const payload = { s: 'x', c: 'code', k: { cpus: 500, runtime: 'cpython-9' }, v: '0.1.0' };
    const result = decodeShare({ hash: sharePrefix + compressToEncodedURIComponent(JSON.stringify(payload)) });
    expect(result).toEqual({ kind: 'shared', shared: { scenarioId: 'x', code: 'code', controls: {}, simVersion: '0.1.0', seed: undefined } });
  });
});
