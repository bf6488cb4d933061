import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { TicketUpdateBody } from '@switchboard/contracts';
import { ticketsApi, type Ticket } from '../api/tickets-api';
import { workspaceApi } from '../api/workspace-api';
import { mergeConflict, sameValue, snapshotOf, toUpdateBody, type ConflictMerge, type Snapshot } from '../utils/conflict-merge';
import { ticketKeys } from './ticket-keys';
import { isStaleVersion } from './use-tickets';

export interface TicketConflict {
  current: Ticket;
  merge: ConflictMerge;
  /** Who saved the newer version, when the history says. */
  actorId: string | null;
}

/**
 * The agent's edits of a ticket's fields, kept apart from the ticket until saved. The version
 * they started from is the edit base: a save sends it as If-Match; a 412 opens the conflict (base,
 * theirs, mine) instead of overwriting. Realtime updates move the base only while nothing is
 * being edited.
 */
export function useTicketDraft(ticket: Ticket, meId: string | undefined) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(() => ({ id: ticket.id, version: ticket.version, snapshot: snapshotOf(ticket) }));
  const [changes, setChanges] = useState<Snapshot>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<TicketConflict | null>(null);
  const dirty = Object.keys(changes).length > 0;

  const rebase = useCallback((next: Ticket) => {
    setBase({ id: next.id, version: next.version, snapshot: snapshotOf(next) });
    setChanges({});
  }, []);

  useEffect(() => {
    if (ticket.id !== base.id) {
      rebase(ticket);
      setConflict(null);
      setError(null);
    } else if (!dirty && !saving && ticket.version !== base.version) rebase(ticket);
  }, [ticket, base.id, base.version, dirty, saving, rebase]);

  const setField = useCallback(
    (field: string, value: unknown) =>
      setChanges((current) => {
        const next = { ...current, [field]: value };
        if (sameValue(field, value, base.snapshot[field])) delete next[field];
        return next;
      }),
    [base.snapshot],
  );

  const saved = (next: Ticket) => {
    queryClient.setQueryData(ticketKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.events(next.id) });
    rebase(next);
    setConflict(null);
  };

  const openConflict = async (mine: Snapshot) => {
    const current = await ticketsApi.get(ticket.id);
    queryClient.setQueryData(ticketKeys.detail(ticket.id), current);
    const events = await workspaceApi.events(ticket.id).catch(() => []);
    const last = [...events].reverse().find((event) => event.actor_id && event.actor_id !== meId);
    setConflict({ current, merge: mergeConflict(base.snapshot, mine, snapshotOf(current)), actorId: last?.actor_id ?? null });
  };

  /** Saves the edits (and `extra`, a quick action like "assign to me") on the edit base. */
  const save = async (extra: Snapshot = {}): Promise<boolean> => {
    const mine = { ...changes, ...extra };
    if (Object.keys(mine).length === 0) return true;
    setSaving(true);
    setError(null);
    try {
      saved(await ticketsApi.update(ticket.id, base.version, toUpdateBody(mine) as TicketUpdateBody));
      return true;
    } catch (caught) {
      if (isStaleVersion(caught)) {
        setChanges(mine);
        await openConflict(mine).catch(setError);
      } else setError(caught);
      return false;
    } finally {
      setSaving(false);
    }
  };

  /** Puts my changes on top of the newer version; another 412 shows the conflict again. */
  const reapply = async () => {
    if (!conflict) return;
    const { current, merge } = conflict;
    if (Object.keys(merge.patch).length === 0) {
      saved(current);
      return;
    }
    setSaving(true);
    try {
      saved(await ticketsApi.update(ticket.id, current.version, toUpdateBody(merge.patch) as TicketUpdateBody));
    } catch (caught) {
      if (isStaleVersion(caught)) await openConflict(changes).catch(setError);
      else {
        setError(caught);
        setConflict(null);
      }
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    if (conflict) saved(conflict.current);
    else setChanges({});
    setError(null);
  };

  return {
    base,
    draft: { ...base.snapshot, ...changes } as Snapshot,
    changes,
    dirty,
    saving,
    error,
    conflict,
    setField,
    save,
    reapply,
    discard,
  };
}

export type TicketDraft = ReturnType<typeof useTicketDraft>;
