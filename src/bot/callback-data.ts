/**
 * Callback data is short, versioned by its prefix and parseable: `<feature>:<action>:<args…>`.
 * Telegram allows 1–64 bytes; anyone can forge it, so handlers re-check every permission.
 */
export const CALLBACK_DATA_MAX_BYTES = 64;

export function callbackData(...parts: (string | number)[]): string {
  const data = parts.join(':');
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_MAX_BYTES) {
    throw new Error(`callback data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${data}`);
  }
  return data;
}
