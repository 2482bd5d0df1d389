import {
  CELL_STATE_LABELS,
  type AlignmentColumn,
  type AlignmentRow,
  type CellState,
  type Coverage,
  type Label,
} from '@yipan/domain';
import type { MatrixCell } from '@yipan/protocol';
import type { Translate } from '../i18n/I18nProvider';

/*
 * How the alignment matrix says things in words: the short text and glyph of a cell, its accessible
 * name, the coverage figures and the joint-only filter. Pure, so the grid stays cheap and tests read it.
 */

/** Picks a glossary label in the current language (`useI18n().label`). */
type PickLabel = (label: Label) => string;

/**
 * A glyph per state, so that the state reads without colour (colour-blind users, grey-scale prints):
 * empty to full as the child gets further.
 */
export const CELL_GLYPHS: Record<CellState, string> = {
  not_expected: '–',
  not_applicable: '⊘',
  not_answered: '?',
  declined: '✕',
  planned: '○',
  in_progress: '◐',
  done: '●',
  closed: '✔',
};

/** The step counts a cell shows: of its most advanced topic (the server sorts them so). */
function leadSteps(cell: MatrixCell): { finished: number; total: number } | null {
  const { lead } = cell;
  return lead && lead.stepsTotal > 0 ? { finished: lead.stepsFinished, total: lead.stepsTotal } : null;
}

/**
 * The words inside a cell, e.g. "推进中 3/7", "不采纳", "已列入计划 +1" (a second linked topic).
 * A cell nobody was asked about says nothing; its glyph and accessible name do.
 */
export function cellShortText(cell: MatrixCell, t: Translate, label: PickLabel): string {
  if (cell.state === 'not_expected') return '';
  const state = label(CELL_STATE_LABELS[cell.state]);
  const steps = cell.state === 'in_progress' ? leadSteps(cell) : null;
  const text = steps ? t('alignment.cell.steps', { state, ...steps }) : state;
  return cell.more ? t('alignment.cell.more', { text, count: cell.more }) : text;
}

/** A cell's words as the grid draws them: its short text and its accessible name. */
export type CellWording = {
  text(cell: MatrixCell): string;
  /** Organisation, topic and state, and what Enter does when the cell drills. */
  ariaLabel(cell: MatrixCell, where: { orgName: string; topicTitle: string }): string;
};

/**
 * A message with `{name}` placeholders, split once and filled by concatenation: the same result as `t`
 * with parameters (values are not scanned again, unknown names stay visible), without a regular
 * expression per call. The matrix fills its accessible names 2,000 times per render.
 */
function compileMessage(template: string): (params: Record<string, string>) => string {
  const parts = template.split(/\{(\w+)\}/);
  return (params) => {
    let text = parts[0] ?? '';
    for (let index = 1; index < parts.length; index += 2) {
      const name = parts[index] ?? '';
      text += (name in params ? params[name] : `{${name}}`) + (parts[index + 1] ?? '');
    }
    return text;
  };
}

/**
 * `cellShortText` and `cellAriaLabel` for one language, with the short text worded once per distinct
 * state, progress and "+n" instead of several times per cell: a matrix has thousands of cells and a
 * few dozen distinct texts.
 */
export function cellWording(t: Translate, label: PickLabel): CellWording {
  const texts = new Map<string, string>();
  const text = (cell: MatrixCell) => {
    const key = `${cell.state}|${cell.lead?.stepsFinished ?? ''}/${cell.lead?.stepsTotal ?? ''}|${cell.more}`;
    let known = texts.get(key);
    if (known === undefined) {
      known = cellShortText(cell, t, label);
      texts.set(key, known);
    }
    return known;
  };
  const conflict = t('alignment.cell.ariaConflict');
  // Without parameters `t` gives the message as written, placeholders and all.
  const aria = compileMessage(t('alignment.cell.aria'));
  const ariaOpen = compileMessage(t('alignment.cell.ariaOpen'));
  return {
    text,
    ariaLabel(cell, where) {
      const state = text(cell) || label(CELL_STATE_LABELS[cell.state]);
      const params = { org: where.orgName, topic: where.topicTitle, state };
      const words = (cell.lead ? ariaOpen : aria)(params);
      return cell.conflict ? `${words}${conflict}` : words;
    },
  };
}

/** The rows on screen: every topic, or only the joint ones (联动). */
export function visibleRows<T extends Pick<AlignmentRow, 'joint'>>(
  rows: readonly T[],
  jointOnly: boolean,
): readonly T[] {
  return jointOnly ? rows.filter((row) => row.joint) : rows;
}

/** "x/y": expected cells the children have in their plans, of all expected cells. */
export function coverageText(coverage: Coverage): string {
  return `${coverage.linkedExpected}/${coverage.expected}`;
}

/** The child topic a cell drills to: its most advanced linked topic, in the column's plan, or none. */
export function drillTarget(
  cell: MatrixCell,
  column: Pick<AlignmentColumn, 'planId'>,
): { planId: string; topicId: string } | null {
  return cell.lead && column.planId ? { planId: column.planId, topicId: cell.lead.topicId } : null;
}
