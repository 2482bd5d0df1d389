import type { PlanDocument } from '@yipan/domain';
import { officialDocx, type OfficialBlock } from './officialDocx';

/** The issued plan as a Word document: title, opening, sections in 黑体, items with their numbers in 楷体. */
export function planDocx(document: PlanDocument): Promise<Buffer> {
  const blocks: OfficialBlock[] = [
    { kind: 'title', text: document.title },
    { kind: 'body', text: document.opening },
  ];
  for (const section of document.sections) {
    blocks.push({ kind: 'heading', text: section.heading });
    for (const item of section.items) blocks.push({ kind: 'item', number: item.number, text: item.sentence });
  }
  return officialDocx(document.title, blocks);
}
