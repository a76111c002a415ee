/**
 * Share links: the code, the control settings, the simulator version and the seed,
 * compressed into the URL hash behind a versioned prefix (`#gil1/…`). Old prefixes
 * must keep decoding when the format changes: add a new prefix, keep the old branch.
 * Pure: the reader of the hash takes `location` as a parameter so tests can drive it.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { parseControls, type RunControls } from './controls';

/** Everything a share link carries. */
export interface SharedPlayground {
  /** Which scenario the code started from (a `data-scenario-id`). */
  scenarioId: string;
  code: string;
  controls: RunControls;
  /** Simulator version the link was made with. */
  simVersion: string;
  /** Seed in effect when shared (also in `controls.seed` when the reader set one). */
  seed?: number;
}

/** Prefix of the current format. */
export const sharePrefix = '#gil1/';

/** The hash for a shared playground (starts with `#`). */
export function encodeShare(shared: SharedPlayground): string {
  const payload = { s: shared.scenarioId, c: shared.code, k: shared.controls, v: shared.simVersion, r: shared.seed };
  return sharePrefix + compressToEncodedURIComponent(JSON.stringify(payload));
}

export type DecodedShare =
  | { kind: 'none' }
  | { kind: 'shared'; shared: SharedPlayground }
  | { kind: 'invalid'; message: string };

/** Read a share link from a location's hash; `none` when the hash is not one. */
export function decodeShare(location: Pick<Location, 'hash'>): DecodedShare {
  const hash = location.hash;
  if (!hash.startsWith('#gil')) return { kind: 'none' };
  if (!hash.startsWith(sharePrefix)) {
    return { kind: 'invalid', message: 'This share link was made by a newer version of the site (unknown format).' };
  }
  const json = decompressFromEncodedURIComponent(hash.slice(sharePrefix.length));
  if (!json) return { kind: 'invalid', message: 'This share link is damaged (it does not decompress); was it cut short?' };
  let payload: { s?: unknown; c?: unknown; k?: unknown; v?: unknown; r?: unknown };
  try {
    payload = JSON.parse(json);
  } catch {
    return { kind: 'invalid', message: 'This share link is damaged (bad JSON).' };
  }
  if (typeof payload.c !== 'string' || typeof payload.s !== 'string') {
    return { kind: 'invalid', message: 'This share link has no code in it.' };
  }
  const raw = (payload.k && typeof payload.k === 'object' ? payload.k : {}) as Record<string, unknown>;
  const parsed = parseControls({
    runtime: raw.runtime === undefined ? '' : String(raw.runtime),
    cpus: raw.cpus === undefined ? '' : String(raw.cpus),
    interval: raw.interval === undefined ? '' : String(raw.interval),
    seed: raw.seed === undefined ? '' : String(raw.seed),
  });
  return {
    kind: 'shared',
    shared: {
      scenarioId: payload.s,
      code: payload.c,
      // A link edited by hand may carry bad settings: keep the code, drop the settings.
      controls: parsed.ok ? parsed.controls : {},
      simVersion: typeof payload.v === 'string' ? payload.v : 'unknown',
      seed: typeof payload.r === 'number' ? payload.r : undefined,
    },
  };
}

/** The page URL with a share hash (for the clipboard). */
export function shareUrl(location: Pick<Location, 'origin' | 'pathname' | 'search'>, shared: SharedPlayground): string {
  return location.origin + location.pathname + location.search + encodeShare(shared);
}
