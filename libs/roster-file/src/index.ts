export { RosterFileStore, LocalDirectoryRosterFileStore } from './roster-file-store';
export type { KeptRosterFile } from './roster-file-store';
export { sniffRosterFormat } from './roster-format';
export { readRosterRows, readRosterHeader, RosterFileError } from './read-roster';
export type { RosterCell, RosterRowBatch, RosterHeader, ReadRosterOptions } from './read-roster';
export { rosterTemplateCsv, rosterTemplateXlsx } from './roster-template';
export type { RosterTemplateOptions } from './roster-template';
export { toCsvLine } from './csv-export';
