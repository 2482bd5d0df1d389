import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';

/*
 * The layout of official documents (党政机关公文格式, GB/T 9704) as far as a plan or minutes need it: A4, the
 * standard margins, the title in 方正小标宋简体 二号, the body in 仿宋_GB2312 三号 with a two-character first-line
 * indent and a fixed 28 pt line, headings in 黑体 and sub-headings in 楷体_GB2312, and "— 1 —" page numbers. The
 * East Asian font is set on every run; where a reader lacks the font, their Word substitutes its own.
 */

/** The fonts of official documents, by role. */
export const OFFICIAL_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
} as const;

/** Digits and Latin letters in official documents. */
const LATIN_FONT = 'Times New Roman';
/** 二号 (22 pt) in Word's half-points: the title. */
const TITLE_SIZE = 44;
/** 三号 (16 pt) in half-points: the body, headings and page numbers' text. */
const BODY_SIZE = 32;
/** 四号 (14 pt) in half-points: the page number in the footer. */
const FOOTER_SIZE = 28;
/** Two characters of 三号 in twips (2 × 16 pt × 20): the first-line indent of body paragraphs. */
const FIRST_LINE_INDENT = 640;
/** The same indent in hundredths of a character, which Word prefers when present. */
const FIRST_LINE_CHARS = 200;
/** A fixed 28 pt line (in twips), the usual 22 lines on a page of official text. */
const LINE_HEIGHT = 560;
/** A blank 三号 line (in twips) after the title. */
const TITLE_SPACE_AFTER = 560;

/** A4 in millimetres, and the margins of GB/T 9704 (top 37, bottom 35, left 28, right 26). */
const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
/** Distance of the footer from the page edge, in millimetres. */
const FOOTER_MM = 20;

/** The kinds of paragraph an official document is made of. */
export type OfficialBlock =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  /** An item: its number in 楷体, then the text in 仿宋. */
  | { kind: 'item'; number: string; text: string }
  | { kind: 'body'; text: string };

function run(text: string, font: string, size = BODY_SIZE): TextRun {
  return new TextRun({
    text,
    size,
    font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: font, hint: 'eastAsia' },
    language: { eastAsia: 'zh-CN' },
  });
}

const lineSpacing = { line: LINE_HEIGHT, lineRule: LineRuleType.EXACT } as const;
const firstLine = { firstLine: FIRST_LINE_INDENT, firstLineChars: FIRST_LINE_CHARS } as const;

function paragraph(block: OfficialBlock): Paragraph {
  switch (block.kind) {
    case 'title':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: TITLE_SPACE_AFTER },
        children: [run(block.text, OFFICIAL_FONTS.title, TITLE_SIZE)],
      });
    case 'subtitle':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: lineSpacing,
        children: [run(block.text, OFFICIAL_FONTS.subheading)],
      });
    case 'heading':
      return new Paragraph({
        spacing: lineSpacing,
        indent: firstLine,
        keepNext: true,
        children: [run(block.text, OFFICIAL_FONTS.heading)],
      });
    case 'item':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: lineSpacing,
        indent: firstLine,
        children: [run(block.number, OFFICIAL_FONTS.subheading), run(block.text, OFFICIAL_FONTS.body)],
      });
    case 'body':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: lineSpacing,
        indent: firstLine,
        children: [run(block.text, OFFICIAL_FONTS.body)],
      });
  }
}

/** The "— 1 —" page number, centred, with a PAGE field so Word counts the pages. */
function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: FOOTER_SIZE,
            font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: OFFICIAL_FONTS.body },
          }),
        ],
      }),
    ],
  });
}

/** Lays out blocks as an official A4 Word document (.docx bytes); `title` goes into the file's properties. */
export async function officialDocx(title: string, blocks: readonly OfficialBlock[]): Promise<Buffer> {
  const mm = convertMillimetersToTwip;
  const document = new Document({
    title,
    creator: 'Yipan 一盘棋',
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE_MM.width), height: mm(PAGE_MM.height) },
            margin: {
              top: mm(PAGE_MM.top),
              bottom: mm(PAGE_MM.bottom),
              left: mm(PAGE_MM.left),
              right: mm(PAGE_MM.right),
              footer: mm(FOOTER_MM),
            },
          },
        },
        footers: { default: pageNumberFooter() },
        children: blocks.map(paragraph),
      },
    ],
  });
  return Packer.toBuffer(document);
}
