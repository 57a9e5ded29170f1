/** Scripted answers for the fake OpenAI server (src/dev/fake-openai.ts) in draft tests. */
import { layoutFields, type Layout } from '../../src/domain/drafts/layout.js';
import { modelKey } from '../../src/llm/prompt.js';

/** A valid answer for a layout: each section's text from `text(key)` (model-facing keys). */
export function draftAnswer(layout: Layout, text: (key: string) => string): string {
  return JSON.stringify(Object.fromEntries(layoutFields(layout).map((f) => [modelKey(f), text(f.key)])));
}

/** The same answer cut into one chunk per section, so progress can be watched section by section. */
export function draftAnswerChunks(layout: Layout, text: (key: string) => string): string[] {
  const fields = layoutFields(layout);
  return fields.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(modelKey(f))}:${JSON.stringify(text(f.key))}${i === fields.length - 1 ? '}' : ''}`);
}

/** A gate a scripted answer can wait on: `await gate.wait` inside the handler, `gate.open()` in the test. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}
