import { Typography } from 'antd';

/** The product mark: logo and name ("Switchboard 总机"). */
export function Brand({ size = 'default' }: { size?: 'default' | 'large' }) {
  const px = size === 'large' ? 36 : 26;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10 }}>
      <img src="/favicon.svg" width={px} height={px} alt="" />
      <Typography.Text strong style={{ fontSize: size === 'large' ? 22 : 17, letterSpacing: 0.2 }}>
        Switchboard <span style={{ fontWeight: 500, opacity: 0.75 }}>总机</span>
      </Typography.Text>
    </span>
  );
}
