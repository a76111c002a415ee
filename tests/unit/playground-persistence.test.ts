import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { editKey, isModified, linkId, loadEdit, saveEdit, sharedEditKey } from '../../src/playground/persistence';
import { Workspace } from '../../src/playground/workspace';
import { isRuntimeName } from '../../src/sim/runtimes';
import { memoryStorage } from '../helpers/memory-storage';


/** A Storage that refuses everything, like a browser with storage blocked. */
const blockedStorage = new Proxy({} as Storage, { get: () => () => { throw new DOMException('blocked', 'SecurityError'); } });

const original = { code: 'original', controls: {} };

describe('saved edits', () => {
  test('an edit survives a "reload" (a new load from the same storage)', () => {
    const storage = memoryStorage();
    expect(saveEdit(storage, editKey('a/b'), { code: 'edited', controls: { cpus: 4 }, base: original, now: 5 })).toBe(true);
    expect(loadEdit(storage, editKey('a/b'))).toEqual({ kind: 'edit', edit: { code: 'edited', controls: { cpus: 4 }, savedAt: 5 }, dropped: [] });
    expect(loadEdit(storage, editKey('other'))).toEqual({ kind: 'none' });
  });

  test('going back to the base forgets the entry', () => {
    const storage = memoryStorage();
    saveEdit(storage, editKey('a'), { code: 'edited', controls: {}, base: original, now: 1 });
    saveEdit(storage, editKey('a'), { code: 'original', controls: {}, base: original, now: 2 });
    expect(storage.getItem(editKey('a'))).toBeNull();
  });

  test('corrupt or blocked storage loses nothing and throws nothing', () => {
    const storage = memoryStorage();
    storage.setItem(editKey('a'), '{not json');
    expect(loadEdit(storage, editKey('a'))).toEqual({ kind: 'damaged' });
    expect(storage.getItem(editKey('a'))).toBe('{not json');
    expect(loadEdit(blockedStorage, editKey('a'))).toEqual({ kind: 'none' });
    expect(saveEdit(blockedStorage, editKey('a'), { code: 'x', controls: {}, base: original, now: 1 })).toBe(false);
  });

  test('stored settings naming an unknown runtime are dropped and named; the code and the other settings load', () => {
    const storage = memoryStorage();
    storage.setItem(editKey('a'), JSON.stringify({ code: 'mine', controls: { runtime: 'cpython-2.8-renamed', cpus: 4, seed: 'x' }, savedAt: 3 }));
    expect(loadEdit(storage, editKey('a'))).toEqual({
      kind: 'edit',
      edit: { code: 'mine', controls: { cpus: 4 }, savedAt: 3 },
      dropped: [expect.stringMatching(/Unknown runtime "cpython-2.8-renamed"/), expect.stringMatching(/seed/)],
    });
  });

  test('an edit saved with the one "interval" control loads into the control that meant: check interval on the old GIL, switch interval on the new', () => {
    const storage = memoryStorage();
    const oldGil = 'defineScenario({ runtime: "cpython-2.7", *main() {} })';
    storage.setItem(editKey('old'), JSON.stringify({ code: oldGil, controls: { interval: 50, seed: 2 }, savedAt: 1 }));
    storage.setItem(editKey('new'), JSON.stringify({ code: oldGil, controls: { runtime: 'cpython-3.12', interval: 0.5 }, savedAt: 1 }));
    storage.setItem(editKey('none'), JSON.stringify({ code: 'no runtime named', controls: { interval: 2 }, savedAt: 1 }));
    expect(loadEdit(storage, editKey('old'))).toEqual({ kind: 'edit', edit: { code: oldGil, controls: { checkInterval: 50, seed: 2 }, savedAt: 1 }, dropped: [] });
    expect(loadEdit(storage, editKey('new'))).toEqual({ kind: 'edit', edit: { code: oldGil, controls: { runtime: 'cpython-3.12', switchIntervalMs: 0.5 }, savedAt: 1 }, dropped: [] });
    // No runtime named: the default runtime's (new GIL) switch interval.
    expect(loadEdit(storage, editKey('none'))).toMatchObject({ kind: 'edit', edit: { controls: { switchIntervalMs: 2 } } });
  });

  test('random stored JSON never throws and always yields valid settings', () => {
    const entry = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ code: fc.oneof(fc.string(), fc.jsonValue()), controls: fc.oneof(fc.jsonValue(), fc.record({ runtime: fc.oneof(fc.string(), fc.constantFrom('cpython-2.7', '__proto__', 'constructor')), cpus: fc.jsonValue(), interval: fc.jsonValue(), switchIntervalMs: fc.jsonValue(), checkInterval: fc.jsonValue(), seed: fc.jsonValue() }, { requiredKeys: [] })), savedAt: fc.jsonValue() }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      fc.string(),
    );
    fc.assert(fc.property(entry, (text) => {
      const storage = memoryStorage();
      storage.setItem(editKey('a'), text);
      const loaded = loadEdit(storage, editKey('a'));
      if (loaded.kind !== 'edit') return;
      expect(typeof loaded.edit.code).toBe('string');
      const { runtime, cpus, switchIntervalMs, checkInterval, seed, ...rest } = loaded.edit.controls;
      expect(rest).toEqual({});
      if (runtime !== undefined) expect(isRuntimeName(runtime)).toBe(true);
      if (cpus !== undefined) expect(Number.isInteger(cpus) && cpus >= 1 && cpus <= 64).toBe(true);
      if (switchIntervalMs !== undefined) expect(switchIntervalMs > 0 && switchIntervalMs <= 10_000).toBe(true);
      if (checkInterval !== undefined) expect(Number.isInteger(checkInterval) && checkInterval >= 0 && checkInterval <= 10_000).toBe(true);
      if (seed !== undefined) expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
      expect(Number.isFinite(loaded.edit.savedAt)).toBe(true);
      // And a workspace built on it starts, with Reset working.
      const workspace = new Workspace('a', 'original', storage);
      workspace.reset();
      expect(workspace.code).toBe('original');
    }), { numRuns: 1000 });
  });

  test('a link with one interval setting keeps the id it had before the interval control was split, so edits to it come back', () => {
    // Made by linkId when the settings were { runtime: 'cpython-2.7', interval: 50, seed: 3 }.
    expect(linkId('shared code', { runtime: 'cpython-2.7', checkInterval: 50, seed: 3 })).toBe('196alyhg8atgj');
    expect(linkId('c', { switchIntervalMs: 5 })).not.toBe(linkId('c', { switchIntervalMs: 5, checkInterval: 5 }));
    expect(linkId('c', { checkInterval: 5 })).not.toBe(linkId('c', { checkInterval: 6 }));
  });

  test('modified means different code or any control set', () => {
    expect(isModified('a', {}, 'a')).toBe(false);
    expect(isModified('b', {}, 'a')).toBe(true);
    expect(isModified('a', { cpus: 2 }, 'a')).toBe(true);
  });
});

