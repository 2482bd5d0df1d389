import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import {
  TOPIC_DEFAULTS,
  TOPIC_FIELDS,
  type ImportProblem,
  type Topic,
  type TopicFields,
} from '@yipan/domain';
import {
  CreatePlanResponse,
  ErrorBody,
  ImportPreview,
  ImportRefusal,
  PlanImportResult,
  SecurityEventsResponse,
} from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';

/** The demo city's plan of 2021 (executing, so frozen) and the 2022 one (soliciting). */
const EXECUTING = 'city-2021';
const SOLICITING = 'city-2022';
const CITY = 'city';
/** Just over the import's 10 MB limit. */
const OVERSIZED_BYTES = 10 * 1024 * 1024 + 1024;

type Upload = { name: string; bytes: Uint8Array };
type ImportOptions = { dryRun?: boolean; mapping?: unknown; sheet?: string };

/** Posts a file as the web app does: multipart, with the session's CSRF token and our Origin. */
async function postImport(client: SignedIn, planId: string, upload: Upload, options: ImportOptions = {}) {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(upload.bytes)]), upload.name);
  if (options.mapping !== undefined) form.set('mapping', JSON.stringify(options.mapping));
  if (options.sheet !== undefined) form.set('sheet', options.sheet);
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  return client.fetch(`/api/plans/${planId}/import${options.dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    body: await encoded.arrayBuffer(),
  });
}

async function preview(client: SignedIn, planId: string, upload: Upload, options: ImportOptions = {}) {
  const response = await postImport(client, planId, upload, { ...options, dryRun: true });
  expect(response.status).toBe(200);
  return ImportPreview.parse(await response.json());
}

async function codeOf(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

type Cell = ExcelJS.CellValue;
type SheetSpec = { name: string; rows: Cell[][]; merges?: string[] };

async function workbook(...sheets: SheetSpec[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = book.addWorksheet(spec.name);
    for (const row of spec.rows) sheet.addRow(row);
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Encodes text as GBK, the way Excel in China saves CSV: the table built from the platform's own GB18030 decoder. */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead += 1)
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const encoded = table.get(char);
      if (!encoded) throw new Error(`not in GBK: ${char}`);
      bytes.push(...encoded);
    }
  }
  return new Uint8Array(bytes);
}

/** A topic's editable fields and notes: what an import sets. */
function fieldsOf(topic: Topic): TopicFields & { notes: string } {
  const fields = Object.fromEntries(TOPIC_FIELDS.map((key) => [key, topic[key]])) as TopicFields;
  return { ...fields, notes: topic.notes };
}

const BLANK: TopicFields & { notes: string } = { ...TOPIC_DEFAULTS, notes: '' };

function topic(fields: Partial<TopicFields & { notes: string }>): TopicFields & { notes: string } {
  return { ...BLANK, ...fields };
}

function codes(problems: readonly ImportProblem[]): string[] {
  return problems.map((problem) => `${problem.level}:${problem.code}`);
}

describeEachDialect('importing a plan table', (dialect) => {
  const { running, connect } = useTestServer(dialect);
  let nextYear = 2040;

  /** A fresh empty plan of the city, opened by its admin, to import into. */
  async function emptyPlan(): Promise<string> {
    const admin = await running().signIn('city.admin');
    const response = await admin.fetch(`/api/orgs/${CITY}/plans`, {
      method: 'POST',
      body: JSON.stringify({ year: nextYear++ }),
    });
    expect(response.status).toBe(201);
    return CreatePlanResponse.parse(await response.json()).plan.id;
  }

  /** Imports for real and reads the topics back through a y-websocket client. */
  async function importAndRead(
    editor: SignedIn,
    planId: string,
    upload: Upload,
    options: ImportOptions = {},
  ) {
    const response = await postImport(editor, planId, upload, options);
    expect(response.status).toBe(201);
    const result = PlanImportResult.parse(await response.json());
    const client = await connect(planId, { token: await editor.syncToken() });
    const topics = client.topics();
    expect(topics.map((entry) => entry.id)).toEqual(result.topicIds);
    expect(topics.every((entry) => entry.createdBy === editor.me.user.id)).toBe(true);
    return topics.map(fieldsOf);
  }

  async function topicCount(editor: SignedIn, planId: string): Promise<number> {
    const client = await connect(planId, { token: await editor.syncToken() });
    const count = client.topics().length;
    client.close();
    return count;
  }

  it('imports a plan grouped by method under section rows, below a merged title row', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const file = {
      name: '2023年度监督工作计划.xlsx',
      bytes: await workbook({
        name: '监督计划',
        rows: [
          ['示范市人大常委会2023年度监督工作计划'],
          ['序号', '议题', '重点内容', '时间安排', '牵头委室', '承办单位', '分管领导', '参加人员'],
          ['一、听取和审议专项工作报告'],
          [
            1,
            '听取和审议市人民政府关于优化营商环境工作情况的报告',
            '政务服务、融资难',
            '6月份',
            '财经委',
            '市发展改革委',
            '王副主任',
            '部分市人大代表',
          ],
          [
            2,
            '听取和审议市中级人民法院关于执行工作情况的报告',
            '',
            '第三次常委会会议',
            '监察和司法委',
            '市中级人民法院',
            '李副主任',
            '',
          ],
          ['二、执法检查'],
          [
            3,
            '《安全生产法》实施情况',
            '重点行业安全监管',
            '11月',
            '社会建设委、城建环资委',
            '市应急管理局',
            '赵副主任',
            '',
          ],
          ['三、专题询问（1项）'],
          [4, '义务教育学位建设', '', '10月', '教科文卫委', '市教育局', '', ''],
        ],
        merges: ['A1:H1', 'A3:H3', 'A6:H6', 'A8:H8'],
      }),
    };

    const seen = await preview(editor, planId, file);
    expect(seen).toMatchObject({
      fileName: file.name,
      format: 'xlsx',
      sheets: ['监督计划'],
      sheet: '监督计划',
      headerRow: 2,
      importable: true,
    });
    expect(seen.columns.map((column) => [column.header, column.mapped])).toEqual([
      ['序号', 'serial'],
      ['议题', 'title'],
      ['重点内容', 'keyContent'],
      ['时间安排', 'schedule'],
      ['牵头委室', 'leadCommittee'],
      ['承办单位', 'reportingUnit'],
      ['分管领导', 'leaderInCharge'],
      ['参加人员', 'participants'],
    ]);
    expect(seen.rows.map((row) => [row.row, row.kind, row.section])).toEqual([
      [3, 'section', '一、听取和审议专项工作报告'],
      [4, 'topic', '一、听取和审议专项工作报告'],
      [5, 'topic', '一、听取和审议专项工作报告'],
      [6, 'section', '二、执法检查'],
      [7, 'topic', '二、执法检查'],
      [8, 'section', '三、专题询问（1项）'],
      [9, 'topic', '三、专题询问（1项）'],
    ]);
    expect(seen.summary).toEqual({ topics: 4, sections: 3, skipped: 0, errors: 0, notices: 5 });
    expect(codes(seen.rows[4]?.problems ?? [])).toEqual([
      'notice:method_from_section',
      'notice:extra_lead_committees',
    ]);
    expect(await topicCount(editor, planId)).toBe(0);

    expect(await importAndRead(editor, planId, file)).toEqual([
      topic({
        title: '听取和审议市人民政府关于优化营商环境工作情况的报告',
        reportingUnit: '市发展改革委',
        leadCommittee: '财经委',
        leaderInCharge: '王副主任',
        month: 6,
        notes: '政务服务、融资难\n参加人员：部分市人大代表',
      }),
      topic({
        title: '听取和审议市中级人民法院关于执行工作情况的报告',
        supervisedBody: 'court',
        reportingUnit: '市中级人民法院',
        leadCommittee: '监察和司法委',
        leaderInCharge: '李副主任',
        session: 3,
      }),
      topic({
        title: '《安全生产法》实施情况',
        method: 'law_inspection',
        reportingUnit: '市应急管理局',
        leadCommittee: '社会建设委',
        assistCommittees: ['城建环资委'],
        leaderInCharge: '赵副主任',
        month: 11,
        notes: '重点行业安全监管',
      }),
      topic({
        title: '义务教育学位建设',
        method: 'special_inquiry',
        reportingUnit: '市教育局',
        leadCommittee: '教科文卫委',
        month: 10,
      }),
    ]);
    // The import is on the organisation's security trail: who, which plan, which file, how many topics.
    const admin = await running().signIn('city.admin');
    const trail = SecurityEventsResponse.parse(
      await (await admin.fetch('/api/admin/security-events?limit=50')).json(),
    );
    expect(
      trail.events.find((event) => event.kind === 'plan_import' && event.target === `plan:${planId}`),
    ).toMatchObject({
      actor: { id: editor.me.user.id },
      detail: { fileName: file.name, format: 'xlsx', topics: 4 },
    });
  });

  it('imports a flat table with every column, several methods in a cell, sources and a date cell', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const file = {
      name: 'flat.xlsx',
      bytes: await workbook({
        name: 'Sheet1',
        rows: [
          [
            '序号',
            '监督议题',
            '监督方式',
            '时间',
            '会议日期',
            '监督对象',
            '牵头单位',
            '协办委室',
            '报告单位',
            '分管副主任',
            '议题来源',
          ],
          [
            1,
            '执行难问题整治情况',
            '听取和审议专项工作报告、专题询问、满意度测评',
            '6月',
            new Date(Date.UTC(2023, 5, 28)),
            '人民法院',
            '监察和司法委',
            '财经委，代表工委',
            '市中级人民法院',
            '李副主任',
            '代表议案建议、社会普遍关注',
          ],
          [
            2,
            '农村人居环境整治',
            '视察+听取审议',
            '7月',
            '',
            '',
            '农业与农村委',
            '',
            '市农业农村局',
            '',
            '党委交办',
          ],
          [
            3,
            '市监委整治群众身边腐败和作风问题',
            '专项工作报告',
            '10月',
            '2023-10-26',
            '',
            '监察和司法委',
            '',
            '市监察委员会',
            '',
            '',
          ],
        ],
      }),
    };
    expect((await preview(editor, planId, file)).summary).toMatchObject({ topics: 3, errors: 0, notices: 0 });
    expect(await importAndRead(editor, planId, file)).toEqual([
      topic({
        title: '执行难问题整治情况',
        method: 'special_report',
        addonMethods: ['special_inquiry', 'satisfaction_vote'],
        supervisedBody: 'court',
        reportingUnit: '市中级人民法院',
        leadCommittee: '监察和司法委',
        assistCommittees: ['财经委', '代表工委'],
        leaderInCharge: '李副主任',
        month: 6,
        sessionDate: '2023-06-28',
        sources: ['deputy_suggestions', 'public_concern'],
      }),
      topic({
        title: '农村人居环境整治',
        method: 'visit',
        reportingUnit: '市农业农村局',
        leadCommittee: '农业与农村委',
        month: 7,
        sources: ['party_assigned'],
      }),
      topic({
        title: '市监委整治群众身边腐败和作风问题',
        supervisedBody: 'supervisory_commission',
        reportingUnit: '市监察委员会',
        leadCommittee: '监察和司法委',
        month: 10,
        sessionDate: '2023-10-26',
      }),
    ]);
  });

  it('reads months written as 6月 and schedules written as sessions, quarters, ranges and the whole year', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const schedules = [
      '6月',
      '六月份',
      '第三次常委会会议',
      '第5次会议',
      '8月（第4次常委会会议）',
      '第二季度',
      '9-10月',
      '全年',
    ];
    const file = {
      name: 'schedules.xlsx',
      bytes: await workbook({
        name: '计划',
        rows: [
          ['议题', '监督方式', '拟安排时间'],
          ...schedules.map((schedule, index) => [`议题${index + 1}`, '调研', schedule]),
        ],
      }),
    };
    const seen = await preview(editor, planId, file);
    expect(seen.rows.map((row) => [row.topic?.month, row.topic?.session, codes(row.problems)])).toEqual([
      [6, null, []],
      [6, null, []],
      [null, 3, []],
      [null, 5, []],
      [8, 4, []],
      [4, null, ['notice:quarter_month']],
      [9, null, ['notice:month_range']],
      [null, null, ['notice:no_month']],
    ]);
    const topics = await importAndRead(editor, planId, file);
    expect(topics.map((entry) => [entry.title, entry.method, entry.month, entry.session])).toEqual([
      ['议题1', 'research', 6, null],
      ['议题2', 'research', 6, null],
      ['议题3', 'research', null, 3],
      ['议题4', 'research', null, 5],
      ['议题5', 'research', 8, 4],
      ['议题6', 'research', 4, null],
      ['议题7', 'research', 9, null],
      ['议题8', 'research', null, null],
    ]);
  });

  it('ignores unknown columns in any order, reads the first sheet with data, and takes a chosen sheet', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const file = {
      name: 'extra.xlsx',
      bytes: await workbook(
        { name: '说明', rows: [] },
        {
          name: '市本级',
          rows: [
            ['备注', '分管领导', '题目', '牵头委室', '序号', '完成情况', '方式', '时间安排', '联系人'],
            [
              '重点',
              '王副主任',
              '城区学位建设审议意见"回头看"',
              '教科文卫委',
              1,
              '未开始',
              '跟踪监督',
              '11月',
              '张三',
            ],
            ['', '', '民生实事项目实施情况', '代表工委', 2, '', '满意度测评', '12月', '李四'],
          ],
        },
        {
          name: '县区',
          rows: [
            ['议题', '时间安排'],
            ['县法院执行工作', '6月'],
          ],
        },
      ),
    };
    const seen = await preview(editor, planId, file);
    expect(seen.sheets).toEqual(['说明', '市本级', '县区']);
    expect(seen.sheet).toBe('市本级');
    expect(seen.columns.map((column) => column.mapped)).toEqual([
      null,
      'leaderInCharge',
      'title',
      'leadCommittee',
      'serial',
      null,
      'method',
      'schedule',
      null,
    ]);
    const chosen = await preview(editor, planId, file, { sheet: '县区' });
    expect(chosen.rows.map((row) => row.topic?.title)).toEqual(['县法院执行工作']);
    const unknownSheet = await postImport(editor, planId, file, { dryRun: true, sheet: '乡镇' });
    expect(unknownSheet.status).toBe(400);
    expect(await codeOf(unknownSheet)).toBe('unknown_sheet');

    expect(await importAndRead(editor, planId, file)).toEqual([
      topic({
        title: '城区学位建设审议意见"回头看"',
        method: 'follow_up',
        leadCommittee: '教科文卫委',
        leaderInCharge: '王副主任',
        month: 11,
      }),
      topic({
        title: '民生实事项目实施情况',
        method: 'satisfaction_vote',
        leadCommittee: '代表工委',
        month: 12,
      }),
    ]);
  });

  it('imports a GBK-encoded CSV with blank rows and quoted cells', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const csv = [
      '示范市人大常委会2023年度监督工作计划,,,,',
      ',,,,',
      '序号,议题,监督方式,时间安排,牵头委室',
      '1,"听取和审议市人民政府关于城市内涝治理, 排水管网建设情况的报告",听取和审议专项工作报告,5月,城建环资委',
      ',,,,',
      '',
      '2,《乡村振兴促进法》实施情况,执法检查,9至10月,农业与农村委',
      '3,"国有资产管理情况","国有资产管理情况报告",第六次常委会会议,"财经委、预算工委"',
      ',,,,',
    ].join('\r\n');
    const file = { name: '计划.csv', bytes: gbk(csv) };
    const seen = await preview(editor, planId, file);
    expect(seen).toMatchObject({ format: 'csv', headerRow: 3, importable: true });
    expect(seen.rows.map((row) => row.row)).toEqual([4, 7, 8]);
    expect(await importAndRead(editor, planId, file)).toEqual([
      topic({
        title: '听取和审议市人民政府关于城市内涝治理, 排水管网建设情况的报告',
        leadCommittee: '城建环资委',
        month: 5,
      }),
      topic({
        title: '《乡村振兴促进法》实施情况',
        method: 'law_inspection',
        leadCommittee: '农业与农村委',
        month: 9,
      }),
      topic({
        title: '国有资产管理情况',
        method: 'state_assets_report',
        leadCommittee: '财经委',
        assistCommittees: ['预算工委'],
        session: 6,
      }),
    ]);
  });

  it('fills a method merged down several rows into each of them, with a notice', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const file = {
      name: 'merged.xlsx',
      bytes: await workbook({
        name: '计划',
        rows: [
          ['监督方式', '议题', '时间安排', '牵头委室'],
          ['执法检查', '《安全生产法》实施情况', '11月', '社会建设委'],
          ['', '《乡村振兴促进法》实施情况', '9月', '农业与农村委'],
          ['', '《消防法》实施情况', '8月', ''],
          ['视察', '农村公路建设', '4月', '城建环资委'],
        ],
        merges: ['A2:A4', 'D3:D4'],
      }),
    };
    const seen = await preview(editor, planId, file);
    expect(seen.rows.map((row) => codes(row.problems))).toEqual([
      [],
      ['notice:merged_cell_filled'],
      ['notice:merged_cell_filled', 'notice:merged_cell_filled'],
      [],
    ]);
    expect(await importAndRead(editor, planId, file)).toEqual([
      topic({
        title: '《安全生产法》实施情况',
        method: 'law_inspection',
        leadCommittee: '社会建设委',
        month: 11,
      }),
      topic({
        title: '《乡村振兴促进法》实施情况',
        method: 'law_inspection',
        leadCommittee: '农业与农村委',
        month: 9,
      }),
      topic({
        title: '《消防法》实施情况',
        method: 'law_inspection',
        leadCommittee: '农业与农村委',
        month: 8,
      }),
      topic({ title: '农村公路建设', method: 'visit', leadCommittee: '城建环资委', month: 4 }),
    ]);
  });

  it('refuses files that are not spreadsheets, or are locked, old, too large or headless, writing nothing', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const random = new Uint8Array(4096);
    for (let index = 0; index < random.length; index += 1) random[index] = (index * 7919 + 13) % 256;
    const cfb = (body: string) => {
      const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
      const bytes = new Uint8Array(2048);
      bytes.set(header);
      bytes.set(new Uint8Array(Buffer.from(body, 'utf16le')), 1024);
      return bytes;
    };
    const cases: [Upload, number, string][] = [
      [{ name: 'plan.xlsx', bytes: random }, 400, 'not_a_spreadsheet'],
      [
        { name: 'plan.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]) },
        400,
        'not_a_spreadsheet',
      ],
      [{ name: '加密.xlsx', bytes: cfb('EncryptionInfo EncryptedPackage') }, 400, 'encrypted_workbook'],
      [{ name: 'old.xls', bytes: cfb('Workbook SummaryInformation') }, 400, 'legacy_xls'],
      [
        { name: 'notes.csv', bytes: new TextEncoder().encode('今天开会\n讨论了很多事情\n') },
        400,
        'no_header_row',
      ],
      [{ name: 'big.csv', bytes: new Uint8Array(OVERSIZED_BYTES).fill(0x41) }, 413, 'file_too_large'],
    ];
    for (const [upload, status, code] of cases) {
      for (const dryRun of [true, false]) {
        const response = await postImport(editor, planId, upload, { dryRun });
        expect([upload.name, response.status]).toEqual([upload.name, status]);
        const body = ErrorBody.parse(await response.json());
        expect(body.error.code).toBe(code);
        expect(body.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      }
    }
    const noFile = await editor.fetch(`/api/plans/${planId}/import`, { method: 'POST', body: '{}' });
    expect(noFile.status).toBe(400);
    expect(await codeOf(noFile)).toBe('file_missing');
    expect(await topicCount(editor, planId)).toBe(0);
  });

  it('imports nothing while any row has an error, and shows where', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('计划');
    sheet.addRow(['议题', '监督方式', '时间安排', '牵头委室']);
    sheet.addRow(['优化营商环境', '专项工作报告', '8月', '财经委']);
    sheet.addRow(['执行难', '座谈交流', '6月', '监察和司法委']);
    sheet.addRow(['民生实事', '满意度测评', '13月', '代表工委']);
    sheet.addRow(['安全生产', '执法检查', '11月', { formula: 'B2&C2' } as ExcelJS.CellFormulaValue]);
    sheet.addRow(['', '视察', '4月', '城建环资委']);
    sheet.addRow(['字'.repeat(201), '视察', '4月', '城建环资委']);
    const file = { name: 'problems.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) };

    const seen = await preview(editor, planId, file);
    expect(seen.importable).toBe(false);
    expect(
      seen.rows.map((row) => [row.row, codes(row.problems.filter((problem) => problem.level === 'error'))]),
    ).toEqual([
      [2, []],
      [3, ['error:unknown_method']],
      [4, ['error:invalid_field']],
      [5, ['error:formula_without_value']],
      [6, ['error:missing_title']],
      [7, ['error:invalid_field']],
    ]);
    expect(seen.rows[2]?.problems).toContainEqual({
      level: 'error',
      code: 'invalid_field',
      column: 'schedule',
      field: 'month',
      value: '13',
    });
    expect(seen.rows[3]?.problems[0]).toMatchObject({ column: 'leadCommittee' });
    expect(seen.rows[4]?.problems[0]).toMatchObject({ code: 'missing_title', column: 'title' });
    expect(seen.rows[5]?.problems[0]).toMatchObject({ field: 'title', column: 'title' });

    const refused = await postImport(editor, planId, file);
    expect(refused.status).toBe(422);
    const refusal = ImportRefusal.parse(await refused.json());
    expect(refusal.error.code).toBe('import_has_problems');
    expect(refusal.preview.summary.errors).toBe(5);
    expect(await topicCount(editor, planId)).toBe(0);
  });

  it('follows a corrected column mapping, and refuses a mapping that uses a field twice', async () => {
    const editor = await running().signIn('city.editor');
    const planId = await emptyPlan();
    const file = {
      name: 'mapping.xlsx',
      bytes: await workbook({
        name: '计划',
        rows: [
          ['项目', '监督议题', '时间'],
          ['民生', '老旧小区改造情况', '6月'],
          ['法治', '检查《安全生产法》实施情况', '11月'],
        ],
      }),
    };
    const proposed = await preview(editor, planId, file);
    expect(proposed.columns.map((column) => [column.proposed, column.mapped])).toEqual([
      ['title', 'title'],
      [null, null],
      ['schedule', 'schedule'],
    ]);
    expect(proposed.rows.map((row) => row.topic?.title)).toEqual(['民生', '法治']);

    const mapping = [null, 'title', 'schedule'];
    const corrected = await preview(editor, planId, file, { mapping });
    expect(corrected.columns.map((column) => [column.proposed, column.mapped])).toEqual([
      ['title', null],
      [null, 'title'],
      ['schedule', 'schedule'],
    ]);
    const twice = await postImport(editor, planId, file, { dryRun: true, mapping: ['title', 'title', null] });
    expect(twice.status).toBe(400);
    expect(await codeOf(twice)).toBe('invalid_mapping');
    const garbage = await postImport(editor, planId, file, { dryRun: true, mapping: 'not json' });
    expect(garbage.status).toBe(400);

    expect(await importAndRead(editor, planId, file, { mapping })).toEqual([
      topic({ title: '老旧小区改造情况', month: 6, method: 'special_report' }),
      topic({ title: '检查《安全生产法》实施情况', month: 11, method: 'law_inspection' }),
    ]);
  });

  it('lets only the plan’s editors import, and never into an approved plan', async () => {
    const file = { name: 'one.csv', bytes: new TextEncoder().encode('议题,时间安排\n老旧小区改造,6月\n') };
    const viewer = await running().signIn('city.viewer');
    expect((await postImport(viewer, SOLICITING, file, { dryRun: true })).status).toBe(403);
    const county = await running().signIn('county.editor');
    expect((await postImport(county, SOLICITING, file)).status).toBe(403);
    const editor = await running().signIn('city.editor');
    const frozen = await postImport(editor, EXECUTING, file);
    expect(frozen.status).toBe(409);
    expect(await codeOf(frozen)).toBe('plan_frozen');
    expect((await postImport(editor, 'no-such-plan', file)).status).toBe(404);
    const signedOut = await fetch(`${running().baseUrl}/api/plans/${SOLICITING}/import`, { method: 'POST' });
    expect(signedOut.status).toBe(401);
    const before = await topicCount(editor, SOLICITING);
    const csrfLess = await postImport(
      {
        ...editor,
        fetch: (path, init) =>
          editor.fetch(path, { ...init, headers: { ...init?.headers, 'x-csrf-token': 'wrong' } }),
      },
      SOLICITING,
      file,
    );
    expect(csrfLess.status).toBe(403);
    expect(await topicCount(editor, SOLICITING)).toBe(before);
  });

  it('reads an exported plan back into the same topics (round trip)', async () => {
    const editor = await running().signIn('city.editor');
    const exported = await editor.fetch(`/api/plans/${EXECUTING}/export.xlsx`);
    expect(exported.status).toBe(200);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    const source = await connect(EXECUTING, { token: await editor.syncToken() });
    const original = source.topics().filter((entry) => !entry.archived);
    expect(original.length).toBeGreaterThan(5);

    const planId = await emptyPlan();
    const seen = await preview(editor, planId, { name: 'city-2021.xlsx', bytes });
    expect(seen.summary).toMatchObject({ topics: original.length, errors: 0 });
    const imported = await importAndRead(editor, planId, { name: 'city-2021.xlsx', bytes });
    expect(imported).toEqual(original.map(fieldsOf));
  });
});
