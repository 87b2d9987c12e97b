export { defaultClosures, massachusettsStateHolidays } from './massachusetts-holidays';
export type { Holiday } from './massachusetts-holidays';
export { BusinessCalendar, LINK_REQUEST_DUE_BUSINESS_DAYS, SLA_WARNING_BUSINESS_DAYS } from './business-calendar';
export type { SlaState } from './business-calendar';
export { parseDay } from './calendar-date';
