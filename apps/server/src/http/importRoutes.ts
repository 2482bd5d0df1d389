import type { Request, Response } from 'express';
import { Router } from 'express';
import multer from 'multer';
import { addTopic, ColumnMapping, isFrozen, newTopicId, planDocName } from '@yipan/domain';
import {
  IMPORT_FILE_FIELD,
  IMPORT_FILE_MAX_BYTES,
  PlanImportErrorCode,
  PlanImportQuery,
  type ImportRefusal,
  type PlanImportResult,
} from '@yipan/protocol';
import { importPreview } from '../planImport/importPreview';
import { readSpreadsheet } from '../planImport/readSpreadsheet';
import { ipOf, parseInput, requirePlan, type ApiContext } from './apiContext';
import { badRequest, HttpError } from './HttpError';

/** Form fields besides the file: `mapping` and `sheet`, and room for a client that sends one more. */
const IMPORT_FIELDS_MAX = 4;
/** Longest form field: a mapping of a hundred columns is about two kilobytes. */
const IMPORT_FIELD_MAX_BYTES = 16 * 1024;

/** One spreadsheet in memory, refused by size while it streams in, never stored on disk. */
const upload = multer({
  storage: multer.memoryStorage(),
  limits: {
    fileSize: IMPORT_FILE_MAX_BYTES,
    files: 1,
    fields: IMPORT_FIELDS_MAX,
    fieldSize: IMPORT_FIELD_MAX_BYTES,
    parts: IMPORT_FIELDS_MAX + 1,
  },
}).single(IMPORT_FILE_FIELD);

const fileTooLarge = () =>
  new HttpError(
    413,
    PlanImportErrorCode.fileTooLarge,
    `文件超过 ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB，无法导入 / The file is larger than ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB`,
  );

const planFrozen = () =>
  new HttpError(
    409,
    PlanImportErrorCode.planFrozen,
    '计划已审议通过，不能再导入议题；请通过计划调整修改 / The plan is approved; topics can no longer be imported, change it through an adjustment',
  );

/** Runs multer on the request, turning its limits into our stable codes. */
function receive(request: Request, response: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    upload(request, response, (error: unknown) => {
      if (!error) return resolve();
      if (error instanceof multer.MulterError)
        return reject(
          error.code === 'LIMIT_FILE_SIZE'
            ? fileTooLarge()
            : badRequest(`上传内容无效（${error.code}） / Invalid upload (${error.code})`),
        );
      reject(badRequest('上传内容无效 / Invalid upload', 'invalid_body'));
    });
  });
}

/** Browsers send a file name in UTF-8, which busboy reads as Latin-1: undo that when it was so. */
function fileNameOf(file: Express.Multer.File): string {
  const utf8 = Buffer.from(file.originalname, 'latin1').toString('utf8');
  return utf8.includes('\ufffd') ? file.originalname : utf8;
}

function parseMapping(raw: unknown): ColumnMapping | undefined {
  if (raw === undefined || raw === '') return undefined;
  let json: unknown;
  try {
    json = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    json = null;
  }
  const parsed = ColumnMapping.safeParse(json);
  if (!parsed.success)
    throw badRequest(
      '列对应关系无效：每列只能对应一个字段，且每个字段只能用一次 / Invalid column mapping: one field per column, each field at most once',
      PlanImportErrorCode.invalidMapping,
    );
  return parsed.data;
}

/**
 * Import of a plan table (.xlsx or .csv) into a plan: `?dryRun=1` answers the preview of every row and
 * writes nothing; otherwise every topic is added in one server edit, or, when any row has an error,
 * nothing is written and the answer is 422 `import_has_problems` with the preview.
 */
export function importRoutes(context: ApiContext): Router {
  const routes = Router();

  routes.post('/plans/:planId/import', async (request, response) => {
    const { auth, plan } = await requirePlan(request, context, 'write');
    if (isFrozen(plan.status)) throw planFrozen();
    const query = parseInput(PlanImportQuery, request.query);
    const dryRun = query.dryRun === '1' || query.dryRun === 'true';
    await receive(request, response);
    const file = request.file;
    if (!file)
      throw badRequest(
        '请选择要导入的 Excel（.xlsx）或 CSV 文件 / Choose an Excel (.xlsx) or CSV file to import',
        PlanImportErrorCode.fileMissing,
      );
    const body = (request.body ?? {}) as Record<string, unknown>;
    const mapping = parseMapping(body.mapping);
    const sheet = typeof body.sheet === 'string' && body.sheet !== '' ? body.sheet : undefined;
    const fileName = fileNameOf(file);
    const spreadsheet = await readSpreadsheet(file.buffer, fileName, sheet);
    const { preview, topics } = importPreview(spreadsheet, fileName, mapping);
    if (dryRun) {
      response.json(preview);
      return;
    }
    if (!topics) {
      const refusal: ImportRefusal = {
        error: {
          code: PlanImportErrorCode.importHasProblems,
          message: `有 ${preview.summary.errors} 处错误，未导入任何议题 / ${preview.summary.errors} problems found; nothing was imported`,
        },
        preview,
      };
      response.status(422).json(refusal);
      return;
    }
    const topicIds = topics.map(() => newTopicId());
    // One edit: peers see the whole table arrive at once, and the update log holds it as one change.
    await context.docs.editDoc(planDocName(plan.id), auth.user.id, (doc) =>
      doc.transact(() => {
        topics.forEach((topic, index) => addTopic(doc, topic, { id: topicIds[index], author: auth.user.id }));
      }),
    );
    await context.audit.record({
      kind: 'plan_import',
      actorId: auth.user.id,
      ip: ipOf(request, context),
      target: `plan:${plan.id}`,
      orgId: plan.orgId,
      detail: { fileName, format: spreadsheet.format, topics: topicIds.length },
    });
    const result: PlanImportResult = { imported: topicIds.length, topicIds };
    response.status(201).json(result);
  });

  return routes;
}
