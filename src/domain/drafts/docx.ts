import { BorderStyle, Document, HeadingLevel, HighlightColor, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DraftMeta, DraftSections, Language } from '../../db/schema/index.js';
import { fieldsOf, sectionMaxWords, type Layout } from './layout.js';
import { phrasesFor } from './template/facts.js';
import { countWords, splitTodos } from './words.js';

/**
 * The draft as a Word document: the forum's staff polish proposals in Word before pasting them
 * into the competition's web form, so the document carries each section's heading, limit,
 * weight and guidance next to the text, with notes for the innovator highlighted.
 */
export interface DocxDraft {
  ideaName: string;
  version: number;
  /** Already localised, e.g. "template" or "model gpt-4o-mini". */
  sourceLabel: string;
  /** Already formatted in the forum's time zone. */
  createdLabel: string;
  sections: DraftSections;
  meta: DraftMeta;
}

function runs(text: string): TextRun[] {
  return splitTodos(text).map((seg) =>
    seg.todo ? new TextRun({ text: seg.text, italics: true, highlight: HighlightColor.YELLOW }) : new TextRun({ text: seg.text }),
  );
}

function body(text: string): Paragraph[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new Paragraph({ children: runs(p.replace(/\n/g, ' ')), spacing: { after: 160 } }));
}

function meta(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, color: '555555', size: 20 })], spacing: { after: 80 } });
}

function guidance(label: string, text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: label, bold: true, color: '555555', size: 20 }), new TextRun({ text, italics: true, color: '555555', size: 20 })],
    spacing: { after: 160 },
  });
}

function headerTable(rows: { label: string; value: string }[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB' };
  const borders = { top: border, bottom: border, left: border, right: border };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (r) =>
        new TableRow({
          children: [
            new TableCell({ borders, width: { size: 30, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text: r.label, bold: true })] })] }),
            new TableCell({ borders, width: { size: 70, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: runs(r.value) })] }),
          ],
        }),
    ),
  });
}

export async function buildDocx(layout: Layout, lang: Language, draft: DocxDraft): Promise<Buffer> {
  const p = phrasesFor(lang);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(p.doc.title(draft.ideaName))] }),
    meta(p.doc.subtitle({ layout: layout.title[lang], version: draft.version })),
    meta(p.doc.generated({ date: draft.createdLabel, source: draft.sourceLabel })),
    new Paragraph({ children: [new TextRun({ text: p.doc.howTo, italics: true })], spacing: { after: 200 } }),
  ];
  if (layout.status) children.push(meta(layout.status[lang]));
  if (layout.note) children.push(meta(layout.note[lang]));

  if (draft.meta.header.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(p.doc.header)] }));
    const labels = new Map(layout.header.map((h) => [h.key as string, h.label[lang]]));
    children.push(headerTable(draft.meta.header.map((h) => ({ label: labels.get(h.key) ?? h.key, value: h.value }))));
  }
  if (draft.meta.warnings.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(p.doc.warnings)] }));
    for (const w of draft.meta.warnings) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(w)] }));
  }

  for (const section of layout.sections) {
    const fields = fieldsOf(layout, section);
    const words = fields.reduce((n, f) => n + countWords(draft.sections[f.key] ?? ''), 0);
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${section.number}. ${section.title[lang]}`)] }));
    children.push(meta(p.doc.limits({ max: sectionMaxWords(section), weight: section.weight, words })));
    children.push(guidance(p.doc.guidance, section.guidance[lang]));
    for (const field of fields) {
      if (field.part) {
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(field.part.label[lang])] }));
        children.push(meta(p.doc.partLimits({ max: field.maxWords, words: countWords(draft.sections[field.key] ?? '') })));
        children.push(guidance(p.doc.guidance, field.guidance[lang]));
      }
      children.push(...body(draft.sections[field.key] ?? ''));
    }
  }

  const doc = new Document({
    creator: 'Warkop Indah',
    title: p.doc.title(draft.ideaName),
    description: p.doc.subtitle({ layout: layout.title[lang], version: draft.version }),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
