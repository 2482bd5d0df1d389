import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import {
  addRectificationItem,
  addTopic,
  archiveTopic,
  CELL_STATE_LABELS,
  chinaDateOf,
  addDays,
  listTopics,
  METHOD_LABELS,
  METHODS,
  PLAN_TABLE_COLUMNS,
  planTableRow,
  topicSentence,
  TOPIC_FIELDS,
  type Topic,
  type TopicFields,
} from '@yipan/domain';
import {
  AlignmentResponse,
  AlignmentRowResponse,
  CreatePlanResponse,
  ErrorBody,
  FollowUpResponse,
} from '@yipan/protocol';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import { waitFor } from '../support/waitFor';

/*
 * Issue 8's exports, against a real server on the demo data: the issued plan as Word (read back with mammoth
 * and its XML with jszip), the plan table, the alignment matrix and the follow-up list as workbooks (read
 * back with exceljs), the minutes as Word, and who may download them.
 */

const CITY_PLAN = 'city-2021';
const CITY_TITLE = '示范市人大常委会2021年度监督工作计划';
/** 东山县's plan: still soliciting in the demo, empty, so a test may fill it freely. */
const COUNTY_PLAN = 'county-3-2021';
const COUNTY_ORG = 'county-3';
const COUNTY_TITLE = '东山县人大常委会2021年度监督工作计划';
const MEETING = 'demo-council-2021-3';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The year of the empty plan the round trip imports into: one no demo organisation has. */
const ROUND_TRIP_YEAR = 2031;
/** The plan table's title row and header row; topics start below. */
const HEADER_ROW = 2;

type Download = { status: number; type: string | null; disposition: string | null; bytes: Buffer };

/** What a topic is, as the plan table carries it: every field and the notes (重点内容). */
function fieldsOf(topic: Topic): TopicFields & { notes: string } {
  const fields = Object.fromEntries(TOPIC_FIELDS.map((key) => [key, topic[key]])) as TopicFields;
  return { ...fields, notes: topic.notes };
}

async function download(client: SignedIn, path: string): Promise<Download> {
  const response = await client.fetch(path);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** The paragraphs of a .docx as text, as a reader sees them. */
async function paragraphsOf(bytes: Buffer): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A .docx's main part and footers, as XML. */
async function partsOf(bytes: Buffer): Promise<{ document: string; footers: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const names = Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
  const footers = await Promise.all(names.map(async (name) => (await zip.file(name)?.async('string')) ?? ''));
  return { document, footers };
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; the bytes are what it wrote.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** A row's cells as text ('' for empty), first column first. */
function rowTexts(sheet: ExcelJS.Worksheet, rowNumber: number, columns: number): string[] {
  const row = sheet.getRow(rowNumber);
  return Array.from({ length: columns }, (_unused, index) => row.getCell(index + 1).text);
}

/** The sections of the issued plan's text: heading → its item paragraphs. */
function sectionsOf(paragraphs: readonly string[]): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const paragraph of paragraphs) {
    if (/^[一二三四五六七八九十]+、/.test(paragraph)) {
      current = [];
      sections.set(paragraph, current);
    } else if (current && /^（[一二三四五六七八九十]+）/.test(paragraph)) current.push(paragraph);
  }
  return sections;
}

