// Views: the agent's queues (saved filters) with live counts, and the tickets of each.
export { viewsApi, isMissingRoute, type ListSort, type View, type ViewCount } from './api/views-api';
export { viewKeys, viewInvalidations } from './hooks/view-keys';
export {
  useViews,
  useViewCounts,
  useViewTickets,
  usePrefetchView,
  viewsQuery,
  viewCountsQuery,
  viewTicketsQuery,
  viewRefOf,
  type ViewRef,
} from './hooks/use-views';
export { FALLBACK_VIEWS, isFallbackViewId, viewTitle, formatCount } from './utils/fallback-views';
export { ViewRail } from './components/view-rail';
