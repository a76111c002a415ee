import { describe, expect, test } from 'vitest';
import { editKey, isModified, loadEdit, saveEdit } from '../../src/playground/persistence';
import { Workspace } from '../../src/playground/workspace';

/** An in-memory Storage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

/** A Storage that refuses everything, like a browser with storage blocked. */
const blockedStorage = new Proxy({} as Storage, { get: () => () => { throw new DOMException('blocked', 'SecurityError'); } });

describe('saved edits', () => {
  test('an edit survives a "reload" (a new load from the same storage)', () => {
    const storage = memoryStorage();
    expect(saveEdit(storage, 'a/b', { code: 'edited', controls: { cpus: 4 }, original: 'original', now: 5 })).toBe(true);
    expect(loadEdit(storage, 'a/b')).toEqual({ code: 'edited', controls: { cpus: 4 }, savedAt: 5 });
    expect(loadEdit(storage, 'other')).toBeUndefined();
  });

  test('going back to the original forgets the entry', () => {
    const storage = memoryStorage();
    saveEdit(storage, 'a', { code: 'edited', controls: {}, original: 'original', now: 1 });
    saveEdit(storage, 'a', { code: 'original', controls: {}, original: 'original', now: 2 });
    expect(storage.getItem(editKey('a'))).toBeNull();
  });

  test('corrupt or blocked storage loses nothing and throws nothing', () => {
    const storage = memoryStorage();
    storage.setItem(editKey('a'), '{not json');
    expect(loadEdit(storage, 'a')).toBeUndefined();
    expect(loadEdit(blockedStorage, 'a')).toBeUndefined();
    expect(saveEdit(blockedStorage, 'a', { code: 'x', controls: {}, original: 'y', now: 1 })).toBe(false);
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

  test('code from a share link is shown but not saved over the reader\'s edit', () => {
    const storage = memoryStorage();
    new Workspace('s', 'original', storage).setCode('mine');
    const workspace = new Workspace('s', 'original', storage);
    workspace.adopt('shared code', { cpus: 8 });
    expect(workspace.code).toBe('shared code');
    expect(new Workspace('s', 'original', storage).code).toBe('mine');
  });
});
