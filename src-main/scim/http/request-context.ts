// What a SCIM request learns along the way, for the provisioning log.
export interface ScimRequestContext {
  startedAt: bigint;
  credentialId: string | null;
  resourceType: 'User' | 'Group' | null;
  touched: string[];
  outcome: string | null;
  injected: boolean;
  /** A failure fault injection chose for this request, answered once the body and credential are known. */
  pendingFault: Error | null;
  responseBody: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    scim: ScimRequestContext;
  }
}

export const newContext = (): ScimRequestContext => ({
  startedAt: process.hrtime.bigint(),
  credentialId: null,
  resourceType: null,
  touched: [],
  outcome: null,
  injected: false,
  pendingFault: null,
  responseBody: null,
});
