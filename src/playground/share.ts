/**
 * Share links: the code, the control settings, the simulator version and the seed,
 * compressed into the URL hash behind a versioned prefix (`#gil2/…`). Old prefixes
 * must keep decoding when the format changes: add a new prefix, keep the old branch.
 * `#gil1/` links held one `interval` setting, the switch or the check interval by
 * the runtime; `#gil2/` links hold `switchIntervalMs` and `checkInterval` apart.
 * Pure: the reader of the hash takes `location` as a parameter so tests can drive it.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { controlsFromUnknown, declaredRuntime, type RunControls } from './controls';

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
export const sharePrefix = '#gil2/';
/** Prefix of the format before the interval control was split (still opened). */
export const legacySharePrefix = '#gil1/';

/** The hash for a shared playground (starts with `#`). */
export function encodeShare(shared: SharedPlayground): string {
  const payload = { s: shared.scenarioId, c: shared.code, k: shared.controls, v: shared.simVersion, r: shared.seed };
  return sharePrefix + compressToEncodedURIComponent(JSON.stringify(payload));
}

/**
 * The longest hash a link may have. lz-string output can expand quadratically (a
 * 16 KB hash can hold tens of millions of characters), so a hostile link is refused
 * before it is decompressed; real scenarios make hashes of 1–10 KB.
 */
export const maxShareHash = 16_384;
/** The longest payload (JSON) a link may decompress to. */
const maxPayload = 200_000;

export type DecodedShare =
  | { kind: 'none' }
  /** `dropped`: settings in the link that were not valid, left out (for a notice). */
  | { kind: 'shared'; shared: SharedPlayground; dropped: string[] }
  | { kind: 'invalid'; message: string };

/** Read a share link from a location's hash; `none` when the hash is not one. Never throws. */
export function decodeShare(location: Pick<Location, 'hash'>): DecodedShare {
  const hash = location.hash;
  if (!hash.startsWith('#gil')) return { kind: 'none' };
  const prefix = [sharePrefix, legacySharePrefix].find((known) => hash.startsWith(known));
  if (!prefix) {
    return { kind: 'invalid', message: 'This share link was made by a newer version of the site (unknown format).' };
  }
  if (hash.length > maxShareHash) return { kind: 'invalid', message: 'This share link is too long to open (over 16 KB).' };
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(hash.slice(prefix.length));
  } catch {
    // lz-string throws on some malformed input (about 3% of random strings) instead of returning null.
    json = null;
  }
  if (!json) return { kind: 'invalid', message: 'This share link is damaged (it does not decompress); was it cut short?' };
  if (json.length > maxPayload) return { kind: 'invalid', message: 'This share link holds too much to open.' };
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return { kind: 'invalid', message: 'This share link is damaged (bad JSON).' };
  }
  const fields = (payload && typeof payload === 'object' ? payload : {}) as { s?: unknown; c?: unknown; k?: unknown; v?: unknown; r?: unknown };
  if (typeof fields.c !== 'string' || typeof fields.s !== 'string') {
    return { kind: 'invalid', message: 'This share link has no code in it.' };
  }
  // A link edited by hand may carry bad settings: keep the code and the valid settings.
  const legacy = prefix === legacySharePrefix ? { scenarioRuntime: declaredRuntime(fields.c) } : undefined;
  const { controls, dropped } = controlsFromUnknown(fields.k, legacy);
  return {
    kind: 'shared',
    shared: {
      scenarioId: fields.s,
      code: fields.c,
      controls,
      simVersion: typeof fields.v === 'string' ? fields.v.slice(0, 40) : 'unknown',
      seed: typeof fields.r === 'number' && Number.isFinite(fields.r) ? fields.r : undefined,
    },
    dropped,
  };
}

/** The page URL with a share hash (for the clipboard), or why there is none. */
export function shareUrl(location: Pick<Location, 'origin' | 'pathname' | 'search'>, shared: SharedPlayground): { ok: true; url: string } | { ok: false; message: string } {
  const hash = encodeShare(shared);
  if (hash.length > maxShareHash) {
    return { ok: false, message: `This code is too long for a share link (${Math.ceil(hash.length / 1024)} KB compressed, at most 16 KB): export it instead.` };
  }
  return { ok: true, url: location.origin + location.pathname + location.search + hash };
}

/**
 * What the page says on opening a link: nothing has run, whether the simulator
 * differs from the link's, and which of its settings were dropped.
 */
export function openedLinkNotices(shared: SharedPlayground, dropped: readonly string[], context: { simVersion: string; restored: boolean }): string[] {
  const version = shared.simVersion !== context.simVersion ? ` (made with simulator ${shared.simVersion}; this is ${context.simVersion}, results may differ)` : '';
  return [
    `Opened from a share link${version}. Nothing has run: press Run when you are ready.${context.restored ? ' Your changes to this shared code are back.' : ''}`,
    ...(dropped.length ? [`Some settings in the link were not valid and are not used: ${dropped.join(' ')}`] : []),
  ];
}
