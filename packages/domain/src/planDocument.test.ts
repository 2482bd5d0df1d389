import { describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  itemNumber,
  planDocument,
  sectionNumber,
  supervisedBodyName,
  topicSentence,
  type PlanDocumentOrg,
} from './planDocument';
import { topic } from './testing/topic';
import type { Topic } from './planDoc';

const CITY: PlanDocumentOrg = { name: '示范市', level: 'city' };
const COUNTY: PlanDocumentOrg = { name: '示范县', level: 'county' };
const DISTRICT: PlanDocumentOrg = { name: '示范区', level: 'county' };
const TOWNSHIP: PlanDocumentOrg = { name: '示范镇', level: 'township' };

/** The city's 2021 demo topics (DOMAIN.md demo list, as the server seeds them), in board order. */
const CITY_TOPICS: Topic[] = [
  topic('enforcement', {
    title: '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问',
    addonMethods: ['special_inquiry'],
    supervisedBody: 'court',
    leadCommittee: '监察和司法委',
    month: 6,
  }),
  topic('final-accounts', {
    title: '审查和批准2020年市级决算，听取和审议2020年度市级预算执行和其他财政收支的审计工作报告',
    method: 'final_accounts',
    addonMethods: ['audit_report'],
    leadCommittee: '财经委',
    assistCommittees: ['预算工委'],
    month: 6,
  }),
  topic('environment', {
    title: '听取和审议市人民政府关于2020年度环境状况和环境保护目标完成情况的报告',
    method: 'environment_report',
    leadCommittee: '城建环资委',
    month: 6,
  }),
  topic('midyear', {
    title: '听取和审议市人民政府关于上半年国民经济和社会发展计划、预算执行情况的报告',
    method: 'plan_exec',
    addonMethods: ['budget_exec'],
    leadCommittee: '财经委',
    assistCommittees: ['预算工委'],
    month: 8,
  }),
  topic('business', {
    title: '听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评',
    addonMethods: ['satisfaction_vote'],
    leadCommittee: '财经委',
    month: 8,
  }),
  topic('rural', {
    title: '开展《中华人民共和国乡村振兴促进法》实施情况执法检查',
    method: 'law_inspection',
    leadCommittee: '农业与农村委',
    month: 9,
  }),
  topic('supervisory', {
    title: '听取和审议市监察委员会关于整治群众身边腐败和作风问题工作情况的报告',
    supervisedBody: 'supervisory_commission',
    leadCommittee: '监察和司法委',
    month: 10,
  }),
  topic('assets', {
    title: '听取和审议市人民政府关于2020年度国有资产管理情况的综合报告',
    method: 'state_assets_report',
    leadCommittee: '预算工委',
    assistCommittees: ['财经委'],
    month: 10,
  }),
  topic('safety', {
    title: '开展《中华人民共和国安全生产法》实施情况执法检查',
    method: 'law_inspection',
    leadCommittee: '社会建设委',
    month: 11,
  }),
  topic('schools', {
    title: '对城区学位建设审议意见落实情况开展“回头看”',
    method: 'follow_up',
    leadCommittee: '教科文卫委',
    month: 11,
  }),
  topic('livelihood', {
    title: '听取市人民政府关于民生实事项目实施情况的报告，并进行满意度测评',
    method: 'satisfaction_vote',
    leadCommittee: '代表工委',
    month: 12,
  }),
];

