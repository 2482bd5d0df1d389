/** The download URLs of the exports (issue 8), one place for the web app to name them. */
export const exportPaths = {
  planDocx: (planId: string) => `/api/plans/${encodeURIComponent(planId)}/export.docx`,
  planXlsx: (planId: string) => `/api/plans/${encodeURIComponent(planId)}/export.xlsx`,
  alignmentXlsx: (planId: string) => `/api/plans/${encodeURIComponent(planId)}/alignment.xlsx`,
  followUpXlsx: (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}/follow-up.xlsx`,
  minutesDocx: (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/minutes.docx`,
};
