import { badRequest } from './errors';
import { isObject, type Json } from './normalize';
import { findPrototypeKey, namesPrototype, PROTOTYPE_RULE } from './prototype-keys';
import { PATCH_SCHEMA } from './schema-urns';

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: Json;
}

const MAX_OPERATIONS = 1000;

/** Validates a PatchOp body (RFC 7644 §3.5.2). `op` is case-insensitive because Entra sends "Replace", "Add". */
export function readPatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The request body must be a JSON object (a SCIM PatchOp).');
  const schemas = body.schemas;
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA))) {
    throw badRequest('invalidSyntax', `schemas must contain ${PATCH_SCHEMA}.`);
  }
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops) || ops.length === 0) throw badRequest('invalidSyntax', 'Operations must be a non-empty array.');
  if (ops.length > MAX_OPERATIONS) throw badRequest('tooMany', `At most ${MAX_OPERATIONS} operations per PATCH request.`);
  return ops.map((raw, i) => {
    if (!isObject(raw)) throw badRequest('invalidSyntax', `Operations[${i}] must be an object.`);
    const op = typeof raw.op === 'string' ? raw.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw badRequest('invalidSyntax', `Operations[${i}].op must be add, replace or remove (got ${JSON.stringify(raw.op ?? null).slice(0, 40)}).`);
    }
    if (raw.path !== undefined && raw.path !== null && (typeof raw.path !== 'string' || raw.path.trim() === '')) {
      throw badRequest('invalidPath', `Operations[${i}].path must be a non-empty string.`);
    }
    const path = typeof raw.path === 'string' ? raw.path.trim() : undefined;
    if (path !== undefined && namesPrototype(path)) {
      throw badRequest('invalidPath', `Operations[${i}].path ${PROTOTYPE_RULE}.`);
    }
    // the HTTP body parser refuses these already; the engine can be reached without it (CLI, tests, future adapters)
    const protoKey = findPrototypeKey(raw.value, `Operations[${i}].value`);
    if (protoKey !== null) throw badRequest('invalidValue', `The key ${protoKey} ${PROTOTYPE_RULE}.`);
    if (op !== 'remove' && raw.value === undefined) throw badRequest('invalidValue', `Operations[${i}] (${op}) needs a value.`);
    if (op === 'remove' && path === undefined) throw badRequest('noTarget', `Operations[${i}] (remove) needs a path.`);
    if (op !== 'remove' && path === undefined && !isObject(raw.value)) {
      throw badRequest('invalidValue', `Operations[${i}] (${op}) without a path needs an object value.`);
    }
    return { op, ...(path !== undefined ? { path } : {}), ...(raw.value !== undefined ? { value: raw.value } : {}) };
  });
}
