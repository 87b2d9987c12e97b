import type { LinkRequestView, LinkRequestAssigneeView } from './types';

/** An analyst as the queue's filter names them. */
export interface Analyst {
  userId: string;
  name: string;
}

/** The queue's assignee filter: every request, the signed-in analyst's, nobody's, or one named analyst's. */
export type AssigneeFilter = { kind: 'all' } | { kind: 'mine' } | { kind: 'unassigned' } | ({ kind: 'analyst' } & Analyst);

export const ALL_ASSIGNEES: AssigneeFilter = { kind: 'all' };

/** The filter as the value of its `<select>` option. */
export function assigneeFilterValue(filter: AssigneeFilter): string {
  return filter.kind === 'analyst' ? `analyst:${filter.userId}` : filter.kind;
}

/** The filter an option's value stands for, among the analysts offered. */
export function assigneeFilterOf(value: string, analysts: readonly Analyst[]): AssigneeFilter {
  if (value === 'mine' || value === 'unassigned') return { kind: value };
  const analyst = value.startsWith('analyst:') ? analysts.find((a) => a.userId === value.slice('analyst:'.length)) : undefined;
  return analyst ? { kind: 'analyst', ...analyst } : ALL_ASSIGNEES;
}

/**
 * The analysts the filter offers by name: whoever the requests are assigned to, except the
 * signed-in user ("Mine" is theirs), sorted by name; the one chosen stays offered when their last
 * request leaves the list.
 */
export function analystsOf(requests: readonly Pick<LinkRequestView, 'assignee'>[], me: string, chosen: AssigneeFilter = ALL_ASSIGNEES): Analyst[] {
  const byId = new Map<string, Analyst>();
  for (const { assignee } of requests) if (assignee && assignee.userId !== me) byId.set(assignee.userId, { userId: assignee.userId, name: assignee.name });
  if (chosen.kind === 'analyst' && !byId.has(chosen.userId)) byId.set(chosen.userId, { userId: chosen.userId, name: chosen.name });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** Whom a request is assigned to, in words: "Unassigned", "Dana Whitfield", or "Dana Whitfield (you)". */
export function assigneeText(assignee: LinkRequestAssigneeView | null | undefined, me: string): string {
  if (!assignee) return 'Unassigned';
  return assignee.userId === me ? `${assignee.name} (you)` : assignee.name;
}
