import { Router, type Request } from 'express';
import { MINUTES_TEXT, minutesDocName } from '@yipan/domain';
import { MeetingErrorCode, MinutesDraftRequest, type MinutesDraftResponse } from '@yipan/protocol';
import { idParam, ipOf, parseInput, requireAuth, type ApiContext } from '../../http/apiContext';
import { forbidden } from '../../http/HttpError';
import { meetingError } from '../meetingErrors';
import { draftMinutes } from './draftMinutes';
import { minutesAccess } from './minutesAccess';
import { gatherMinutesInput } from './minutesInput';

/** Characters that file systems refuse in a name, besides control characters. */
const UNSAFE_FILENAME = /[\\/:*?"<>|]/g;
/** Code points below this are control characters. */
const FIRST_PRINTABLE = 0x20;

/** A meeting title made safe as a file name: reserved and control characters become underscores. */
function safeFilename(title: string): string {
  return Array.from(title.replace(UNSAFE_FILENAME, '_'), (char) =>
    (char.codePointAt(0) ?? 0) < FIRST_PRINTABLE ? '_' : char,
  ).join('');
}

/** `Content-Disposition` of a download named in Chinese (RFC 6266 `filename*`), with an ASCII fallback. */
function attachment(filename: string): string {
  return `attachment; filename="minutes.txt"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * The minutes (纪要) of a meeting: the auto-draft written into the shared minutes document, and its
 * export. The document itself is edited live over `/yjs/minutes:<meetingId>` (see resolveDocAccess).
 */
export function minutesRoutes(context: ApiContext): Router {
  const routes = Router();

  /** The caller and their access to the meeting's minutes; 404 when they may not see the meeting at all. */
  async function minutesFor(request: Request) {
    const auth = await requireAuth(request, context);
    const access = await minutesAccess(context.db, auth.actor, idParam(request, 'meetingId'));
    if (!access || access.granted === 'none') throw meetingError(MeetingErrorCode.meetingNotFound);
    return { auth, access };
  }

  routes.post('/meetings/:meetingId/minutes/draft', async (request, response) => {
    const { auth, access } = await minutesFor(request);
    if (access.granted !== 'write') throw forbidden();
    const { replace } = parseInput(MinutesDraftRequest, request.body ?? {});
    const { meeting } = access;
    const input = await gatherMinutesInput(context, meeting, auth.actor, new Date());
    const text = draftMinutes(input);
    const docName = minutesDocName(meeting.id);
    // Checked and written in one server edit: a secretary typing meanwhile is either seen here or comes after.
    const written = await context.docs.editDoc(docName, auth.user.id, (doc) => {
      const body = doc.getText(MINUTES_TEXT);
      if (body.length > 0 && !replace) return false;
      if (body.length > 0) body.delete(0, body.length);
      body.insert(0, text);
      return true;
    });
    if (!written) throw meetingError(MeetingErrorCode.minutesNotEmpty);
    await context.audit.record({
      kind: 'meeting',
      actorId: auth.user.id,
      target: `meeting:${meeting.id}`,
      orgId: meeting.orgId,
      ip: ipOf(request, context),
      detail: { action: 'minutes_drafted', meetingId: meeting.id, replace },
    });
    const body: MinutesDraftResponse = { minutesDocName: docName, text };
    response.json(body);
  });

  // Plain text for now; the docx export arrives with the documents issue.
  routes.get('/meetings/:meetingId/minutes.txt', async (request, response) => {
    const { access } = await minutesFor(request);
    const { meeting } = access;
    const text = await context.docs.readDoc(minutesDocName(meeting.id), (doc) =>
      doc.getText(MINUTES_TEXT).toString(),
    );
    const filename = `${safeFilename(meeting.title)}-纪要.txt`;
    response
      .status(200)
      .set('Content-Type', 'text/plain; charset=utf-8')
      .set('Content-Disposition', attachment(filename))
      .set('Cache-Control', 'no-store')
      .send(text);
  });

  return routes;
}
