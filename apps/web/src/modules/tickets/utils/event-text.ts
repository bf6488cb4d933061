/**
 * The ticket history in words: "王芳 changed status from Open to Pending". Pure: the caller
 * gives the translations and the way to name fields and values (statuses, people, groups).
 */
export interface HistoryEvent {
  id: string;
  type: string;
  actor_type: string;
  actor_id: string | null;
  via: string;
  changes: Record<string, [unknown, unknown]>;
  data: Record<string, unknown>;
  created_at: string;
}

export interface HistoryLine {
  key: string;
  params: Record<string, string>;
}

export interface HistoryNaming {
  actor: (event: HistoryEvent) => string;
  field: (field: string) => string;
  value: (field: string, value: unknown) => string;
}

/** Fields the history does not spell out: they follow from others or are bookkeeping. */
const HIDDEN = new Set(['status_category', 'solved_at', 'closed_at', 'updated_at', 'version', 'number', 'requester_id_before']);

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const empty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

export function describeEvent(event: HistoryEvent, naming: HistoryNaming): HistoryLine[] {
  const actor = naming.actor(event);
  if (event.type === 'ticket.created') return [{ key: 'created', params: { actor } }];
  if (event.type === 'message.created') return [{ key: event.data.public === false ? 'noted' : 'replied', params: { actor } }];
  if (event.type === 'ticket.follow_up_created') return [{ key: 'followUp', params: { actor } }];

  const lines: HistoryLine[] = [];
  const fields = Object.keys(event.changes);
  const hasStatusId = fields.includes('status_id');
  for (const field of fields) {
    if (HIDDEN.has(field) && !(field === 'status_category' && !hasStatusId)) continue;
    const [from, to] = event.changes[field];
    if (field === 'tags') {
      const before = new Set(list(from));
      const after = new Set(list(to));
      const added = [...after].filter((tag) => !before.has(tag));
      const removed = [...before].filter((tag) => !after.has(tag));
      if (added.length) lines.push({ key: 'tagsAdded', params: { actor, tags: added.join(', ') } });
      if (removed.length) lines.push({ key: 'tagsRemoved', params: { actor, tags: removed.join(', ') } });
      continue;
    }
    const name = naming.field(field);
    if (empty(from)) lines.push({ key: 'set', params: { actor, field: name, to: naming.value(field, to) } });
    else if (empty(to)) lines.push({ key: 'cleared', params: { actor, field: name, from: naming.value(field, from) } });
    else lines.push({ key: 'changed', params: { actor, field: name, from: naming.value(field, from), to: naming.value(field, to) } });
  }
  if (lines.length === 0) lines.push({ key: 'other', params: { actor, type: event.type } });
  return lines;
}
