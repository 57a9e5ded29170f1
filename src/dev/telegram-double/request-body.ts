/** Reading a Bot API request: its body (JSON, urlencoded or multipart) and query string as one payload. */
import type http from 'node:http';
import type { Payload } from './methods/context.js';
import { UploadedFile } from './methods/files.js';

/** Fields clients send as JSON strings in urlencoded and multipart bodies. */
const JSON_FIELDS = [
  'reply_markup', 'reply_parameters', 'link_preview_options', 'entities', 'caption_entities', 'commands', 'scope',
  'allowed_updates', 'message_ids', 'media', 'results', 'reaction', 'menu_button',
];

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON / urlencoded / multipart body (plus query string) into a flat payload. */
export async function parsePayload(contentType: string | undefined, body: Buffer, query: string): Promise<Payload> {
  const payload: Payload = {};
  if (query) for (const [k, v] of new URLSearchParams(query)) payload[k] = v;
  const ct = (contentType ?? '').toLowerCase();
  if (body.length > 0) {
    if (ct.startsWith('application/json') || (!ct && (body[0] === 0x7b /* { */))) {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(payload, parsed);
    } else if (ct.startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) payload[k] = v;
    } else if (ct.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': contentType ?? '' } }).formData();
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') payload[k] = v;
        else payload[k] = new UploadedFile(v.name, v.type, Buffer.from(await v.arrayBuffer()));
      }
    }
  }
  for (const f of JSON_FIELDS) {
    const v = payload[f];
    if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
      try {
        payload[f] = JSON.parse(v);
      } catch {
        // left as a string; handlers answer "can't parse ..."
      }
    }
  }
  return payload;
}
