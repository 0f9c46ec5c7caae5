// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setAdminApi } from '../../../src-renderer/api/admin-client';
import { LockedButton } from '../../../src-renderer/components/LockedButton';
import { useLanguage } from '../../../src-renderer/i18n';
import { CredentialsSection } from '../../../src-renderer/pages/settings/CredentialsSection';
import { SettingsPage } from '../../../src-renderer/pages/settings/SettingsPage';
import { UsersPage } from '../../../src-renderer/pages/users/UsersPage';
import { useUsersStore } from '../../../src-renderer/store/directory-stores';
import { useSettingsStore } from '../../../src-renderer/store/settings-store';
import type { SettingsView } from '../../../src-main/admin/contract';
import { createFakeAdminApi, FAKE_LOCK_REASON, fakeCredential, fakeUser } from './fake-admin-api';
import { installBrowserShims } from './jsdom-setup';

beforeAll(installBrowserShims);
beforeEach(() => {
  useLanguage.setState({ language: 'en' });
  useSettingsStore.setState({ view: null, credentials: null, loadError: null });
  useUsersStore.setState({ page: null, loadError: null, view: { searchMode: 'text', searchText: '', page: 1, pageSize: 20 } });
});
afterEach(cleanup);

const inApp = (node: React.ReactNode) => render(<App>{node}</App>);

describe('edit locks', () => {
  it('disable the action, show a lock, and give the core reason', async () => {
    const onClick = vi.fn();
    inApp(<LockedButton lock={{ Locked: true, LockReason: FAKE_LOCK_REASON, LockReasonCode: 'SynchronizedUser' }} onClick={onClick}>Edit User</LockedButton>);
    const button = screen.getByRole<HTMLButtonElement>('button', { name: /Edit User/ });
    expect(button.disabled).toBe(true);
    expect(button.querySelector('.anticon-lock')).not.toBeNull();
    // The reason is the core's text, reachable by keyboard and screen readers on the wrapper.
    expect(screen.getByLabelText(FAKE_LOCK_REASON).tabIndex).toBe(0);
    fireEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('word the core reason in Chinese when the console is in Chinese, from the reason code', () => {
    useLanguage.setState({ language: 'zh-CN' });
    inApp(<LockedButton lock={{ Locked: true, LockReason: FAKE_LOCK_REASON, LockReasonCode: 'SynchronizedGroup' }}>编辑</LockedButton>);
    const wrapper = screen.getByLabelText(/该用户组由身份提供方通过SCIM同步/);
    expect(wrapper.getAttribute('aria-label')).toContain('不能向其中添加或移除用户');
    expect(screen.queryByLabelText(FAKE_LOCK_REASON)).toBeNull();
  });

  it('leave an unlocked action alone', () => {
    const onClick = vi.fn();
    inApp(<LockedButton lock={{ Locked: false, LockReason: null, LockReasonCode: null }} onClick={onClick}>Edit User</LockedButton>);
    fireEvent.click(screen.getByRole('button', { name: 'Edit User' }));
    expect(onClick).toHaveBeenCalledOnce();
  });
});

describe('the Users page', () => {
  it('shows the Source column, a lock on synced users while sync is on, and no lock on manual users', async () => {
    const fake = createFakeAdminApi({
      syncOn: true,
      users: [fakeUser({ UserName: 'alice@example.com', ProvisionType: 'Synchronized' }), fakeUser({ UserName: 'bob@example.com' })],
    });
    setAdminApi(fake.api);
    inApp(<UsersPage />);
    const aliceRow = (await screen.findByText('alice@example.com')).closest('tr')!;
    const bobRow = screen.getByText('bob@example.com').closest('tr')!;
    expect(within(aliceRow).getByText('SCIM Synchronization')).toBeTruthy();
    expect(within(aliceRow).getByTestId('lock-tag')).toBeTruthy();
    expect(within(aliceRow).getByRole<HTMLButtonElement>('button', { name: /Delete/ }).disabled).toBe(true);
    expect(within(bobRow).getByText('Manual')).toBeTruthy();
    expect(within(bobRow).queryByTestId('lock-tag')).toBeNull();
    expect(within(bobRow).getByRole<HTMLButtonElement>('button', { name: /Delete/ }).disabled).toBe(false);
    // Only one page was asked for, never the whole directory.
    expect(fake.calls.find((c) => c.channel === 'users.list')?.request).toMatchObject({ Offset: 0, Limit: 20 });
  });
});

describe('turning SCIM synchronization on', () => {
  it('shows the drift count and the roll-back explanation in the confirmation', async () => {
    const fake = createFakeAdminApi({
      drift: [
        { ResourceType: 'User', ResourceId: 'u-1', Name: 'alice@example.com', Change: 'Modified', ChangeTime: '2026-11-28T10:00:00Z' },
        { ResourceType: 'User', ResourceId: 'u-2', Name: 'carol@example.com', Change: 'Deleted', ChangeTime: '2026-11-28T10:01:00Z' },
      ],
    });
    setAdminApi(fake.api);
    inApp(<SettingsPage tab="user" />);
    fireEvent.click(await screen.findByRole('switch', { name: 'SCIM Synchronization' }));
    const warning = await screen.findByTestId('drift-warning');
    expect(warning.textContent).toContain('modified or deleted while synchronization was off: 2');
    expect(warning.textContent).toContain('may be automatically rolled back');
    expect(warning.textContent).toContain('carol@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Turn On' }));
    await waitFor(() => expect(fake.state.syncOn).toBe(true));
    await screen.findByText('SCIM synchronization is on.');
  });
});

