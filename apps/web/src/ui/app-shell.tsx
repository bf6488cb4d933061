import { ConfigProvider, Flex, Layout, Menu } from 'antd';
import { memo, type ReactNode } from 'react';
import { Brand } from './brand';

export interface NavItem {
  key: string;
  label: ReactNode;
  icon?: ReactNode;
}

interface HeaderProps {
  nav: NavItem[];
  activeKey?: string;
  onNavigate: (key: string) => void;
  navLabel: string;
  corner: ReactNode;
}

/**
 * The signed-in frame: a header with the brand, the main navigation and a corner for the user.
 * The header renders again only when its own props change (give it stable ones): moving between
 * pages of one area leaves its menu and search box alone.
 */
export function AppShell(props: HeaderProps & {
  /** Full width, no padding: the page lays itself out (the agent workspace). */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <ShellHeader nav={props.nav} activeKey={props.activeKey} onNavigate={props.onNavigate} navLabel={props.navLabel} corner={props.corner} />
      <Layout.Content style={{ padding: props.wide ? 0 : 24, background: '#f5f6f8' }}>
        {props.wide ? props.children : <div style={{ maxWidth: 1200, margin: '0 auto' }}>{props.children}</div>}
      </Layout.Content>
    </Layout>
  );
}

/**
 * The corner's menus open inside the sticky header, so they move with it. Placed in the body,
 * a menu opened on a scrolled page was first aligned as if the page were at the top, then
 * moved under the pointer: a click at that moment hit nothing.
 */
const inHeader = (trigger?: HTMLElement): HTMLElement => trigger?.closest('header') ?? document.body;

const ShellHeader = memo(function ShellHeader({ nav, activeKey, onNavigate, navLabel, corner }: HeaderProps) {
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 24,
        background: '#fff',
        borderBottom: '1px solid #e8ebf0',
        padding: '0 24px',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Brand />
      <nav aria-label={navLabel} style={{ flex: 1, minWidth: 0 }}>
        <Menu
          mode="horizontal"
          selectedKeys={activeKey ? [activeKey] : []}
          items={nav.map((item) => ({ key: item.key, label: item.label, icon: item.icon }))}
          onClick={({ key }) => onNavigate(key)}
          style={{ borderBottom: 'none' }}
        />
      </nav>
      <ConfigProvider getPopupContainer={inHeader}>
        <Flex align="center" gap={12}>
          {corner}
        </Flex>
      </ConfigProvider>
    </Layout.Header>
  );
});
