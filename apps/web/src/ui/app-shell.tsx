import { Flex, Layout, Menu } from 'antd';
import type { ReactNode } from 'react';
import { Brand } from './brand';

export interface NavItem {
  key: string;
  label: ReactNode;
  icon?: ReactNode;
}

/** The signed-in frame: a header with the brand, the main navigation and a corner for the user. */
export function AppShell(props: {
  nav: NavItem[];
  activeKey?: string;
  onNavigate: (key: string) => void;
  navLabel: string;
  corner: ReactNode;
  /** Full width, no padding: the page lays itself out (the agent workspace). */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <Layout style={{ minHeight: '100vh' }}>
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
        <nav aria-label={props.navLabel} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            mode="horizontal"
            selectedKeys={props.activeKey ? [props.activeKey] : []}
            items={props.nav.map((item) => ({ key: item.key, label: item.label, icon: item.icon }))}
            onClick={({ key }) => props.onNavigate(key)}
            style={{ borderBottom: 'none' }}
          />
        </nav>
        <Flex align="center" gap={12}>
          {props.corner}
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: props.wide ? 0 : 24, background: '#f5f6f8' }}>
        {props.wide ? props.children : <div style={{ maxWidth: 1200, margin: '0 auto' }}>{props.children}</div>}
      </Layout.Content>
    </Layout>
  );
}
