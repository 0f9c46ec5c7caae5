// Transport 1: Electron. The preload exposes one method per channel on window.cloudssoAdmin.
import type { AdminApi, AdminChannel, AdminRequest, AdminResponse, AdminResult, PreloadAdminApi } from '../../src-main/admin/contract';

export function createPreloadAdminApi(preload: PreloadAdminApi): AdminApi {
  return {
    invoke<C extends AdminChannel>(channel: C, request: AdminRequest<C>): Promise<AdminResult<AdminResponse<C>>> {
      const method = preload[channel] as (request: AdminRequest<C>) => Promise<AdminResult<AdminResponse<C>>>;
      if (typeof method !== 'function') {
        return Promise.resolve({ ok: false, error: { Code: 'Internal', Message: `The desktop shell does not offer "${channel}".` } });
      }
      return method(request);
    },
    onChange: (listener) => preload.onChange(listener),
  };
}