describe('the issued plan (planDocument)', () => {
  const document = planDocument({ org: CITY, plan: { year: 2021 }, topics: CITY_TOPICS });

  it('is titled as issued plans are, with an opening paragraph in their register', () => {
    expect(document.title).toBe('示范市人大常委会2021年度监督工作计划');
    expect(document.opening).toMatch(/^为依法履行宪法和法律赋予的监督职责/);
    expect(document.opening).toContain('《中华人民共和国各级人民代表大会常务委员会监督法》');
    expect(document.opening).toContain('结合本市实际');
    expect(document.opening).toMatch(/制定本计划。$/);
  });

  it('has one section per method present, in glossary order, numbered 一、二、…', () => {
    expect(document.sections.map((section) => section.heading)).toEqual([
      '一、听取和审议专项工作报告',
      '二、决算',
      '三、计划执行',
      '四、国有资产管理情况报告',
      '五、环境状况和环保目标完成情况报告',
      '六、执法检查',
      '七、满意度测评',
      '八、跟踪监督',
    ]);
  });

  it('numbers items （一）（二）… within each section, in board order', () => {
    const reports = document.sections[0];
    expect(reports?.items.map((item) => [item.number, item.topicId])).toEqual([
      ['（一）', 'enforcement'],
      ['（二）', 'business'],
      ['（三）', 'supervisory'],
    ]);
    expect(document.sections[5]?.items.map((item) => item.number)).toEqual(['（一）', '（二）']);
    expect(document.sections.flatMap((section) => section.items)).toHaveLength(CITY_TOPICS.length);
  });

  it('reads each demo topic as one sentence: what, when, by whom', () => {
    const sentences = Object.fromEntries(
      document.sections.flatMap((section) => section.items.map((item) => [item.topicId, item.sentence])),
    );
    expect(sentences).toEqual({
      enforcement:
        '听取和审议市中级人民法院关于解决“执行难”工作情况的报告，并开展专题询问，拟安排在6月份常委会会议，由监察和司法委负责。',
      'final-accounts':
        '审查和批准2020年市级决算，听取和审议2020年度市级预算执行和其他财政收支的审计工作报告，拟安排在6月份常委会会议，由财经委负责，预算工委配合。',
      environment:
        '听取和审议市人民政府关于2020年度环境状况和环境保护目标完成情况的报告，拟安排在6月份常委会会议，由城建环资委负责。',
      midyear:
        '听取和审议市人民政府关于上半年国民经济和社会发展计划、预算执行情况的报告，拟安排在8月份常委会会议，由财经委负责，预算工委配合。',
      business:
        '听取和审议市人民政府关于优化营商环境工作情况的报告，并进行满意度测评，拟安排在8月份常委会会议，由财经委负责。',
      rural:
        '开展《中华人民共和国乡村振兴促进法》实施情况执法检查，拟安排在9月份常委会会议，由农业与农村委负责。',
      supervisory:
        '听取和审议市监察委员会关于整治群众身边腐败和作风问题工作情况的报告，拟安排在10月份常委会会议，由监察和司法委负责。',
      assets:
        '听取和审议市人民政府关于2020年度国有资产管理情况的综合报告，拟安排在10月份常委会会议，由预算工委负责，财经委配合。',
      safety:
        '开展《中华人民共和国安全生产法》实施情况执法检查，拟安排在11月份常委会会议，由社会建设委负责。',
      schools: '对城区学位建设审议意见落实情况开展“回头看”，拟安排在11月份常委会会议，由教科文卫委负责。',
      livelihood:
        '听取市人民政府关于民生实事项目实施情况的报告，并进行满意度测评，拟安排在12月份常委会会议，由代表工委负责。',
    });
  });

  it('leaves archived topics out, and sections left empty by them', () => {
    const topics = CITY_TOPICS.map((t) => (t.method === 'follow_up' ? { ...t, archived: true } : t));
    const text = planDocument({ org: CITY, plan: { year: 2021 }, topics });
    expect(text.sections.map((section) => section.method)).not.toContain('follow_up');
    expect(JSON.stringify(text)).not.toContain('回头看');
  });

  it('keeps a plan title that was set, and titles a township plan by its presidium', () => {
    expect(planDocument({ org: CITY, plan: { year: 2021, title: '自定标题' }, topics: [] }).title).toBe(
      '自定标题',
    );
    const township = planDocument({ org: TOWNSHIP, plan: { year: 2021, title: '  ' }, topics: [] });
    expect(township.title).toBe('示范镇人大主席团2021年度监督工作计划');
    expect(township.opening).toContain('结合本镇实际');
    expect(township.opening).not.toContain('一府一委两院');
    expect(township.sections).toEqual([]);
  });
});

