import type { FastifyInstance } from 'fastify';
import { resourceTypes, schemas, serviceProviderConfig } from '../discovery';
import { ScimError } from '../errors';
import type { ScimAppOptions } from '../http/app';
import { listResponse } from './list-response';

const listOf = <T>(resources: T[]) => listResponse({ total: resources.length, items: resources }, 1, (r) => r);

export function registerDiscoveryRoutes(app: FastifyInstance, options: ScimAppOptions): void {
  app.get('/ServiceProviderConfig', { config: { public: true } }, async () => serviceProviderConfig(options.baseUrl()));
  app.get('/ResourceTypes', async () => listOf(resourceTypes(options.baseUrl())));
  app.get<{ Params: { id: string } }>('/ResourceTypes/:id', async (req) => {
    const found = resourceTypes(options.baseUrl()).find((r) => r.id.toLowerCase() === req.params.id.toLowerCase());
    if (!found) throw new ScimError(404, `No resource type ${req.params.id}. This server serves User and Group.`);
    return found;
  });
  app.get('/Schemas', async () => listOf(schemas(options.baseUrl())));
  app.get<{ Params: { id: string } }>('/Schemas/:id', async (req) => {
    const found = schemas(options.baseUrl()).find((s) => s.id.toLowerCase() === req.params.id.toLowerCase());
    if (!found) throw new ScimError(404, `No schema ${req.params.id}.`);
    return found;
  });
}
