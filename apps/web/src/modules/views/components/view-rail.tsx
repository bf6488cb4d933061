import { useRef } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/i18n';
import { Skeleton, Typography } from '../../../ui';
import type { View, ViewCount } from '../api/views-api';
import { usePrefetchView } from '../hooks/use-views';
import { formatCount, viewTitle } from '../utils/fallback-views';

/** The left rail: every view of the agent with its live count; the current one highlighted. */
export function ViewRail({ views, counts, loading }: { views: View[] | undefined; counts: ViewCount[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const countOf = new Map((counts ?? []).map((count) => [count.view_id, count]));
  // The pointer resting on a view (or focus on it) reads its first page ahead of the click.
  const prefetch = usePrefetchView();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const intent = (view: View, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => prefetch(view), delay);
  };

  return (
    <nav aria-label={t('ws.rail.label')} className="sb-rail-nav">
      <Typography.Text type="secondary" className="sb-rail-heading">
        {t('ws.rail.label')}
      </Typography.Text>
      {loading && !views ? (
        <Skeleton active paragraph={{ rows: 5 }} title={false} style={{ padding: '0 12px' }} />
      ) : (
        <ul className="sb-rail-list">
          {(views ?? []).map((view) => {
            const count = formatCount(countOf.get(view.id), language);
            const title = viewTitle(view, language);
            return (
              <li key={view.id}>
                <NavLink
                  to={`/views/${encodeURIComponent(view.id)}`}
                  className={({ isActive }) => `sb-rail-link${isActive ? ' is-active' : ''}`}
                  data-testid="view-link"
                  data-view-key={view.key ?? view.id}
                  aria-label={count ? `${title}, ${t('ws.rail.count', { count: countOf.get(view.id)?.count ?? 0 })}` : title}
                  onPointerEnter={() => intent(view, 60)}
                  onPointerLeave={() => clearTimeout(timer.current)}
                  onPointerDown={() => intent(view, 0)}
                  onFocus={() => intent(view, 0)}
                >
                  <span className="sb-rail-title">{title}</span>
                  {count && (
                    <span className="sb-rail-count" data-testid="view-count" aria-hidden>
                      {count}
                    </span>
                  )}
                </NavLink>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
