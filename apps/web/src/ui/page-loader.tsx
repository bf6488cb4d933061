import { Flex, Spin } from 'antd';

/** Shown while a page's code or first data arrives. */
export function PageLoader({ label }: { label?: string }) {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '40vh' }} role="status" aria-live="polite">
      <Spin size="large" description={label} />
    </Flex>
  );
}
