import { Alert, Button } from 'antd';

/** One readable error sentence, with a retry button when the caller can retry. */
export function ErrorAlert(props: { message: string; onRetry?: () => void; retryLabel?: string }) {
  return (
    <Alert
      type="error"
      showIcon
      title={props.message}
      role="alert"
      action={
        props.onRetry ? (
          <Button size="small" onClick={props.onRetry}>
            {props.retryLabel}
          </Button>
        ) : undefined
      }
    />
  );
}
