import type { ProvisionType, Status } from '../core/types';
import { invalidParameter, missingParameter } from './api-error';

/** An action's parameters (query and form body merged, in a null-prototype object) with typed readers that
 *  answer MissingParameter / InvalidParameter.<Name> in Alibaba Cloud's words. */
export class Params {
  constructor(private readonly values: Record<string, string>) {}

  has(name: string): boolean {
    return Object.hasOwn(this.values, name);
  }

  optional(name: string): string | undefined {
    return this.has(name) ? this.values[name] : undefined;
  }

  required(name: string): string {
    const v = this.optional(name);
    if (v === undefined || v === '') throw missingParameter(name);
    return v;
  }

  int(name: string, min: number, max: number): number | undefined {
    const v = this.optional(name);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || n < min || n > max) throw invalidParameter(name, `expected a whole number from ${min} to ${max}, got "${v}".`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.optional(name);
    if (v === undefined || v === '') return undefined;
    if (v.toLowerCase() === 'true') return true;
    if (v.toLowerCase() === 'false') return false;
    throw invalidParameter(name, `expected true or false, got "${v}".`);
  }

  status(name: string): Status | undefined {
    return this.oneOf(name, ['Enabled', 'Disabled'] as const);
  }

  requiredStatus(name: string): Status {
    const s = this.status(name);
    if (!s) throw missingParameter(name);
    return s;
  }

  provisionType(name: string): ProvisionType | undefined {
    return this.oneOf(name, ['Manual', 'Synchronized'] as const);
  }

  private oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.optional(name);
    if (v === undefined || v === '') return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw invalidParameter(name, `expected ${allowed.join(' or ')}, got "${v}".`);
    return v as T;
  }
}
