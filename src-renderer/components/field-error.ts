import type { FormInstance } from 'antd';
import { AdminCallError, errorMessage } from '../api/admin-client';

/** Points at the form field the core named in its refusal (UserName, GroupName, …), when the form has it. */
export function markFieldTheCoreNamed<Values>(form: FormInstance<Values>, error: unknown): void {
  if (!(error instanceof AdminCallError) || !error.error.Attribute) return;
  const field = error.error.Attribute as never;
  if (form.getFieldInstance(field)) form.setFields([{ name: field, errors: [errorMessage(error)] }]);
}
