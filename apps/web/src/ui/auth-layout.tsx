import { Card, Flex, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Brand } from './brand';

/** The frame of the pages shown before sign-in: brand, a language picker, one card. */
export function AuthLayout(props: { title: string; subtitle?: string; corner?: ReactNode; width?: number; children: ReactNode }) {
  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(180deg, #eef3fb 0%, #f7f8fa 60%)' }}>
      <Flex justify="space-between" align="center" style={{ padding: '16px 28px' }}>
        <Brand />
        {props.corner}
      </Flex>
      <Flex justify="center" style={{ padding: '24px 16px 64px' }}>
        <Card style={{ width: '100%', maxWidth: props.width ?? 420, boxShadow: '0 6px 24px rgba(20, 40, 80, 0.08)' }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {props.title}
          </Typography.Title>
          {props.subtitle && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {props.subtitle}
            </Typography.Paragraph>
          )}
          {props.children}
        </Card>
      </Flex>
    </Layout>
  );
}