describe('SCIM credentials', () => {
  it('show a generated secret once, and the core refusal of a third credential', async () => {
    const fake = createFakeAdminApi({ credentials: [fakeCredential('scimcred-aaaaaaaaaaaaaaaaaaaa')] });
    setAdminApi(fake.api);
    await act(() => useSettingsStore.getState().loadCredentials());
    const { rerender } = inApp(<CredentialsSection credentials={useSettingsStore.getState().credentials} />);
    fireEvent.click(screen.getByRole('button', { name: /Generate New SCIM Credential/ }));
    expect(await screen.findByText('SCIM Credential Generated')).toBeTruthy();
    expect(screen.getByTestId('once-secret').textContent).toBe('secret-scimcred-00000000000000000002');
    expect(screen.getByText(/shown only this once/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));

    rerender(<App><CredentialsSection credentials={useSettingsStore.getState().credentials} /></App>);
    fireEvent.click(screen.getByRole('button', { name: /Generate New SCIM Credential/ }));
    expect(await screen.findByText(/at most 2 SCIM credentials/)).toBeTruthy();
    expect(fake.state.credentials).toHaveLength(2);
  });

  it('warn about a credential that expires within 90 days', () => {
    setAdminApi(createFakeAdminApi().api);
    inApp(<CredentialsSection credentials={[fakeCredential('scimcred-bbbbbbbbbbbbbbbbbbbb', { DaysToExpire: 30, ExpiryWarning: true })]} />);
    expect(screen.getByText('Expires in 30 days')).toBeTruthy();
  });

  it('mark the demo IdP\'s temporary credential as the demo\'s, and only that one', () => {
    setAdminApi(createFakeAdminApi().api);
    inApp(<CredentialsSection credentials={[fakeCredential('scimcred-cccccccccccccccccccc'), fakeCredential('scimcred-dddddddddddddddddddd', { DemoIdP: true })]} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]!).queryByText('Demo IdP')).toBeNull();
    expect(within(rows[1]!).getByText('Demo IdP')).toBeTruthy();
  });
});

describe('the HTTPS card', () => {
  const viewWith = async (fake: ReturnType<typeof createFakeAdminApi>, https: Partial<SettingsView['Https']>): Promise<SettingsView> => {
    const current = await fake.api.invoke('settings.get', undefined);
    if (!current.ok) throw new Error(current.error.Message);
    return { ...current.value, Https: { ...current.value.Https, ...https } };
  };

  it('shows why HTTPS could not be turned on, as the server reports it', async () => {
    const fake = createFakeAdminApi();
    const reason = 'HTTPS could not be turned on: --tls-cert /etc/scim.pem expired on 2026-01-31T00:00:00.000Z; clients will refuse it. Use a current certificate.';
    const refused = await viewWith(fake, { Status: 'Enabled', Serving: 'http', Error: reason });
    fake.override('settings.setHttps', async () => ({ ok: true, value: refused }));
    fake.override('tls.caCertificate', async () => ({ ok: true, value: null }));
    setAdminApi(fake.api);
    inApp(<SettingsPage tab="global" />);
    fireEvent.click(await screen.findByRole('switch', { name: 'HTTPS' }));
    expect((await screen.findByTestId('https-error')).textContent).toContain(reason);
    expect(screen.getByTestId('https-serving').textContent).toBe('Serving plain HTTP');
    expect(fake.calls.find((c) => c.channel === 'settings.setHttps')?.request).toEqual({ Status: 'Enabled' });
  });

  it('offers no local CA download while the server uses its own certificate', async () => {
    const fake = createFakeAdminApi();
    const own = await viewWith(fake, { Status: 'Enabled', Serving: 'https', CertificateSource: 'Own', CertificateNotAfter: '2027-06-01T00:00:00.000Z' });
    fake.override('settings.get', async () => ({ ok: true, value: own }));
    setAdminApi(fake.api);
    inApp(<SettingsPage tab="global" />);
    expect(await screen.findByText(/uses your own certificate \(--tls-cert\)/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Download CA certificate/ })).toBeNull();
    expect(fake.calls.some((c) => c.channel === 'tls.caCertificate')).toBe(false);
  });
});
