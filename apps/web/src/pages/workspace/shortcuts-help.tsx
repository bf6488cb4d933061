import { useTranslation } from 'react-i18next';
import { Modal } from '../../ui/workspace-kit';
import { SHORTCUTS } from './shortcuts';

/** The "?" overlay: every shortcut and what it does. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const rows = [
    ...SHORTCUTS.map((shortcut) => ({ keys: [shortcut.key], label: t(`ws.shortcuts.${shortcut.action}`) })),
    { keys: ['Ctrl', 'Enter'], label: t('ws.shortcuts.send') },
    { keys: ['Esc'], label: t('ws.shortcuts.escape') },
  ];
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('ws.shortcuts.title')} width={440} destroyOnHidden>
      <table style={{ width: '100%' }} data-testid="shortcuts-help">
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <td style={{ padding: '6px 0', width: 120 }}>
                {row.keys.map((key) => (
                  <kbd key={key} className="sb-kbd" style={{ marginRight: 4 }}>
                    {key}
                  </kbd>
                ))}
              </td>
              <td>{row.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
