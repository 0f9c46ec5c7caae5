// What the provisioning log keeps of an OpenAPI answer: secrets never, and a list page without the cost of
// parsing and re-serialising it.
import { describe, expect, it } from 'vitest';
import { redactAnswer } from '../../../src-main/openapi/redact';

describe('redactAnswer', () => {
  it('replaces every secret field of an answer that names one, at any depth', () => {
    const created = JSON.stringify({ RequestId: 'R', SCIMServerCredential: { CredentialId: 'scimcred-x', CredentialSecret: 'top-secret-value' } });
    const logged = redactAnswer(created)!;
    expect(logged).not.toContain('top-secret-value');
    expect(JSON.parse(logged)).toEqual({ RequestId: 'R', SCIMServerCredential: { CredentialId: 'scimcred-x', CredentialSecret: '[redacted]' } });
    expect(redactAnswer(JSON.stringify({ NewPassword: 'Pa55word!x' }))).not.toContain('Pa55word!x');
    expect(redactAnswer('{"NewPassword" : "Pa55word!x"')).toBe('[redacted: an answer naming a secret field that is not JSON]');
  });

  it('keeps an answer that names no secret field exactly as sent (a list page is not parsed again)', () => {
    const page = JSON.stringify({ RequestId: 'R', Users: Array.from({ length: 100 }, (_, i) => ({ UserId: `u-${i}`, UserName: `user${i}`, Description: 'Password policy: see wiki' })) });
    expect(redactAnswer(page)).toBe(page);
    expect(redactAnswer(null)).toBeNull();
  });
});
