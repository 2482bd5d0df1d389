import { describe, expect, it } from 'vitest';
import {
  detectHeaderRow,
  importedTopics,
  inferSupervisedBody,
  isImportable,
  matchHeader,
  methodFromTitle,
  parseChineseNumber,
  parseMethods,
  parseSchedule,
  parseSessionDate,
  parseSource,
  parseSupervisedBody,
  readPlanTable,
  sectionMethod,
  type ImportGrid,
} from './planTableImport';

function grid(cells: string[][], extra: Partial<ImportGrid> = {}): ImportGrid {
  return { cells, merges: [], formulaGaps: [], ...extra };
}

describe('reading Chinese numbers, methods and schedules', () => {
  it('reads numerals up to 九十九 in digits, full-width digits and characters', () => {
    expect(['六', '十', '十二', '二十三', '九十九', '12', '１２', '两'].map(parseChineseNumber)).toEqual([
      6, 10, 12, 23, 99, 12, 12, 2,
    ]);
    expect(parseChineseNumber('三五')).toBeNull();
    expect(parseChineseNumber('百')).toBeNull();
  });

  it('names the methods of a cell, main first, whatever the separator', () => {
    expect(parseMethods('听取和审议专项工作报告')).toEqual(['special_report']);
    expect(parseMethods('听取审议')).toEqual(['special_report']);
    expect(parseMethods('专项工作报告+专题询问+满意度测评')).toEqual([
      'special_report',
      'special_inquiry',
      'satisfaction_vote',
    ]);
    expect(parseMethods('视察和听取报告')).toEqual(['visit']);
    expect(parseMethods('执法检查；专题询问')).toEqual(['law_inspection', 'special_inquiry']);
    expect(parseMethods('听取和审议审计工作报告')).toEqual(['audit_report']);
    expect(parseMethods('询问')).toEqual(['inquiry']);
    expect(parseMethods('质询')).toEqual(['interpellation']);
    expect(parseMethods('专题调研')).toEqual(['research']);
    expect(parseMethods('调研')).toEqual(['research']);
    expect(parseMethods('测评')).toEqual(['satisfaction_vote']);
    expect(parseMethods('评议')).toEqual(['work_appraisal']);
    expect(parseMethods('审议意见“回头看”')).toEqual(['follow_up']);
    expect(parseMethods('备案审查')).toEqual(['filing_review']);
    expect(parseMethods('决算')).toEqual(['final_accounts']);
    expect(parseMethods('国有资产管理情况报告')).toEqual(['state_assets_report']);
    expect(parseMethods('环境状况')).toEqual(['environment_report']);
    expect(parseMethods('law_inspection')).toEqual(['law_inspection']);
    expect(parseMethods('座谈')).toEqual([]);
  });

  it('infers the method from a title that says it', () => {
    expect(methodFromTitle('听取和审议市人民政府关于优化营商环境工作情况的报告')).toBe('special_report');
    expect(methodFromTitle('检查《安全生产法》实施情况')).toBe('law_inspection');
    expect(methodFromTitle('《乡村振兴促进法》执法检查')).toBe('law_inspection');
    expect(methodFromTitle('审查和批准2020年市级决算')).toBe('final_accounts');
    expect(methodFromTitle('城区学位建设审议意见“回头看”')).toBe('follow_up');
    expect(methodFromTitle('农村人居环境整治')).toBeNull();
  });

  it('reads months, sessions, both, quarters and ranges, saying what it simplified', () => {
    expect(parseSchedule('6月')).toEqual({ month: 6, session: null, notice: null });
    expect(parseSchedule('6月份')).toEqual({ month: 6, session: null, notice: null });
    expect(parseSchedule('六月')).toEqual({ month: 6, session: null, notice: null });
    expect(parseSchedule('十一月中旬')).toEqual({ month: 11, session: null, notice: null });
    expect(parseSchedule('第三次常委会会议')).toEqual({ month: null, session: 3, notice: null });
    expect(parseSchedule('第3次会议')).toEqual({ month: null, session: 3, notice: null });
    expect(parseSchedule('6月（第3次常委会会议）')).toEqual({ month: 6, session: 3, notice: null });
    expect(parseSchedule('第二季度')).toEqual({ month: 4, session: null, notice: 'quarter_month' });
    expect(parseSchedule('三季度')).toEqual({ month: 7, session: null, notice: 'quarter_month' });
    expect(parseSchedule('Q2')).toEqual({ month: 4, session: null, notice: 'quarter_month' });
    expect(parseSchedule('9-10月')).toEqual({ month: 9, session: null, notice: 'month_range' });
    expect(parseSchedule('9至10月')).toEqual({ month: 9, session: null, notice: 'month_range' });
    expect(parseSchedule('9—10月')).toEqual({ month: 9, session: null, notice: 'month_range' });
    expect(parseSchedule('全年')).toEqual({ month: null, session: null, notice: 'no_month' });
    expect(parseSchedule('下半年')).toEqual({ month: null, session: null, notice: 'no_month' });
    expect(parseSchedule('')).toEqual({ month: null, session: null, notice: null });
    expect(parseSchedule('开春后').notice).toBe('unknown_schedule');
    expect(parseSchedule('13月').month).toBe(13);
  });

  it('reads supervised bodies, dates and sources', () => {
    expect(parseSupervisedBody('市中级人民法院')).toBe('court');
    expect(parseSupervisedBody('监察委员会')).toBe('supervisory_commission');
    expect(parseSupervisedBody('人民政府')).toBe('gov');
    expect(parseSupervisedBody('某协会')).toBeNull();
    expect(inferSupervisedBody('市人民检察院', '')).toBe('procuratorate');
    expect(inferSupervisedBody('', '听取市监委关于整治群众身边腐败问题的报告')).toBe(
      'supervisory_commission',
    );
    expect(inferSupervisedBody('市民政局', '')).toBe('gov');
    expect(parseSessionDate('2022/6/28')).toBe('2022-06-28');
    expect(parseSessionDate('2022年6月28日')).toBe('2022-06-28');
    expect(parseSessionDate('2022-02-30')).toBeNull();
    expect(parseSource('代表议案建议')).toBe('deputy_suggestions');
    expect(parseSource('党委交办')).toBe('party_assigned');
    expect(parseSource('人大代表建议')).toBe('deputy_suggestions');
    expect(parseSource('天上掉下来的')).toBeNull();
  });

  it('recognises header names and section headings', () => {
    expect(matchHeader('议 题')).toBe('title');
    expect(matchHeader('拟安排时间')).toBe('schedule');
    expect(matchHeader('承办/报告单位')).toBe('reportingUnit');
    expect(matchHeader('分管副主任')).toBe('leaderInCharge');
    expect(matchHeader('备注')).toBeNull();
    expect(sectionMethod('一、听取和审议专项工作报告')).toBe('special_report');
    expect(sectionMethod('（二）执法检查')).toBe('law_inspection');
    expect(sectionMethod('二、专题询问（2项）')).toBe('special_inquiry');
    expect(sectionMethod('四、其他工作')).toBeNull();
  });
});

