/**
 * Which top-level string fields of a JSON object have been received completely so far, from the
 * text of a response that is still streaming in. Used only for progress ("3/9 sections"), so
 * it is forgiving: anything it does not understand simply does not count yet.
 */
export function completedStringFields(partial: string): string[] {
  const done: string[] = [];
  let i = partial.indexOf('{');
  if (i < 0) return done;
  i++;
  let depth = 1;
  let key: string | undefined;
  let expectingKey = true;
  while (i < partial.length) {
    const c = partial[i]!;
    if (c === '"') {
      const end = stringEnd(partial, i);
      if (end < 0) return done; // string still arriving
      const text = partial.slice(i + 1, end);
      if (depth === 1) {
        if (expectingKey) key = text;
        else if (key !== undefined) {
          done.push(unescape(key));
          key = undefined;
        }
      }
      i = end + 1;
      continue;
    }
    if (c === ':' && depth === 1) expectingKey = false;
    else if (c === ',' && depth === 1) {
      expectingKey = true;
      key = undefined;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return done;
    }
    i++;
  }
  return done;
}

/** Index of the closing quote of the string opening at `start`, or -1 when it has not arrived. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return -1;
}

function unescape(key: string): string {
  try {
    return JSON.parse(`"${key}"`) as string;
  } catch {
    return key;
  }
}
