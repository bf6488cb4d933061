import { PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import { QuarantineRailLink } from '../../modules/email';
import { useViewCounts, useViews, ViewRail } from '../../modules/views';
import { Alert, Button } from '../../ui';
import { shortcutAction } from './shortcuts';
import { ShortcutsHelp } from './shortcuts-help';
import { useWorkspace, WorkspaceProvider } from './workspace-context';
import './workspace.css';

/** The agent's frame: the rail of views on the left, the list or ticket on the right, shortcuts everywhere. */
export function WorkspaceLayout() {
  return (
    <WorkspaceProvider>
      <WorkspaceFrame />
    </WorkspaceProvider>
  );
}

function WorkspaceFrame() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const views = useViews();
  const counts = useViewCounts();
  const workspace = useWorkspace();
  const [help, setHelp] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { key, ctrlKey, metaKey, altKey, defaultPrevented } = event;
      const action = shortcutAction({ key, ctrlKey, metaKey, altKey, defaultPrevented, target: event.target as HTMLElement | null });
      if (!action) return;
      if (action === 'help') setHelp(true);
      else if (action === 'search') document.querySelector<HTMLInputElement>('[data-testid="global-search"] input, input[data-testid="global-search"]')?.focus();
      else {
        const handler = workspace.handlers.current[action];
        if (!handler) return;
        handler();
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [workspace]);

  return (
    <div className="sb-workspace">
      <aside>
        <div className="sb-rail">
          <Button type="primary" icon={<PlusOutlined />} block className="sb-rail-new" onClick={() => navigate('/tickets/new')} data-testid="new-ticket">
            {t('ws.rail.newTicket')}
          </Button>
          {views.isError ? (
            <Alert type="warning" showIcon title={t('ws.rail.unavailable')} />
          ) : (
            <ViewRail views={views.data?.views} counts={counts.data} loading={views.isPending} />
          )}
          <QuarantineRailLink />
          <Button type="link" size="small" onClick={() => setHelp(true)} style={{ marginTop: 16, paddingInline: 12 }}>
            {t('ws.shortcuts.open')}
          </Button>
        </div>
      </aside>
      <main className="sb-main">
        <Outlet />
      </main>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
