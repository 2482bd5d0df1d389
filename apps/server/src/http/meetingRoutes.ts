import { Router, type Request } from 'express';
import {
  AgendaRequest,
  CreateMeetingRequest,
  DecisionRequest,
  MeetingTransitionRequest,
  MembersRequest,
  UpdateMeetingRequest,
  type InviteesResponse,
  type MeetingResponse,
  type MeetingsResponse,
  type TopicMeetingRecordsResponse,
} from '@yipan/protocol';
import type { MeetingCaller } from '../meetings/MeetingService';
import { idParam, ipOf, parseInput, requireAuth, requirePlan, type ApiContext } from './apiContext';

/**
 * Meeting mode's setup over REST: meetings, their agenda and members, transitions, decisions, the people
 * an organiser may invite, and the meeting records of a plan's topics. The live part is on socket.io; the
 * service decides who may do what (a meeting the caller may not see is a 404, as if it did not exist).
 */
export function meetingRoutes(context: ApiContext): Router {
  const { meetings } = context;
  const routes = Router();

  /** The signed-in caller as the service checks and records them. */
  async function callerOf(request: Request): Promise<MeetingCaller> {
    const auth = await requireAuth(request, context);
    return { id: auth.user.id, ip: ipOf(request, context), actor: auth.actor };
  }

  routes.get('/meetings', async (request, response) => {
    const body: MeetingsResponse = await meetings.list(await callerOf(request));
    response.json(body);
  });

  routes.post('/meetings', async (request, response) => {
    const caller = await callerOf(request);
    const input = parseInput(CreateMeetingRequest, request.body);
    const body: MeetingResponse = await meetings.create(caller, input);
    response.status(201).json(body);
  });

  routes.get('/meetings/:meetingId', async (request, response) => {
    const caller = await callerOf(request);
    const body: MeetingResponse = await meetings.detail(caller, idParam(request, 'meetingId'));
    response.json(body);
  });

  routes.patch('/meetings/:meetingId', async (request, response) => {
    const caller = await callerOf(request);
    const meetingId = idParam(request, 'meetingId');
    const input = parseInput(UpdateMeetingRequest, request.body);
    const body: MeetingResponse = await meetings.update(caller, meetingId, input);
    response.json(body);
  });

  routes.put('/meetings/:meetingId/agenda', async (request, response) => {
    const caller = await callerOf(request);
    const meetingId = idParam(request, 'meetingId');
    const input = parseInput(AgendaRequest, request.body);
    const body: MeetingResponse = await meetings.setAgenda(caller, meetingId, input.items);
    response.json(body);
  });

  routes.put('/meetings/:meetingId/members', async (request, response) => {
    const caller = await callerOf(request);
    const meetingId = idParam(request, 'meetingId');
    const input = parseInput(MembersRequest, request.body);
    const body: MeetingResponse = await meetings.setMembers(caller, meetingId, input.members);
    response.json(body);
  });

  routes.post('/meetings/:meetingId/transitions', async (request, response) => {
    const caller = await callerOf(request);
    const meetingId = idParam(request, 'meetingId');
    const input = parseInput(MeetingTransitionRequest, request.body);
    const body: MeetingResponse = await meetings.transition(caller, meetingId, input.to);
    response.json(body);
  });

  routes.post('/meetings/:meetingId/decisions', async (request, response) => {
    const caller = await callerOf(request);
    const meetingId = idParam(request, 'meetingId');
    const input = parseInput(DecisionRequest, request.body);
    await meetings.recordDecision(caller, meetingId, input);
    const body: MeetingResponse = await meetings.detail(caller, meetingId);
    response.status(201).json(body);
  });

  routes.delete('/meetings/:meetingId/decisions/:decisionId', async (request, response) => {
    const caller = await callerOf(request);
    const meetingId = idParam(request, 'meetingId');
    await meetings.deleteDecision(caller, meetingId, idParam(request, 'decisionId'));
    const body: MeetingResponse = await meetings.detail(caller, meetingId);
    response.json(body);
  });

  routes.get('/orgs/:orgId/meeting-invitees', async (request, response) => {
    const caller = await callerOf(request);
    const body: InviteesResponse = await meetings.invitees(caller, idParam(request, 'orgId'));
    response.json(body);
  });

  routes.get('/plans/:planId/meeting-records', async (request, response) => {
    const { plan } = await requirePlan(request, context, 'read');
    const body: TopicMeetingRecordsResponse = await meetings.planRecords(plan);
    response.json(body);
  });

  return routes;
}
