import { Router, type Response } from 'express';
import { listTopics, MINUTES_TEXT, minutesDocName, planDocName, planDocument } from '@yipan/domain';
import { MeetingErrorCode } from '@yipan/protocol';
import { loadOrgTree } from '../auth/orgTree';
import { meetingError } from '../meetings/meetingErrors';
import { formatDateTime } from '../meetings/minutes/draftMinutes';
import { minutesAccess } from '../meetings/minutes/minutesAccess';
import { alignmentXlsx } from '../planExport/alignmentXlsx';
import { attachment } from '../planExport/contentDisposition';
import { followUpXlsx } from '../planExport/followUpXlsx';
import { minutesDocx } from '../planExport/minutesDocx';
import { planDocx } from '../planExport/planDocx';
import { planXlsx } from '../planExport/planXlsx';
import { idParam, requireAuth, requirePlan, type ApiContext } from './apiContext';
import { followUpList } from './followUpRoutes';
import { orgNotFound, planNotFound } from './HttpError';

/** Media type of a Word document. */
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Media type of an Excel workbook. */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file as a download named in Chinese; never cached, as it holds unpublished plans. */
function sendDownload(
  response: Response,
  bytes: Buffer,
  type: string,
  filename: string,
  asciiFallback: string,
): void {
  response
    .status(200)
    .set('Content-Type', type)
    .set('Content-Disposition', attachment(filename, asciiFallback))
    .set('Cache-Control', 'no-store')
    .send(bytes);
}

/**
 * Downloads (issue 8, exports): the plan as the issued Word document and as the plan table, the alignment
 * matrix and the follow-up list as workbooks, a meeting's minutes as Word. Each is read with the same access as
 * the page it exports: `read` on the plan (as GET /api/plans/:planId), the follow-up list's rule, the minutes'.
 */
export function exportRoutes(context: ApiContext): Router {
  const routes = Router();

  /** The plan, its organisation and its topics in board order, for a caller who may read it. */
  async function planContent(request: Parameters<typeof requirePlan>[0]) {
    const { plan, tree } = await requirePlan(request, context);
    const org = tree.byId.get(plan.orgId);
    if (!org) throw planNotFound();
    const topics = await context.docs.readDoc(planDocName(plan.id), (doc) => listTopics(doc));
    return { plan, org, tree, topics };
  }

  routes.get('/plans/:planId/export.docx', async (request, response) => {
    const { plan, org, topics } = await planContent(request);
    const document = planDocument({ org, plan: { year: plan.year, title: plan.title }, topics });
    const bytes = await planDocx(document);
    sendDownload(response, bytes, DOCX_TYPE, `${document.title}.docx`, `plan-${plan.year}.docx`);
  });

  routes.get('/plans/:planId/export.xlsx', async (request, response) => {
    const { plan, topics } = await planContent(request);
    const bytes = await planXlsx(plan.title, topics);
    sendDownload(response, bytes, XLSX_TYPE, `${plan.title}.xlsx`, `plan-${plan.year}.xlsx`);
  });

  routes.get('/plans/:planId/alignment.xlsx', async (request, response) => {
    const { auth, plan, tree } = await requirePlan(request, context);
    // The same columns as the page: only the children whose plans the caller may read.
    const matrix = await context.alignment.matrix(plan, tree, auth.actor);
    const bytes = await alignmentXlsx(plan.title, matrix);
    sendDownload(response, bytes, XLSX_TYPE, `${plan.title}-联动矩阵.xlsx`, `alignment-${plan.year}.xlsx`);
  });

  routes.get('/orgs/:orgId/follow-up.xlsx', async (request, response) => {
    const auth = await requireAuth(request, context);
    const orgId = idParam(request, 'orgId');
    const list = await followUpList(context, auth.actor, orgId);
    const org = (await loadOrgTree(context.db)).byId.get(orgId);
    if (!org) throw orgNotFound();
    const bytes = await followUpXlsx(org.name, list);
    sendDownload(response, bytes, XLSX_TYPE, `${org.name}-整改跟踪.xlsx`, 'follow-up.xlsx');
  });

  routes.get('/meetings/:meetingId/minutes.docx', async (request, response) => {
    const auth = await requireAuth(request, context);
    // As minutes.txt: whoever may not see the meeting learns nothing of it.
    const access = await minutesAccess(context.db, auth.actor, idParam(request, 'meetingId'));
    if (!access || access.granted === 'none') throw meetingError(MeetingErrorCode.meetingNotFound);
    const { meeting } = access;
    const text = await context.docs.readDoc(minutesDocName(meeting.id), (doc) =>
      doc.getText(MINUTES_TEXT).toString(),
    );
    const when = formatDateTime(meeting.startedAt ?? meeting.startsAt);
    const bytes = await minutesDocx({ title: meeting.title, when, text });
    sendDownload(response, bytes, DOCX_TYPE, `${meeting.title}-纪要.docx`, 'minutes.docx');
  });

  return routes;
}
