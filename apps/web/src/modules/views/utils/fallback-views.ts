import type { View, ViewCount } from '../api/views-api';

const LIVE = 'new,open,pending,on_hold';

/**
 * The views every desk starts with, as GET /api/v1/tickets filters: used only while the server
 * has no views API, so the workspace works against any server.
 */
export const FALLBACK_VIEWS: View[] = [
  { id: 'my_open', key: 'my_open', title: 'My open tickets', title_zh: '我的未解决工单', fallback: true },
  { id: 'unassigned', key: 'unassigned_my_groups', title: 'Unassigned', title_zh: '未分配', fallback: true },
  { id: 'all_open', key: 'all_open', title: 'All open tickets', title_zh: '全部未解决工单', fallback: true },
  { id: 'pending', key: 'pending', title: 'Pending', title_zh: '待回复', fallback: true },
  { id: 'recently_solved', key: 'recently_solved', title: 'Recently solved', title_zh: '最近已解决', fallback: true },
];

/** True for the id of a built-in view (server views have numeric ids). */
export const isFallbackViewId = (viewId: string) => FALLBACK_VIEWS.some((view) => view.id === viewId);

const QUERIES: Record<string, Record<string, string>> = {
  my_open: { assignee_id: 'me', status: LIVE, sort: 'updated_at' },
  unassigned: { assignee_id: 'none', status: LIVE, sort: 'updated_at' },
  all_open: { status: LIVE, sort: 'updated_at' },
  pending: { status: 'pending', sort: 'updated_at' },
  recently_solved: { status: 'solved', sort: 'updated_at' },
};

export function fallbackQuery(viewId: string): Record<string, string> {
  return QUERIES[viewId] ?? { sort: 'updated_at' };
}

/** The title in the viewer's language. */
export function viewTitle(view: Pick<View, 'title' | 'title_zh'>, language: string): string {
  return language === 'zh-CN' && view.title_zh ? view.title_zh : view.title;
}

/** "7", "99+", "—" (unknown) for the rail. */
export function formatCount(count: ViewCount | undefined, locale: string): string {
  if (!count || count.count === null) return '';
  if (count.count >= 100 && count.stale) return '99+';
  return new Intl.NumberFormat(locale).format(count.count);
}
