import { describe, expect, it } from 'vitest';
import { core } from '../../src/i18n/id/core.js';
import { broadcasts } from '../../src/i18n/id/broadcasts.js';
import { recap } from '../../src/i18n/id/recap.js';
import { sessions } from '../../src/i18n/id/sessions.js';
import { competitions } from '../../src/i18n/id/competitions.js';
import { drafts } from '../../src/i18n/id/drafts.js';
import { ideas } from '../../src/i18n/id/ideas.js';
import { texts } from '../../src/i18n/id/texts.js';

/** Catalogues are merged with spread: a key defined twice silently replaces the earlier one. */
describe('i18n catalogues', () => {
  it('define every key once across features', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, catalogue] of Object.entries({ core, sessions, broadcasts, ideas, drafts, texts, competitions, recap })) {
      for (const key of Object.keys(catalogue)) {
        const owner = seen.get(key);
        if (owner) clashes.push(`${key} (${owner}, ${name})`);
        seen.set(key, name);
      }
    }
    expect(clashes).toEqual([]);
  });
});
