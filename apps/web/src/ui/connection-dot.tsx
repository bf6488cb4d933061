import { Badge, Tooltip } from 'antd';

export type ConnectionState = 'live' | 'connecting' | 'reconnecting';

/** A small status light for the live-update connection. */
export function ConnectionDot({ state, label }: { state: ConnectionState; label: string }) {
  const status = state === 'live' ? 'success' : state === 'connecting' ? 'processing' : 'warning';
  return (
    <Tooltip title={label}>
      <span aria-label={label} role="status" data-testid="realtime-status" data-state={state}>
        <Badge status={status} />
      </span>
    </Tooltip>
  );
}
