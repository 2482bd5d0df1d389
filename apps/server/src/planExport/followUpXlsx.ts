import { RECTIFICATION_STATE_LABELS, RectificationState } from '@yipan/domain';
import type { FollowUpItem, FollowUpResponse } from '@yipan/protocol';
import { addTableSheet, newWorkbook, xlsxBuffer } from './tableSheet';

type Bucket = Exclude<keyof FollowUpResponse, 'today'>;

/** The buckets in the order the follow-up page shows them, with their names there. */
export const FOLLOW_UP_BUCKETS: readonly { key: Bucket; name: string }[] = [
  { key: 'overdue', name: '已逾期' },
  { key: 'dueThisMonth', name: '本月到期' },
  { key: 'awaitingRating', name: '待测评' },
  { key: 'closed', name: '已销号' },
];

/** The columns of the follow-up sheet, with widths in characters. */
const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '分类', width: 10 },
  { header: '整改事项', width: 44 },
  { header: '责任单位', width: 18 },
  { header: '办理期限', width: 12 },
  { header: '办理状态', width: 12 },
  { header: '满意度测评', width: 22 },
  { header: '所属议题', width: 36 },
  { header: '所属计划', width: 28 },
] as const;
/** The sheet's name. */
const SHEET_NAME = '整改跟踪';

/** A rating as 满意12、基本满意5、不满意1, or '' when not rated. */
function ratingText(rating: FollowUpItem['rating']): string {
  if (!rating) return '';
  return `满意${rating.satisfied}、基本满意${rating.basicallySatisfied}、不满意${rating.unsatisfied}`;
}

/** An item's state in Chinese; an unknown one as it is. */
function stateText(state: string): string {
  const parsed = RectificationState.safeParse(state);
  return parsed.success ? RECTIFICATION_STATE_LABELS[parsed.data].zh : state;
}

/** The follow-up list (整改跟踪) as a sheet: the buckets in page order, each item one row. */
export function followUpXlsx(orgName: string, list: FollowUpResponse): Promise<Buffer> {
  const workbook = newWorkbook();
  const items = FOLLOW_UP_BUCKETS.flatMap((bucket) => list[bucket.key].map((item) => ({ bucket, item })));
  addTableSheet(workbook, {
    name: SHEET_NAME,
    title: `${orgName}审议意见整改跟踪清单（${list.today}）`,
    columns: COLUMNS,
    rows: items.map(({ bucket, item }, index) => [
      index + 1,
      bucket.name,
      item.content,
      item.responsibleBody,
      item.deadline ?? '',
      stateText(item.state),
      ratingText(item.rating),
      item.topicTitle,
      item.planTitle,
    ]),
  });
  return xlsxBuffer(workbook);
}
