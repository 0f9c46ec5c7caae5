/**
 * The one error the filter module throws. The SCIM layer turns it into
 * 400 `{"scimType":"invalidFilter","detail": message}`; the message names what is wrong and where.
 */
export class ScimFilterError extends Error {
  readonly scimType = 'invalidFilter';

  constructor(
    message: string,
    /** 0-based character offset in the filter text, when the problem has one. */
    readonly position?: number,
  ) {
    super(message);
    this.name = 'ScimFilterError';
  }
}
