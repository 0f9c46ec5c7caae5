import type { FastifyInstance } from 'fastify';
import { resourceTypes, schemas, serviceProviderConfig } from '../discovery';
import { ScimError } from '../errors';
import type { ScimAppOptions } from '../http/app';
import { LIST_SCHEMA } from '../schema-urns';

const listOf = (resources: object[]) => ({ schemas: [LIST_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });

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