describeEachDialect('plan exports', (dialect) => {
  const { running, connect } = useTestServer(dialect);

  async function cityTopics(): Promise<Topic[]> {
    const client = await connect(CITY_PLAN);
    return listTopics(client.doc);
  }

  it('exports the city’s plan as the issued Word document: title, opening, sections by method, numbered items', async () => {
    const viewer = await running().signIn('city.viewer');
    const file = await download(viewer, `/api/plans/${CITY_PLAN}/export.docx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe(DOCX_TYPE);
    expect(file.disposition).toBe(
      `attachment; filename="plan-2021.docx"; filename*=UTF-8''${encodeURIComponent(`${CITY_TITLE}.docx`)}`,
    );
    const paragraphs = await paragraphsOf(file.bytes);
    expect(paragraphs[0]).toBe(CITY_TITLE);
    expect(paragraphs[1]).toMatch(
      /^为依法履行宪法和法律赋予的监督职责，根据《中华人民共和国各级人民代表大会常务委员会监督法》/,
    );
    expect(paragraphs[1]).toMatch(/结合本市实际，制定本计划。$/);

    const sections = sectionsOf(paragraphs);
    expect([...sections.keys()]).toEqual([
      '一、听取和审议专项工作报告',
      '二、决算',
      '三、计划执行',
      '四、国有资产管理情况报告',
      '五、环境状况和环保目标完成情况报告',
      '六、执法检查',
      '七、满意度测评',
      '八、跟踪监督',
    ]);
    expect(sections.get('一、听取和审议专项工作报告')).toEqual([
      '（一）听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问，拟安排在6月份常委会会议，由监察和司法委负责。',
      '（二）听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评，拟安排在8月份常委会会议，由财经委负责。',
      '（三）听取和审议市监察委员会关于整治群众身边腐败和作风问题工作情况的报告，拟安排在10月份常委会会议，由监察和司法委负责。',
    ]);
    expect(sections.get('二、决算')).toEqual([
      '（一）审查和批准2020年市级决算，听取和审议2020年度市级预算执行和其他财政收支的审计工作报告，拟安排在6月份常委会会议，由财经委负责，预算工委配合。',
    ]);
    expect(sections.get('六、执法检查')).toEqual([
      '（一）开展《中华人民共和国乡村振兴促进法》实施情况执法检查，拟安排在9月份常委会会议，由农业与农村委负责。',
      '（二）开展《中华人民共和国安全生产法》实施情况执法检查，拟安排在11月份常委会会议，由社会建设委负责。',
    ]);
    expect(sections.get('八、跟踪监督')).toEqual([
      '（一）对城区学位建设审议意见落实情况开展“回头看”，拟安排在11月份常委会会议，由教科文卫委负责。',
    ]);

    // Every topic of the plan appears exactly once, in its method's section.
    const topics = await cityTopics();
    const org = { name: '示范市', level: 'city' as const };
    const allItems = [...sections.values()].flat();
    expect(allItems).toHaveLength(topics.length);
    for (const topic of topics) {
      const sentence = topicSentence(topic, org);
      expect(allItems.filter((item) => item.endsWith(sentence))).toHaveLength(1);
      const [heading, items] = [...sections.entries()].find(([, list]) =>
        list.some((item) => item.endsWith(sentence)),
      )!;
      expect(heading.replace(/^[一二三四五六七八九十]+、/, '')).toBe(METHOD_LABELS[topic.method].zh);
      expect(items.some((item) => item.endsWith(sentence))).toBe(true);
    }
    // Sections follow the glossary's order of methods.
    const order = topics.map((topic) => METHODS.indexOf(topic.method));
    expect([...new Set(order)].sort((a, b) => a - b)).toHaveLength(sections.size);
  });

  it('sets the official fonts on the runs, A4 pages and a "— 1 —" page number with a PAGE field', async () => {
    const file = await download(running().editor, `/api/plans/${CITY_PLAN}/export.docx`);
    const { document, footers } = await partsOf(file.bytes);
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312'])
      expect(document).toContain(`w:eastAsia="${font}"`);
    // 二号 title and 三号 body, in half-points.
    expect(document).toContain('<w:sz w:val="44"/>');
    expect(document).toContain('<w:sz w:val="32"/>');
    // Two characters' first-line indent.
    expect(document).toMatch(/w:firstLineChars="200"/);
    const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(document);
    expect(Number(size?.[1])).toBeCloseTo(11906, -1);
    expect(Number(size?.[2])).toBeCloseTo(16838, -1);
    const footer = footers.join('');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toContain('— ');
    expect(footer).toContain('<w:jc w:val="center"/>');
  });

  it('exports the plan table with the headers the import reads, one row per topic with its cells', async () => {
    const viewer = await running().signIn('city.viewer');
    const file = await download(viewer, `/api/plans/${CITY_PLAN}/export.xlsx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe(XLSX_TYPE);
    expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${CITY_TITLE}.xlsx`)}`);
    const workbook = await workbookOf(file.bytes);
    const sheet = workbook.worksheets[0]!;
    const width = PLAN_TABLE_COLUMNS.length;
    expect(rowTexts(sheet, 1, 1)).toEqual([CITY_TITLE]);
    expect(rowTexts(sheet, HEADER_ROW, width)).toEqual(PLAN_TABLE_COLUMNS.map((column) => column.header));
    const topics = await cityTopics();
    expect(sheet.actualRowCount).toBe(HEADER_ROW + topics.length);
    topics.forEach((topic, index) => {
      const cells = planTableRow(topic, index + 1);
      expect(rowTexts(sheet, HEADER_ROW + 1 + index, width)).toEqual(
        PLAN_TABLE_COLUMNS.map((column) => String(cells[column.key])),
      );
    });
    // Read literally too, as an office would see the first row.
    const first = Object.fromEntries(
      PLAN_TABLE_COLUMNS.map((column, index) => [
        column.header,
        rowTexts(sheet, HEADER_ROW + 1, width)[index],
      ]),
    );
    expect(first).toMatchObject({
      序号: '1',
      议题: '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问',
      重点内容: '省、市、县三级人大联动监督“执行难”；各县区同步安排法院执行工作议题。',
      监督方式: '听取和审议专项工作报告、专题询问',
      时间安排: '6月',
      监督对象: '人民法院',
      牵头委室: '监察和司法委',
      '承办/报告单位': '市中级人民法院',
      参加人员: '',
      议题来源: '代表议案建议、社会普遍关注、上级人大联动',
    });
    // Frozen header, landscape A4, the header repeated on every printed page, no merged cells.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.printTitlesRow).toBe(`${HEADER_ROW}:${HEADER_ROW}`);
    expect(sheet.getRow(HEADER_ROW + 1).getCell(2).alignment?.wrapText).toBe(true);
    expect(sheet.getRow(HEADER_ROW).getCell(1).border?.top?.style).toBe('thin');
    expect((sheet.model as { merges?: string[] }).merges ?? []).toEqual([]);
  });

  it('leaves archived topics out, and writes a county plan’s bodies, sessions, notes and assisting committees', async () => {
    const client = await connect(COUNTY_PLAN);
    const kept = addTopic(client.doc, {
      title: '优化营商环境',
      method: 'special_report',
      addonMethods: ['special_inquiry', 'satisfaction_vote'],
      leadCommittee: '财经委',
      assistCommittees: ['预算工委'],
      reportingUnit: '县发展和改革局',
      leaderInCharge: '张副主任',
      month: 6,
      session: 3,
      sources: ['public_concern'],
      notes: '重点了解涉企审批时限。',
    });
    const inspection = addTopic(client.doc, {
      title: '《中华人民共和国安全生产法》',
      method: 'law_inspection',
      supervisedBody: 'gov',
      leadCommittee: '社会建设委',
      session: 5,
    });
    const archived = addTopic(client.doc, { title: '已撤销的议题', method: 'visit', month: 7 });
    archiveTopic(client.doc, archived);
    await waitFor('the county plan to be stored', async () => {
      const stored = await running().server.db.projection.plan(COUNTY_PLAN);
      return stored.topics.length === 3 ? stored : null;
    });

    const docx = await download(running().editor, `/api/plans/${COUNTY_PLAN}/export.docx`);
    const paragraphs = await paragraphsOf(docx.bytes);
    expect(paragraphs[0]).toBe(COUNTY_TITLE);
    expect(paragraphs[1]).toContain('结合本县实际');
    expect(paragraphs.slice(2)).toEqual([
      '一、听取和审议专项工作报告',
      '（一）听取和审议县人民政府关于优化营商环境工作情况的报告，并开展专题询问、满意度测评，拟安排在6月份第3次常委会会议，由财经委负责，预算工委配合。',
      '二、执法检查',
      '（一）开展《中华人民共和国安全生产法》实施情况执法检查，拟安排在第5次常委会会议，由社会建设委负责。',
    ]);

    const xlsx = await download(running().editor, `/api/plans/${COUNTY_PLAN}/export.xlsx`);
    const sheet = (await workbookOf(xlsx.bytes)).worksheets[0]!;
    const width = PLAN_TABLE_COLUMNS.length;
    expect(sheet.actualRowCount).toBe(HEADER_ROW + 2);
    expect(rowTexts(sheet, HEADER_ROW + 1, width)).toEqual([
      '1',
      '优化营商环境',
      '重点了解涉企审批时限。',
      '听取和审议专项工作报告、专题询问、满意度测评',
      '6月（第3次常委会会议）',
      '',
      '人民政府',
      '财经委',
      '预算工委',
      '县发展和改革局',
      '张副主任',
      '',
      '社会普遍关注',
    ]);
    expect(rowTexts(sheet, HEADER_ROW + 2, 5)).toEqual([
      '2',
      '《中华人民共和国安全生产法》',
      '',
      '执法检查',
      '第5次常委会会议',
    ]);
    expect(listTopics(client.doc).map((topic) => topic.id)).toEqual([kept, inspection]);
  });

  it('imports its own Excel export back into the same topics (round trip)', async () => {
    const source = await connect(COUNTY_PLAN);
    const original = listTopics(source.doc).map(fieldsOf);
    expect(original.length).toBeGreaterThanOrEqual(2);
    const xlsx = await download(running().editor, `/api/plans/${COUNTY_PLAN}/export.xlsx`);

    const admin = await running().signIn('city.admin');
    const created = await admin.fetch('/api/orgs/city/plans', {
      method: 'POST',
      body: JSON.stringify({ year: ROUND_TRIP_YEAR }),
    });
    expect(created.status).toBe(201);
    const planId = CreatePlanResponse.parse(await created.json()).plan.id;
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(xlsx.bytes)]), 'plan.xlsx');
    const encoded = new Request('http://localhost/', { method: 'POST', body: form });
    const editor = await running().signIn('city.editor');
    const imported = await editor.fetch(`/api/plans/${planId}/import`, {
      method: 'POST',
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
      body: await encoded.arrayBuffer(),
    });
    expect(imported.status).toBe(201);
    const target = await connect(planId);
    expect(listTopics(target.doc).map(fieldsOf)).toEqual(original);
  });

  it('exports the alignment matrix as the JSON endpoint has it: states, linked topics, coverage', async () => {
    const viewer = await running().signIn('city.viewer');
    const json = AlignmentResponse.parse(
      await (await viewer.fetch(`/api/plans/${CITY_PLAN}/alignment`)).json(),
    );
    const file = await download(viewer, `/api/plans/${CITY_PLAN}/alignment.xlsx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe(XLSX_TYPE);
    expect(file.disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${CITY_TITLE}-联动矩阵.xlsx`)}`,
    );
    const sheet = (await workbookOf(file.bytes)).worksheets[0]!;
    const { matrix } = json;
    const width = matrix.columns.length + 3;
    expect(rowTexts(sheet, HEADER_ROW, width)).toEqual([
      '序号',
      '议题',
      ...matrix.columns.map((column) => column.name),
      '覆盖',
    ]);
    expect(matrix.columns.map((column) => column.name)).toEqual(['示范县', '示范区', '东山县', '西河区']);
    for (const [index, row] of matrix.rows.entries()) {
      const texts = rowTexts(sheet, HEADER_ROW + 1 + index, width);
      expect(texts[1]).toBe(row.title);
      // The linked topics' titles are a row's details, read as the matrix's tooltip reads them.
      const { cells } = AlignmentRowResponse.parse(
        await (await viewer.fetch(`/api/plans/${CITY_PLAN}/alignment/rows/${row.topicId}`)).json(),
      );
      cells.forEach((cell, column) => {
        const text = texts[2 + column]!;
        expect(cell.state).toBe(row.cells[column]?.state);
        expect(text.startsWith(CELL_STATE_LABELS[cell.state].zh)).toBe(true);
        for (const topic of cell.topics) expect(text).toContain(topic.title);
      });
      expect(texts[width - 1]).toBe(`${row.coverage.linkedExpected}/${row.coverage.expected}`);
    }
    // 执行难: 示范县 and 示范区 have linked their court topics.
    const enforcement = matrix.rows.findIndex((row) => row.topicId === 'city-2021-enforcement');
    const enforcementRow = rowTexts(sheet, HEADER_ROW + 1 + enforcement, width);
    expect(enforcementRow[2]).toContain('听取和审议县人民法院关于执行工作情况的报告（“听审案、看执行”）');
    expect(enforcementRow[3]).toContain('听取和审议区人民法院关于执行工作情况的报告，并开展专题询问');
    const rural = matrix.rows.findIndex((row) => row.topicId === 'city-2021-rural-revitalization');
    expect(rowTexts(sheet, HEADER_ROW + 1 + rural, width)[5]).toMatch(/^不采纳：本区为城区/);
    const totals = rowTexts(sheet, HEADER_ROW + 1 + matrix.rows.length, width);
    expect(totals).toEqual([
      '',
      '覆盖',
      ...matrix.columns.map((column) => `${column.coverage.linkedExpected}/${column.coverage.expected}`),
      `${matrix.coverage.linkedExpected}/${matrix.coverage.expected}`,
    ]);
  });

  it('exports the follow-up list as the JSON endpoint has it, refused where the list is', async () => {
    const client = await connect(COUNTY_PLAN);
    const today = chinaDateOf(Date.now());
    const topicId = addTopic(client.doc, { title: '整改跟踪导出议题' });
    addRectificationItem(client.doc, topicId, {
      content: '加快执行案款发放',
      responsibleBody: '县人民法院',
      deadline: addDays(today, -10),
    });
    addRectificationItem(client.doc, topicId, {
      content: '完善涉企审批清单',
      responsibleBody: '县发展和改革局',
      deadline: today,
    });
    const json = await waitFor('the items in the follow-up list', async () => {
      const body = FollowUpResponse.parse(
        await (await running().editor.fetch(`/api/orgs/${COUNTY_ORG}/follow-up`)).json(),
      );
      return body.overdue.length + body.dueThisMonth.length >= 2 ? body : null;
    });
    const file = await download(running().editor, `/api/orgs/${COUNTY_ORG}/follow-up.xlsx`);
    expect(file.status).toBe(200);
    expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('东山县-整改跟踪.xlsx')}`);
    const sheet = (await workbookOf(file.bytes)).worksheets[0]!;
    expect(rowTexts(sheet, 1, 1)[0]).toBe(`东山县审议意见整改跟踪清单（${json.today}）`);
    expect(rowTexts(sheet, HEADER_ROW, 9)).toEqual([
      '序号',
      '分类',
      '整改事项',
      '责任单位',
      '办理期限',
      '办理状态',
      '满意度测评',
      '所属议题',
      '所属计划',
    ]);
    const expected = [
      ...json.overdue.map((item) => ({ bucket: '已逾期', item })),
      ...json.dueThisMonth.map((item) => ({ bucket: '本月到期', item })),
      ...json.awaitingRating.map((item) => ({ bucket: '待测评', item })),
      ...json.closed.map((item) => ({ bucket: '已销号', item })),
    ];
    expect(sheet.actualRowCount).toBe(HEADER_ROW + expected.length);
    expected.forEach(({ bucket, item }, index) => {
      expect(rowTexts(sheet, HEADER_ROW + 1 + index, 9)).toEqual([
        String(index + 1),
        bucket,
        item.content,
        item.responsibleBody,
        item.deadline ?? '',
        '起草',
        '',
        item.topicTitle,
        COUNTY_TITLE,
      ]);
    });
    expect(expected.map(({ item }) => item.content)).toEqual(['加快执行案款发放', '完善涉企审批清单']);

    const peer = await running().signIn('county2.editor');
    expect((await peer.fetch(`/api/orgs/${COUNTY_ORG}/follow-up.xlsx`)).status).toBe(403);
  });

  it('exports a meeting’s minutes as Word, for those who may read them', async () => {
    const facilitator = await running().signIn('city.admin');
    const drafted = await facilitator.fetch(`/api/meetings/${MEETING}/minutes/draft`, {
      method: 'POST',
      body: JSON.stringify({ replace: true }),
    });
    expect(drafted.status).toBe(200);
    const reader = await running().signIn('city.viewer');
    const text = await (await reader.fetch(`/api/meetings/${MEETING}/minutes.txt`)).text();
    const file = await download(reader, `/api/meetings/${MEETING}/minutes.docx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe(DOCX_TYPE);
    expect(file.disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('2021年第3次主任会议-纪要.docx')}`,
    );
    const paragraphs = await paragraphsOf(file.bytes);
    expect(paragraphs.slice(0, 2)).toEqual(['2021年第3次主任会议纪要', '2021年3月5日 09:00']);
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    expect(lines[0]).toBe('2021年第3次主任会议纪要');
    expect(paragraphs.slice(2)).toEqual(lines.slice(1));
    expect(paragraphs).toContain('一、议程');
    const { document } = await partsOf(file.bytes);
    expect(document).toContain('w:eastAsia="方正小标宋简体"');
    expect(document).toContain('w:eastAsia="黑体"');

    const outsider = await running().signIn('county2.editor');
    const refused = await outsider.fetch(`/api/meetings/${MEETING}/minutes.docx`);
    expect(refused.status).toBe(404);
    expect(ErrorBody.parse(await refused.json()).error.code).toBe('meeting_not_found');
  });

  it('refuses downloads signed out, and to callers who may not read the plan as the plan itself is refused', async () => {
    const base = running().baseUrl;
    for (const path of [
      `/api/plans/${CITY_PLAN}/export.docx`,
      `/api/plans/${CITY_PLAN}/export.xlsx`,
      `/api/plans/${CITY_PLAN}/alignment.xlsx`,
      `/api/orgs/city/follow-up.xlsx`,
      `/api/meetings/${MEETING}/minutes.docx`,
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(401);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('unauthenticated');
    }
    // 示范区's editor may not read 东山县's unpublished plan: the export answers as GET /api/plans/:planId does.
    const peer = await running().signIn('county2.editor');
    const plan = await peer.fetch(`/api/plans/${COUNTY_PLAN}`);
    for (const path of ['export.docx', 'export.xlsx', 'alignment.xlsx']) {
      const response = await peer.fetch(`/api/plans/${COUNTY_PLAN}/${path}`);
      expect(response.status, path).toBe(plan.status);
      expect(response.status).not.toBe(200);
      expect(response.headers.get('content-disposition')).toBeNull();
    }
    const unknown = await running().editor.fetch('/api/plans/no-such-plan/export.docx');
    expect(unknown.status).toBe(404);
    expect(ErrorBody.parse(await unknown.json()).error.code).toBe('plan_not_found');
  });
});
