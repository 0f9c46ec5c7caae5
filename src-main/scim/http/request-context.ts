// What a SCIM request learns along the way, for the provisioning log.
export interface ScimRequestContext {
  startedAt: bigint;
  credentialId: string | null;
  resourceType: 'User' | 'Group' | null;
  touched: string[];
  outcome: string | null;
  injected: boolean;
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
  responseBody: null,
});
