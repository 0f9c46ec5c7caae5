import { describe, expect, it } from 'vitest';
import { NonceStore } from '../../../src-main/openapi/nonce-store';

describe('the signature nonce store', () => {
  it('refuses a nonce used again with the same key inside the window, not with another key', () => {
    const nonces = new NonceStore(30 * 60_000);
    expect(nonces.claim('LTAI5tA', 'n1', 0)).toBe(true);
    expect(nonces.claim('LTAI5tA', 'n1', 29 * 60_000)).toBe(false);
    expect(nonces.claim('LTAI5tB', 'n1', 1000)).toBe(true);
  });

  it('forgets a nonce once no timestamp could still carry it', () => {
    const nonces = new NonceStore(30 * 60_000);
    nonces.claim('k', 'n', 0);
    expect(nonces.claim('k', 'n', 30 * 60_000 + 1)).toBe(true);
  });

  it('stays bounded: past its capacity the oldest nonce is forgotten first', () => {
    const nonces = new NonceStore(60_000, 3);
    for (const n of ['a', 'b', 'c', 'd']) expect(nonces.claim('k', n, 0)).toBe(true);
    expect(nonces.claim('k', 'a', 1)).toBe(true); // evicted to make room for d
    expect(nonces.claim('k', 'd', 1)).toBe(false);
  });
});
