/**
 * What a customer merge makes of the two profiles and of each touched ticket: pure rules,
 * tested without a database (test/identity/customer-merge-rules.test.ts).
 */
export interface MergeProfile {
  tags: string[];
  vip_level: number;
  organization_id: string | null;
  notes: string;
  locale: string | null;
  time_zone: string | null;
  external_id: string | null;
}

export interface MergedProfile {
  patch: {
    tags: string[];
    vip_level: number;
    organization_id: string | null;
    notes: string;
    locale: 'zh-CN' | 'en' | null;
    time_zone: string | null;
    external_id: string | null;
  };
  /** For the merge record: what the target gained. */
  details: Record<string, unknown>;
}

/**
 * Tags united (target's first, in order), the higher VIP level, the target's organization unless
 * it has none, the source's notes appended under the target's, and locale, time zone and external
 * id taken from the source only where the target has none.
 */
export function mergedProfile(target: MergeProfile, source: MergeProfile): MergedProfile {
  const tagsAdded = source.tags.filter((tag) => !target.tags.includes(tag));
  const sourceNotes = source.notes.trim();
  const notes = !sourceNotes || target.notes.includes(sourceNotes) ? target.notes : target.notes.trim() ? `${target.notes}\n\n${sourceNotes}` : sourceNotes;
  const patch = {
    tags: [...new Set([...target.tags, ...tagsAdded])],
    vip_level: Math.max(target.vip_level, source.vip_level),
    organization_id: target.organization_id ?? source.organization_id,
    notes,
    locale: (target.locale ?? source.locale) as 'zh-CN' | 'en' | null,
    time_zone: target.time_zone ?? source.time_zone,
    external_id: target.external_id ?? source.external_id,
  };
  return {
    patch,
    details: {
      tags_added: tagsAdded,
      vip_level: { from: target.vip_level, to: patch.vip_level },
      organization_id: { from: target.organization_id, to: patch.organization_id },
      notes_appended: notes !== target.notes,
    },
  };
}

export interface TicketPeople {
  requester_id: string;
  organization_id: string | null;
  cc_ids: string[];
  follower_ids: string[];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The ticket event's `changes` ({field: [before, after]}) for one ticket a merge touched. */
export function ticketChanges(before: TicketPeople, after: TicketPeople): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  if (before.requester_id !== after.requester_id) changes.requester_id = [before.requester_id, after.requester_id];
  if (before.organization_id !== after.organization_id) changes.organization_id = [before.organization_id, after.organization_id];
  if (!sameSet(before.cc_ids, after.cc_ids)) changes.cc_ids = [before.cc_ids, after.cc_ids];
  if (!sameSet(before.follower_ids, after.follower_ids)) changes.follower_ids = [before.follower_ids, after.follower_ids];
  return changes;
}
