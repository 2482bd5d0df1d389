import { describe, expect, it } from 'vitest';
import { highlightParts, notesExcerpt } from './highlight';

describe('search highlighting', () => {
  it('marks every occurrence of every term, merging overlaps', () => {
    expect(highlightParts('县法院执行工作，执行难', ['执行'])).toEqual([
      { text: '县法院', match: false },
      { text: '执行', match: true },
      { text: '工作，', match: false },
      { text: '执行', match: true },
      { text: '难', match: false },
    ]);
    expect(highlightParts('执行难', ['执行', '行难'])).toEqual([{ text: '执行难', match: true }]);
  });

  it('matches Latin text whatever its case and keeps the original case', () => {
    expect(highlightParts('Business environment', ['business'])).toEqual([
      { text: 'Business', match: true },
      { text: ' environment', match: false },
    ]);
  });

  it('leaves a text without matches whole', () => {
    expect(highlightParts('优化营商环境', [])).toEqual([{ text: '优化营商环境', match: false }]);
    expect(highlightParts('', ['x'])).toEqual([{ text: '', match: false }]);
  });

  it('cuts an excerpt of the notes around the first match', () => {
    const notes = '9—10月，市县两级人大常委会联动开展，各县区同步检查本行政区域实施情况，并形成报告。';
    const excerpt = notesExcerpt(notes, ['本行政区域']);
    expect(excerpt).toContain('本行政区域');
    expect(excerpt?.startsWith('…')).toBe(true);
    expect(notesExcerpt(notes, ['营商'])).toBeNull();
  });
});
