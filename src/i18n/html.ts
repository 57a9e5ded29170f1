/**
 * HTML that is safe to send with parse_mode HTML. Anything interpolated into `html`
 * that is not already Html is escaped, so user text is shown literally, never interpreted.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Plain text of HTML markup, for places Telegram shows without parse_mode (callback alerts,
 * button labels): tags dropped, then the escapes escapeHtml makes undone (`&amp;` last).
 */
export function stripTags(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

type Interpolated = Html | string | number | bigint | boolean | null | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * The full stop a catalogue sentence puts after a value that already ends one: "oleh Budi
 * Santoso, S.E." + "." must not read "S.E..". Closing tags in between ("<b>…S.E.</b>.") count too.
 */
function dropDoubledStop(value: string, next: string): string {
  if (!/[.!?…]$/.test(value.replace(/(?:<\/[a-z]+>)+$/, ''))) return next;
  return next.replace(/^((?:<\/[a-z]+>)*)\.(?!\.)/, '$1');
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    const value = render(values[i]);
    out += value + dropDoubledStop(value, strings[i + 1] ?? '');
  }
  return new Html(out);
}

/** Trusted markup written by us (catalogue strings). */
export const raw = (markup: string): Html => new Html(markup);

export function joinHtml(parts: readonly (Html | string)[], separator: Html | string = ''): Html {
  return new Html(parts.map((p) => render(p)).join(render(separator)));
}
