/**
 * The web apps' shared components and hooks (the operations dashboard, the provider portal): the API
 * client, the in-memory session, the hash router, states, badges, tables and their pages, the
 * roster-import case's error table, a letter's PDF preview, the local sign-in and the server-sent-events
 * parser. Browser code only: it imports `@rosterlink/contracts/browser` and React, never a server
 * library (eslint.config.mjs, type:ui).
 * Its base styles are `@rosterlink/ui/styles.css`.
 */
export { ApiError, api, apiErrorOf, apiJson } from './api';
export { adviceFor, ErrorAdviceProvider, useAdvice } from './advice';
export { AppProviders } from './app-providers';
export type { ErrorAdvice } from './advice';
export { ColumnHeaders, Empty, ErrorState, formatDateTime, Loading, SkipLink, StatusBadge } from './components';
export type { Column } from './components';
export { CaseErrorTable } from './case-error-table';
export { sortErrors, toggleSort } from './case-errors';
export type { ErrorSort, ErrorSortKey } from './case-errors';
export { DownloadLink, downloadFile, fileNameOf } from './download';
export { offsetOf, pageNumbersOf, pageStandingOf } from './paging';
export type { PageStanding } from './paging';
export { Pager } from './pager';
export { PdfPreview } from './pdf-preview';
export { href, useRoute } from './router';
export { SessionProvider, useSession, useToken } from './session';
export type { Session } from './session';
export { SignIn } from './SignIn';
export { SseParser } from './sse';
export type { SseMessage } from './sse';
export type { CaseError, CaseTimelineEntry, Letter, Page, Practitioner, RosterCase, RosterCaseDetail, SessionUser } from './service-views';