describe('reading a plan table', () => {
  const table = [
    ['示范县人大常委会2022年度监督工作计划', '', '', '', ''],
    ['', '', '', '', ''],
    ['序号', '议题', '时间安排', '牵头委室', '承办单位'],
    ['一、听取和审议专项工作报告', '', '', '', ''],
    ['1', '县人民政府关于农村供水工作情况', '6月', '农业与农村委', '县水利局'],
    ['', '', '', '', ''],
    ['二、执法检查', '', '', '', ''],
    ['2', '《安全生产法》实施情况', '第三次常委会会议', '社会建设委、财经委', '县应急管理局'],
    ['3', '县法院执行工作', '二季度', '监察和司法委', '县人民法院'],
  ];

  it('finds the header under a title, follows sections and turns rows into topics', () => {
    expect(detectHeaderRow(table)).toBe(2);
    const reading = readPlanTable(grid(table));
    expect(reading?.headerRow).toBe(3);
    expect(reading?.columns.map((column) => column.mapped)).toEqual([
      'serial',
      'title',
      'schedule',
      'leadCommittee',
      'reportingUnit',
    ]);
    expect(reading && isImportable(reading)).toBe(true);
    const topics = reading ? importedTopics(reading) : [];
    expect(topics).toEqual([
      expect.objectContaining({
        title: '县人民政府关于农村供水工作情况',
        method: 'special_report',
        month: 6,
        session: null,
        leadCommittee: '农业与农村委',
        reportingUnit: '县水利局',
        supervisedBody: 'gov',
      }),
      expect.objectContaining({
        title: '《安全生产法》实施情况',
        method: 'law_inspection',
        month: null,
        session: 3,
        leadCommittee: '社会建设委',
        assistCommittees: ['财经委'],
      }),
      expect.objectContaining({
        title: '县法院执行工作',
        method: 'law_inspection',
        month: 4,
        supervisedBody: 'court',
      }),
    ]);
    const codes = reading?.rows.map((row) => row.problems.map((found) => found.code));
    expect(codes).toEqual([
      [],
      ['method_from_section'],
      [],
      ['method_from_section', 'extra_lead_committees'],
      ['method_from_section', 'quarter_month'],
    ]);
  });

  it('lets a corrected mapping decide, and says when the title column is missing', () => {
    const reading = readPlanTable(grid(table), {
      mapping: ['serial', null, 'schedule', 'leadCommittee', 'title'],
    });
    expect(reading?.problems).toEqual([]);
    expect(reading ? importedTopics(reading).map((topic) => topic.title) : []).toEqual([
      '县水利局',
      '县应急管理局',
      '县人民法院',
    ]);
    const untitled = readPlanTable(grid(table), { mapping: ['serial', null, 'schedule', null, null] });
    expect(untitled?.problems.map((found) => found.code)).toEqual(['no_title_column']);
    expect(untitled && isImportable(untitled)).toBe(false);
  });

  it('fills a vertical merge into every row, refuses a horizontal one and a formula without a value', () => {
    const cells = [
      ['议题', '监督方式', '时间安排', '牵头委室'],
      ['甲', '视察', '5月', '财经委'],
      ['乙', '', '6月', '财经委'],
      ['丙', '跨列内容', '', '7月'],
      ['丁', '调研', '8月', ''],
    ];
    const reading = readPlanTable(
      grid(cells, {
        merges: [
          { top: 1, left: 1, bottom: 2, right: 1 },
          { top: 3, left: 1, bottom: 3, right: 2 },
        ],
        formulaGaps: [{ row: 4, col: 3 }],
      }),
    );
    const [first, second, third, fourth] = reading?.rows ?? [];
    expect(first?.topic?.method).toBe('visit');
    expect(second?.topic?.method).toBe('visit');
    expect(second?.problems.map((found) => [found.level, found.code])).toEqual([
      ['notice', 'merged_cell_filled'],
    ]);
    expect(third?.problems.map((found) => found.code)).toContain('merged_across_columns');
    expect(fourth?.problems).toContainEqual(
      expect.objectContaining({ level: 'error', code: 'formula_without_value', column: 'leadCommittee' }),
    );
  });

  it('names the field a value is invalid for, and infers or defaults a missing method', () => {
    const reading = readPlanTable(
      grid([
        ['题目', '时间', '监督对象'],
        ['听取和审议市人民政府关于营商环境工作情况的报告', '13月', '政府'],
        ['农村人居环境整治', '7月', '政府'],
        ['', '8月', '政府'],
        ['某事', '8月', '协会'],
        ['注：时间安排如有调整另行通知', '', ''],
      ]),
    );
    const rows = reading?.rows ?? [];
    expect(rows[0]?.problems).toEqual([
      { level: 'notice', code: 'method_from_title', column: 'method', field: null, value: '' },
      { level: 'error', code: 'invalid_field', column: 'schedule', field: 'month', value: '13' },
    ]);
    expect(rows[1]?.problems.map((found) => found.code)).toEqual(['method_defaulted']);
    expect(rows[1]?.topic?.method).toBe('special_report');
    expect(rows[2]?.problems.map((found) => found.code)).toContain('missing_title');
    expect(rows[3]?.problems.map((found) => found.code)).toContain('unknown_supervised_body');
    expect(rows[4]).toMatchObject({ kind: 'skipped', topic: null });
  });

  it('keeps 重点内容 and 参加人员 in the notes', () => {
    const reading = readPlanTable(
      grid([
        ['议题', '重点内容', '参加人员'],
        ['执行难', '执行到位率', '部分常委会组成人员、市人大代表'],
      ]),
    );
    expect(reading?.rows[0]?.topic?.notes).toBe('执行到位率\n参加人员：部分常委会组成人员、市人大代表');
  });

  it('finds no header in a sheet of prose', () => {
    expect(readPlanTable(grid([['今天天气很好'], ['明天也是']]))).toBeNull();
  });
});
