// Puts a failed submission where people look: field errors from a 422 on the fields they belong to,
// everything else (409 duplicates, 403, network trouble) in a message.
import type { App, FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api/client';

/** "unitId" → ['unitId'], "items[0].name" → ['items', 0, 'name'], as antd names nested fields. */
type MessageInstance = ReturnType<typeof App.useApp>['message'];

function namePath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows the field errors that belong to fields of the form on those fields and moves focus to the first.
 * Answers the sentence for whatever is left (errors on other fields, or the problem itself), or null when
 * everything landed on a field.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, formFields: readonly string[]): string | null {
  if (!(error instanceof ApiError) || error.errors.length === 0) return errorMessage(error);
  const onForm = error.errors.filter((e) => formFields.includes(String(namePath(e.field)[0])));
  const elsewhere = error.errors.filter((e) => !onForm.includes(e));
  // One setFields call per field, so two messages for the same field are both shown.
  const byField = new Map<string, string[]>();
  for (const e of onForm) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  form.setFields([...byField].map(([field, errors]) => ({ name: namePath(field), errors })));
  // Keyboard and screen-reader users land on the first field to fix, as with client-side validation.
  if (onForm.length > 0) form.scrollToField(namePath(onForm[0].field), { block: 'center', focus: true });
  if (elsewhere.length > 0) return elsewhere.map((e) => `${e.field}：${e.message}`).join('；');
  return onForm.length === 0 ? errorMessage(error) : null;
}

export function showSubmitError(
  form: FormInstance,
  error: unknown,
  formFields: readonly string[],
  message: MessageInstance,
): void {
  const rest = applyFieldErrors(form, error, formFields);
  if (rest) message.error(rest);
}