describe('workspace', () => {
  test('starts from the saved edit, and Reset can be undone', () => {
    const storage = memoryStorage();
    new Workspace('s', 'original', storage).setCode('mine');
    const workspace = new Workspace('s', 'original', storage);
    expect(workspace.code).toBe('mine');
    expect(workspace.loaded).toEqual({ restored: true, problems: [] });
    expect(workspace.modified).toBe(true);
    workspace.reset();
    expect(workspace.code).toBe('original');
    expect(workspace.modified).toBe(false);
    expect(new Workspace('s', 'original', storage).code).toBe('original');
    expect(workspace.canUndoReset).toBe(true);
    expect(workspace.undoReset()?.code).toBe('mine');
    expect(new Workspace('s', 'original', storage).code).toBe('mine');
    expect(workspace.canUndoReset).toBe(false);
  });

  test('a new edit after Reset drops the undo', () => {
    const workspace = new Workspace('s', 'original', memoryStorage());
    workspace.setCode('mine');
    workspace.reset();
    workspace.setCode('other');
    expect(workspace.canUndoReset).toBe(false);
  });

  test('a damaged entry or invalid stored settings load the rest and say what was wrong', () => {
    const storage = memoryStorage();
    storage.setItem(editKey('s'), JSON.stringify({ code: 'mine', controls: { runtime: 'cpython-9' } }));
    const workspace = new Workspace('s', 'original', storage);
    expect(workspace.code).toBe('mine');
    expect(workspace.controls).toEqual({});
    expect(workspace.loaded.problems).toEqual([expect.stringMatching(/not valid.*Unknown runtime "cpython-9"/)]);
    storage.setItem(editKey('t'), 'null');
    const damaged = new Workspace('t', 'original', storage);
    expect(damaged.code).toBe('original');
    expect(damaged.loaded.problems).toEqual([expect.stringMatching(/could not be read/)]);
  });
});

