// The one place the console calls the AdminApi. Errors become exceptions carrying the core's structured
// error, so pages can show the core's own Message (and a lock's reason) without re-deriving anything.
import type { AdminApi, AdminChannel, AdminError, AdminRequest, AdminResponse } from '../../src-main/admin/contract';
import { useLanguage, wordCoreError } from '../i18n';

export class AdminCallError extends Error {
  constructor(readonly channel: AdminChannel, readonly error: AdminError) {
    super(error.Message);
    this.name = 'AdminCallError';
  }

  get code() {
    return this.error.Code;
  }
}

let current: AdminApi | null = null;

export function setAdminApi(api: AdminApi | null): void {
  current = api;
}

export function getAdminApi(): AdminApi {
  if (!current) throw new Error('The console is not connected to CloudSSO Local yet.');
  return current;
}

/** Calls a channel and returns its value, or throws AdminCallError with the core's message. */
export async function adminCall<C extends AdminChannel>(channel: C, ...args: AdminRequest<C> extends void ? [] : [AdminRequest<C>]): Promise<AdminResponse<C>> {
  const result = await getAdminApi().invoke(channel, args[0] as AdminRequest<C>);
  if (!result.ok) throw new AdminCallError(channel, result.error);
  return result.value;
}

/** A readable message for anything a call may throw, in the console's current language. */
export function errorMessage(error: unknown): string {
  if (error instanceof AdminCallError) return wordCoreError(useLanguage.getState().language, error.error);
  if (error instanceof Error) return error.message;
  return String(error);
}
