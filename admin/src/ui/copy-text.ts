// Copying a secret shown once (Open311 keys, fee keys).

/**
 * navigator.clipboard exists only on HTTPS and localhost, and intranets often serve the app over HTTP;
 * there the old execCommand('copy') on the selected text still works.
 */
export async function copyText(text: string, field: HTMLTextAreaElement | HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: fall through to the selection.
  }
  if (!field) return false;
  field.focus();
  field.select();
  return document.execCommand('copy');
}