describe('an item sentence from a short title', () => {
  it('wraps a subject in its method’s clause', () => {
    const business = topic('a', { title: '优化营商环境', leadCommittee: '财经委', month: 8 });
    expect(topicSentence(business, CITY)).toBe(
      '听取和审议市人民政府关于优化营商环境工作情况的报告，拟安排在8月份常委会会议，由财经委负责。',
    );
    const cases: [Partial<Topic>, string][] = [
      [{ title: '2020年市级决算及审计工作报告' }, '听取和审议市人民政府关于2020年市级决算及审计工作报告。'],
      [
        { title: '环境状况和环保目标完成情况', method: 'environment_report' },
        '听取和审议市人民政府关于环境状况和环保目标完成情况的报告。',
      ],
      [{ title: '《乡村振兴促进法》', method: 'law_inspection' }, '开展《乡村振兴促进法》实施情况执法检查。'],
      [{ title: '《安全生产法》实施情况', method: 'law_inspection' }, '开展《安全生产法》实施情况执法检查。'],
      [{ title: '食品安全工作', method: 'law_inspection' }, '检查食品安全工作。'],
      [{ title: '农村人居环境整治工作', method: 'visit' }, '视察农村人居环境整治工作。'],
      [{ title: '营商环境', method: 'research' }, '开展营商环境专题调研。'],
      [{ title: '民生实事项目', method: 'satisfaction_vote' }, '对民生实事项目开展满意度测评。'],
      [
        { title: '城区学位建设审议意见落实情况', method: 'follow_up' },
        '对城区学位建设审议意见落实情况开展跟踪监督。',
      ],
      [
        { title: '义务教育“双减”落实', method: 'special_inquiry' },
        '结合审议市人民政府关于义务教育“双减”落实工作情况的报告开展专题询问。',
      ],
      [{ title: '部门工作', method: 'work_appraisal', reportingUnit: '市民政局' }, '评议市民政局工作。'],
      [{ title: '市民政局工作', method: 'work_appraisal' }, '评议市民政局工作。'],
    ];
    for (const [patch, sentence] of cases) expect(topicSentence(topic('x', patch), CITY)).toBe(sentence);
  });

  it('appends add-on methods the title does not already name', () => {
    const enforcement = topic('e', {
      title: '执行难',
      supervisedBody: 'court',
      addonMethods: ['special_inquiry', 'satisfaction_vote'],
    });
    expect(topicSentence(enforcement, CITY)).toBe(
      '听取和审议市中级人民法院关于执行难工作情况的报告，并开展专题询问、满意度测评。',
    );
    const visitThenReport = topic('v', {
      title: '农村人居环境整治',
      method: 'visit',
      addonMethods: ['special_report'],
    });
    expect(topicSentence(visitThenReport, COUNTY)).toBe(
      '视察农村人居环境整治，并听取和审议县人民政府关于农村人居环境整治工作情况的报告。',
    );
  });

  it('names the supervised body at the organisation’s level', () => {
    expect(supervisedBodyName('court', CITY)).toBe('市中级人民法院');
    expect(supervisedBodyName('court', COUNTY)).toBe('县人民法院');
    expect(supervisedBodyName('procuratorate', DISTRICT)).toBe('区人民检察院');
    expect(supervisedBodyName('supervisory_commission', CITY)).toBe('市监察委员会');
    expect(supervisedBodyName('gov', TOWNSHIP)).toBe('镇人民政府');
    expect(supervisedBodyName('gov', { name: '青山乡', level: 'township' })).toBe('乡人民政府');
  });

  it('schedules by month, session or both, at the level’s meeting, and names the lead and assisting committees', () => {
    const base = {
      title: '老旧小区改造',
      leadCommittee: '城建环资委',
      assistCommittees: ['财经委', '社会建设委'],
    };
    expect(topicSentence(topic('s', { ...base, session: 3 }), DISTRICT)).toBe(
      '听取和审议区人民政府关于老旧小区改造工作情况的报告，拟安排在第3次常委会会议，由城建环资委负责，财经委、社会建设委配合。',
    );
    expect(topicSentence(topic('b', { ...base, month: 6, session: 3, assistCommittees: [] }), DISTRICT)).toBe(
      '听取和审议区人民政府关于老旧小区改造工作情况的报告，拟安排在6月份第3次常委会会议，由城建环资委负责。',
    );
    expect(topicSentence(topic('t', { title: '乡村振兴', month: 9 }), TOWNSHIP)).toBe(
      '听取和审议镇人民政府关于乡村振兴工作情况的报告，拟安排在9月份主席团会议。',
    );
    expect(topicSentence(topic('r', { title: '营商环境', method: 'research', month: 7 }), CITY)).toBe(
      '开展营商环境专题调研，拟安排在7月份进行。',
    );
  });

  it('numbers in Chinese numerals', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
    ]);
    expect(sectionNumber(3)).toBe('三、');
    expect(itemNumber(12)).toBe('（十二）');
  });
});
