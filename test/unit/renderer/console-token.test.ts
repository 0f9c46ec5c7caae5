import { describe, expect, it } from 'vitest';
import { hashWithoutToken, readTokenFromHash, takeConsoleToken, TOKEN_STORAGE_KEY } from '../../../src-renderer/api/console-token';

class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string) { return this.items.get(key) ?? null; }
  setItem(key: string, value: string) { this.items.set(key, value); }
  removeItem(key: string) { this.items.delete(key); }
  clear() { this.items.clear(); }
  key() { return null; }
  get length() { return this.items.size; }
}

function recordingHistory() {
  const urls: string[] = [];
  return { urls, replaceState: (_data: unknown, _unused: string, url?: string) => { urls.push(url ?? ''); } };
}

describe('the console token handed over in the URL', () => {
  it('is read from #token=… as serve prints it', () => {
    expect(readTokenFromHash('#token=abc-DEF_123')).toBe('abc-DEF_123');
    expect(readTokenFromHash('#/users&token=xyz')).toBe('xyz');
    expect(readTokenFromHash('#/users')).toBeNull();
    expect(readTokenFromHash('')).toBeNull();
  });

  it('is removed from the address bar but a route next to it is kept', () => {
    expect(hashWithoutToken('#token=abc')).toBe('');
    expect(hashWithoutToken('#/activity&token=abc')).toBe('#/activity');
  });

  it('moves into sessionStorage and out of the visible URL', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const history = recordingHistory();
    const token = takeConsoleToken({ hash: '#token=s3cret', pathname: '/', search: '' }, storage, history);
    expect(token).toBe('s3cret');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('s3cret');
    expect(history.urls).toEqual(['/']);
    expect(history.urls[0]).not.toContain('s3cret');
  });

  it('survives a reload of the scrubbed URL, and is absent in a fresh tab', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    takeConsoleToken({ hash: '#token=first', pathname: '/', search: '' }, storage, recordingHistory());
    const history = recordingHistory();
    expect(takeConsoleToken({ hash: '#/users', pathname: '/', search: '' }, storage, history)).toBe('first');
    expect(history.urls).toEqual([]);
    expect(takeConsoleToken({ hash: '', pathname: '/', search: '' }, new MemoryStorage() as unknown as Storage, recordingHistory())).toBeNull();
  });

  it('is replaced when the server is restarted with a new token', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    takeConsoleToken({ hash: '#token=old', pathname: '/', search: '' }, storage, recordingHistory());
    expect(takeConsoleToken({ hash: '#token=new', pathname: '/', search: '' }, storage, recordingHistory())).toBe('new');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('new');
  });
});
