import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { listTopics } from '@yipan/domain';
import { IMPORT_FILE_FIELD } from '@yipan/protocol';
import { connectSynced } from '../support/connectClient';
import { describeEachDialect } from '../support/dialects';
import type { SignedIn } from '../support/signIn';
import { useTestServer } from '../support/useTestServer';
import {
  FuzzTally,
  fuzzInputs,
  fuzzSeed,
  hostileString,
  leakedInternals,
  mutateBytes,
  Random,
} from './support/random';

/** An open plan (collecting proposals) the test editor may import into. */
const PLAN = 'county-4-2021';

/** A real workbook as Excel writes it: the header row Yipan recognises, then `rows` topics with the given cells. */
async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('监督计划');
  sheet.addRow(['序号', '议题名称', '监督方式', '牵头委室', '审议月份']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * A small file that unpacks to millions of characters: one long text shared by every cell of a thousand
 * rows (Excel stores a repeated string once), past what one import reads (IMPORT_TEXT_MAX_CHARS).
 */
async function zipBomb(): Promise<Buffer> {
  const long = '炸'.repeat(1_000);
  return workbook(Array.from({ length: 1_000 }, () => [long, long, long, long, long]));
}

/** Rewrites one XML part of the workbook with a mutation of its text: broken markup, hostile strings. */
async function mutateXml(random: Random, base: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base);
  const names = Object.keys(zip.files).filter((name) => name.endsWith('.xml') || name.endsWith('.rels'));
  const name = random.pick(names);
  const xml = (await zip.file(name)?.async('string')) ?? '';
  const at = random.int(xml.length + 1);
  const mutated = random.pick<() => string>([
    () => xml.slice(0, at),
    () => xml.slice(0, at) + hostileString(random) + xml.slice(at),
    () => xml.replace(/r="[A-Z]+\d+"/g, () => `r="${random.pick(['XFD1048577', 'A0', '', 'ZZZZ1', '-1'])}"`),
    () => xml.replace(/<\/sheetData>/, `<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>`),
    () => xml.replace(/<t>/g, '<t><![CDATA[').replace(/<\/t>/g, ']]></t>'),
    () =>
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${'a'.repeat(1_000)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>${xml}`,
    () => '',
  ])();
  zip.file(name, mutated);
  return Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
}

/** Posts a multipart form as the signed-in client (the form's own content type, not the JSON default). */
async function postForm(client: SignedIn, path: string, form: FormData): Promise<Response> {
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  return client.fetch(path, {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    body: await encoded.arrayBuffer(),
  });
}

describeEachDialect('fuzzing the spreadsheet import', (dialect) => {
  const { running } = useTestServer(dialect);
  const inputs = fuzzInputs(0.03);

  it(
    'answers every mutated spreadsheet with a clean 4xx and a code, or imports it whole',
    { timeout: 120_000 + inputs * 500 },
    async () => {
      const seed = fuzzSeed();
      const random = new Random(seed);
      const tally = new FuzzTally();
      const startedAt = performance.now();
      const editor = running().editor;
      const honest = await workbook([
        ['1', '听取和审议县人民政府关于农村供水工作情况的报告', '听取审议专项工作报告', '农业农村委', '6'],
        ['2', '开展食品安全法执法检查', '执法检查', '教科文卫委', '9'],
      ]);
      const donors = [honest, await workbook([['1', '议题', '专题询问', '财经委', '3']])];
      const bomb = await zipBomb();
      const failures: string[] = [];
      const statuses = new Set<string>();
      const topicCount = async () => {
        const client = await connectSynced(running().syncUrl, PLAN);
        const count = listTopics(client.doc, { includeArchived: true }).length;
        client.close();
        return count;
      };
      let topics = await topicCount();

      for (let index = 0; index < inputs; index++) {
        const kind = random.pick(['bytes', 'xml', 'cells', 'bomb', 'csv'] as const);
        let file: Buffer;
        if (kind === 'bytes') file = Buffer.from(mutateBytes(random, random.pick(donors), donors));
        else if (kind === 'xml') file = await mutateXml(random, random.pick(donors));
        else if (kind === 'bomb') file = bomb;
        else if (kind === 'csv')
          file = Buffer.from(`议题名称,监督方式\n${hostileString(random, true)},${hostileString(random)}\n`);
        else
          file = await workbook(
            Array.from({ length: 1 + random.int(5) }, () =>
              Array.from({ length: 5 }, () => hostileString(random).slice(0, 50_000)),
            ),
          );
        tally.add(kind);
        const form = new FormData();
        form.append(
          IMPORT_FILE_FIELD,
          new Blob([new Uint8Array(file)]),
          random.pick(['计划.xlsx', 'plan.csv', hostileString(random).slice(0, 100) || 'x']),
        );
        if (random.chance(0.2)) form.append('mapping', hostileString(random).slice(0, 1_000));
        if (random.chance(0.2)) form.append('sheet', hostileString(random).slice(0, 1_000));
        const dryRun = random.chance(0.5);
        const response = await postForm(
          editor,
          `/api/plans/${PLAN}/import${dryRun ? '?dryRun=1' : ''}`,
          form,
        );
        const text = await response.text();
        statuses.add(
          `${kind}→${response.status}${response.status >= 400 ? ` ${text.match(/"code":"(\w+)"/)?.[1] ?? ''}` : ''}`,
        );
        const where = `#${index} ${kind}`;
        if (response.status >= 500) failures.push(`${where} → ${response.status} ${text.slice(0, 200)}`);
        failures.push(...leakedInternals(text).map((leak) => `${where} leaks ${leak}`));
        if (response.status >= 400) {
          const code: unknown = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
          if (typeof code !== 'string') failures.push(`${where} → ${response.status} without a code`);
        }
        // Refused or a dry run: nothing was written. Imported: every topic of it arrived at once.
        const now = await topicCount();
        if (response.status === 201) {
          const { imported } = JSON.parse(text) as { imported: number };
          if (now !== topics + imported)
            failures.push(`${where} imported ${imported} but the plan has ${now - topics} more`);
        } else if (now !== topics)
          failures.push(`${where} → ${response.status} yet the plan went from ${topics} to ${now} topics`);
        topics = now;
      }

      console.log(
        `${tally.report(`import [${dialect}]`, seed, startedAt)} answers: ${[...statuses].sort().join(', ')}`,
      );
      expect(failures).toEqual([]);
      // The zip bomb is refused by size, not read whole.
      const form = new FormData();
      form.append(IMPORT_FILE_FIELD, new Blob([new Uint8Array(bomb)]), 'bomb.xlsx');
      const refused = await postForm(editor, `/api/plans/${PLAN}/import`, form);
      expect(`${refused.status} ${await refused.text()}`).toMatch(/^413 .*spreadsheet_too_large/);
    },
  );
});