describe('workspace with a share link', () => {
  const withOwnEdit = () => {
    const storage = memoryStorage();
    new Workspace('s', 'original', storage).setCode('mine');
    return storage;
  };

  test('typing and changing settings on shared code never touch the reader\'s own edit', () => {
    const storage = withOwnEdit();
    const workspace = new Workspace('s', 'original', storage);
    workspace.openLink('shared code', { cpus: 8 });
    expect(workspace.code).toBe('shared code');
    expect(workspace.fromLink).toBe(true);
    workspace.setCode('shared code, edited');
    workspace.setControls({ cpus: 4 });
    expect(new Workspace('s', 'original', storage).code).toBe('mine');
    expect(storage.getItem(sharedEditKey('s', linkId('shared code', { cpus: 8 })))).toContain('shared code, edited');
  });

  test('Reset on shared code shows the original and its undo brings the shared code back; the own edit stays', () => {
    const storage = withOwnEdit();
    const workspace = new Workspace('s', 'original', storage);
    workspace.openLink('shared code', {});
    workspace.reset();
    expect(workspace.code).toBe('original');
    expect(new Workspace('s', 'original', storage).code).toBe('mine');
    expect(workspace.undoReset()?.code).toBe('shared code');
    expect(workspace.code).toBe('shared code');
    expect(new Workspace('s', 'original', storage).code).toBe('mine');
  });

  test('the same link opened again brings back the changes made to it (a reload); another link starts clean', () => {
    const storage = withOwnEdit();
    const first = new Workspace('s', 'original', storage);
    first.openLink('shared code', {});
    first.setCode('shared code, edited');
    const again = new Workspace('s', 'original', storage);
    expect(again.openLink('shared code', {})).toEqual({ restored: true, problems: [] });
    expect(again.code).toBe('shared code, edited');
    const other = new Workspace('s', 'original', storage);
    expect(other.openLink('other shared code', {}).restored).toBe(false);
    expect(other.code).toBe('other shared code');
    // Reset on a link persists too: a reload of the same link shows the original.
    again.reset();
    const reloaded = new Workspace('s', 'original', storage);
    reloaded.openLink('shared code', {});
    expect(reloaded.code).toBe('original');
  });

  test('back from the link shows the own edit again; "keep" makes the shared code the own edit', () => {
    const storage = withOwnEdit();
    const workspace = new Workspace('s', 'original', storage);
    workspace.openLink('shared code', { seed: 3 });
    expect(workspace.hasOwnEdit).toBe(true);
    expect(workspace.leaveLink()).toEqual({ restored: true, problems: [] });
    expect(workspace.code).toBe('mine');
    expect(workspace.fromLink).toBe(false);
    workspace.openLink('shared code', { seed: 3 });
    expect(workspace.keepAsOwn()).toBe(true);
    expect(workspace.fromLink).toBe(false);
    const reloaded = new Workspace('s', 'original', storage);
    expect([reloaded.code, reloaded.controls]).toEqual(['shared code', { seed: 3 }]);
  });
});
