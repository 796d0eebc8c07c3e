import type { ErrorCode } from '$lib/bindings';
import type { MessageKey } from '$lib/i18n/messages';

/**
 * Why writing an exported file failed, in words about the chosen file: the generic texts of
 * these codes speak of the library (its disk is full, it is read-only), which is not what
 * failed here. Other codes keep their generic text.
 */
const EXPORT_ERRORS: Partial<Record<ErrorCode, MessageKey>> = {
  disk_full: 'export.error.disk_full',
  io: 'export.error.io',
  read_only: 'export.error.read_only',
};

/** The message key for an export (comparison or matrix) that failed with `code`. */
export function exportErrorKey(code: ErrorCode): MessageKey {
  return EXPORT_ERRORS[code] ?? `error.${code}`;
}
