import { isCoreError } from '../core/errors';

/** An answer in Alibaba Cloud's common error shape: HTTP status + {RequestId, HostId, Code, Message, Recommend}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The kind of object an action is about: names the code of a refusal (EntityNotExists.User …). */
export type Entity = 'Directory' | 'User' | 'Group' | 'SCIMCredential' | 'GroupMember' | 'PasswordPolicy';

export const missingParameter = (name: string) => new ApiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
export const invalidParameter = (name: string, why: string) => new ApiError(400, `InvalidParameter.${name}`, `The parameter ${name} is invalid: ${why}`);
export const entityNotExists = (entity: Entity, id: string) => new ApiError(404, `EntityNotExists.${entity}`, `The specified ${entity} ${id} does not exist.`);

/** The core's refusals in the API's words. Codes the Terraform provider matches (EntityNotExists.*) are kept exactly;
 *  the others are the emulator's choice (docs/openapi.md lists them). */
export function fromCoreError(e: unknown, entity: Entity): ApiError | null {
  if (!isCoreError(e)) return null;
  switch (e.code) {
    case 'NotFound':
      return new ApiError(404, `EntityNotExists.${entity}`, e.message);
    case 'Conflict':
      return new ApiError(409, `EntityAlreadyExists.${entity}${e.attribute && e.attribute !== `${entity}Name` && e.attribute !== 'DirectoryId' ? `.${e.attribute}` : ''}`, e.message);
    case 'Locked':
      return new ApiError(403, 'OperationDenied.SCIMSynchronized', e.message);
    case 'InvalidValue':
    case 'Immutable':
      return new ApiError(400, e.attribute ? `InvalidParameter.${e.attribute}` : 'InvalidParameter', e.message);
    case 'LimitExceeded':
      return new ApiError(409, `LimitExceeded.${entity}`, e.message);
    case 'Precondition':
      return new ApiError(409, `DeletionConflict.${entity}`, e.message);
    default:
      return new ApiError(403, 'OperationDenied', e.message);
  }
}
