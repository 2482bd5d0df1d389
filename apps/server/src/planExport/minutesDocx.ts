import { officialDocx, type OfficialBlock } from './officialDocx';

/** A section heading of the minutes text: 一、议程. */
const SECTION_HEADING = /^[一二三四五六七八九十]+、/;
/** An entry of a section: （一）…, whose number is set in 楷体. */
const ENTRY = /^(（[一二三四五六七八九十]+）)(.*)$/;

/** What the minutes' Word document is made of: the meeting's title and time, and the minutes text as edited. */
export type MinutesDocxInput = { title: string; when: string; text: string };

/**
 * The minutes (纪要) as a Word document in the official fonts: "<meeting>纪要" as the title, its time below,
 * then the edited text line by line, with 一、 headings in 黑体 and （一） numbers in 楷体.
 */
export function minutesDocx(input: MinutesDocxInput): Promise<Buffer> {
  const title = `${input.title}纪要`;
  const lines = input.text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  // The auto-draft opens with the same title; the document has its own.
  if (lines[0] === title) lines.shift();
  const blocks: OfficialBlock[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: input.when },
  ];
  for (const line of lines) {
    const entry = ENTRY.exec(line);
    if (SECTION_HEADING.test(line)) blocks.push({ kind: 'heading', text: line });
    else if (entry) blocks.push({ kind: 'item', number: entry[1] ?? '', text: entry[2] ?? '' });
    else blocks.push({ kind: 'body', text: line });
  }
  return officialDocx(title, blocks);
}
