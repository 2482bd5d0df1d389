import { describe, expect, it } from 'vitest';
import { CELL_STATES, type Label } from '@yipan/domain';
import type { MatrixCell } from '@yipan/protocol';
import { en } from '../i18n/en';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import {
  CELL_GLYPHS,
  cellShortText,
  cellWording,
  coverageText,
  drillTarget,
  visibleRows,
} from './matrixDisplay';

const zhT = (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params);
const enT = (key: MessageKey, params?: MessageParams) => formatMessage(en[key], params);
const zhLabel = (label: Label) => label.zh;
const enLabel = (label: Label) => label.en;

/** A linked topic as a cell carries it: 3 of 7 steps done. */
const lead = (overrides: Partial<NonNullable<MatrixCell['lead']>> = {}) => ({
  topicId: 'county-1-2021-enforcement',
  stepsTotal: 7,
  stepsFinished: 3,
  ...overrides,
});

const cell = (overrides: Partial<MatrixCell> = {}): MatrixCell => ({ state: 'not_answered', ...overrides });

const where = { orgName: '示范县', topicTitle: '“执行难”专项报告' };

describe('cellShortText', () => {
  it('shows the step count of a topic in progress', () => {
    expect(cellShortText(cell({ state: 'in_progress', lead: lead() }), zhT, zhLabel)).toBe('推进中 3/7');
    expect(cellShortText(cell({ state: 'in_progress', lead: lead() }), enT, enLabel)).toBe('In progress 3/7');
  });

  it('names the other states by their label', () => {
    expect(cellShortText(cell({ state: 'declined' }), zhT, zhLabel)).toBe('不采纳');
    expect(cellShortText(cell({ state: 'planned', lead: lead({ stepsFinished: 0 }) }), zhT, zhLabel)).toBe(
      '已列入计划',
    );
    expect(cellShortText(cell(), zhT, zhLabel)).toBe('未答复');
  });

  it('counts a second linked topic', () => {
    const two = cell({ state: 'in_progress', lead: lead(), more: 1 });
    expect(cellShortText(two, zhT, zhLabel)).toBe('推进中 3/7 +1');
  });

  it('leaves a cell nobody was asked about without words, but gives every state a distinct glyph', () => {
    expect(cellShortText(cell({ state: 'not_expected' }), zhT, zhLabel)).toBe('');
    const glyphs = CELL_STATES.map((state) => CELL_GLYPHS[state]);
    expect(new Set(glyphs).size).toBe(CELL_STATES.length);
  });
});

describe('cellWording', () => {
  const zh = cellWording(zhT, zhLabel);

  it('words every cell as cellShortText does, whatever cells came before it', () => {
    // One wording for a whole grid: what it keeps from one cell must never answer for a different one.
    const wording = cellWording(zhT, zhLabel);
    const cells = CELL_STATES.flatMap((state) =>
      [
        undefined,
        lead(),
        lead({ stepsFinished: 0 }),
        lead({ stepsFinished: 7 }),
        lead({ stepsTotal: 9 }),
      ].flatMap((withLead) =>
        [0, 1, 3].map((more) => cell({ state, ...(withLead ? { lead: withLead } : {}), more })),
      ),
    );
    for (const order of [cells, [...cells].reverse()])
      for (const each of order) expect(wording.text(each)).toBe(cellShortText(each, zhT, zhLabel));
  });

  it('names the organisation, the topic and the state', () => {
    expect(zh.ariaLabel(cell(), where)).toBe('示范县，“执行难”专项报告：未答复');
  });

  it('says Enter opens the child topic when there is one, and names a conflict', () => {
    const late = cell({ state: 'planned', lead: lead(), conflict: true });
    expect(zh.ariaLabel(late, where)).toBe(
      '示范县，“执行难”专项报告：已列入计划，按回车键打开下级议题，安排晚于要求时间',
    );
    expect(cellWording(enT, enLabel).ariaLabel(late, where)).toBe(
      '示范县, “执行难”专项报告: Planned; press Enter to open the topic; scheduled after the needed-by date',
    );
  });

  it('puts names that look like placeholders in as they are, as `t` does', () => {
    const braces = { orgName: '{topic}县', topicTitle: '关于{state}的报告' };
    expect(zh.ariaLabel(cell(), braces)).toBe(
      zhT('alignment.cell.aria', { org: '{topic}县', topic: '关于{state}的报告', state: '未答复' }),
    );
    expect(zh.ariaLabel(cell(), braces)).toBe('{topic}县，关于{state}的报告：未答复');
  });

  it('names a cell nobody was asked about, although it shows no words', () => {
    expect(zh.ariaLabel(cell({ state: 'not_expected' }), where)).toBe('示范县，“执行难”专项报告：未要求');
  });

  it('gives every cell its own words, though it words each distinct text once', () => {
    const cells = [
      cell({ state: 'in_progress', lead: lead() }),
      cell({ state: 'in_progress', lead: lead({ stepsFinished: 4 }) }),
      cell({ state: 'in_progress', lead: lead(), more: 2 }),
      cell({ state: 'in_progress', lead: lead() }),
      cell({ state: 'declined' }),
    ];
    expect(cells.map((each) => zh.text(each))).toEqual([
      '推进中 3/7',
      '推进中 4/7',
      '推进中 3/7 +2',
      '推进中 3/7',
      '不采纳',
    ]);
  });
});

describe('visibleRows', () => {
  const rows = [
    { topicId: 'a', joint: true },
    { topicId: 'b', joint: false },
    { topicId: 'c', joint: true },
  ];

  it('keeps only the joint topics when asked, in their order', () => {
    expect(visibleRows(rows, true).map((row) => row.topicId)).toEqual(['a', 'c']);
  });

  it('keeps every topic otherwise', () => {
    expect(visibleRows(rows, false)).toBe(rows);
  });
});

describe('coverageText and drillTarget', () => {
  it('writes coverage as covered of expected', () => {
    expect(coverageText({ expected: 4, linkedExpected: 3, linked: 5, declined: 1, notAnswered: 0 })).toBe(
      '3/4',
    );
  });

  it('drills to the most advanced linked topic in the column’s plan, and nowhere without one', () => {
    const column = { planId: 'county-1-2021' };
    expect(drillTarget(cell({ state: 'in_progress', lead: lead() }), column)).toEqual({
      planId: 'county-1-2021',
      topicId: 'county-1-2021-enforcement',
    });
    expect(drillTarget(cell(), column)).toBeNull();
  });
});
