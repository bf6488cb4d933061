import type { z } from 'zod';
import type { View } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { appliedSort } from './domain/sort.ts';
import { canEditView } from './views.policy.ts';
import type { ViewRow } from './views.repo.ts';

/** The API shape of a view, with whether the caller may change it. */
export function presentView(row: ViewRow, viewer: Actor): z.infer<typeof View> {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    title_zh: row.title_zh,
    scope: row.owner_user_id === null ? 'shared' : 'personal',
    owner_user_id: row.owner_user_id,
    conditions: { all: row.conditions.all ?? [], any: row.conditions.any ?? [] },
    sort: row.sort,
    sort_applied: appliedSort(row.sort),
    columns: row.columns as z.infer<typeof View>['columns'],
    position: row.position,
    active: row.active,
    version: row.version,
    can_edit: canEditView(viewer, row),
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}
