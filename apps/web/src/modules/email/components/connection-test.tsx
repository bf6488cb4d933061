import { ApiOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/api';
import { Alert, Button, Flex, Typography } from '../../../ui';
import type { ConnectionTarget, Mailbox } from '../api/email-api';
import { useConnectionTest } from '../hooks/use-mailboxes';

/**
 * "Test IMAP" / "Test SMTP": the server connects with the saved settings and its answer is shown
 * as it came (green when it worked, red with the remote server's own words when it did not).
 */
export function ConnectionTest(props: { target: ConnectionTarget; mailbox: Mailbox | null; canTest: boolean; dirty: boolean }) {
  const { t } = useTranslation();
  if (!props.canTest) return null;
  if (!props.mailbox) {
    return (
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 16 }}>
        {t('admin.email.test.saveFirst')}
      </Typography.Text>
    );
  }
  // Keyed by mailbox: a fresh answer area for each mailbox shown.
  return <TestButton key={props.mailbox.id} target={props.target} mailboxId={props.mailbox.id} dirty={props.dirty} />;
}

function TestButton({ target, mailboxId, dirty }: { target: ConnectionTarget; mailboxId: string; dirty: boolean }) {
  const { t } = useTranslation();
  const errors = useErrorText();
  const test = useConnectionTest(mailboxId);
  const name = target.toUpperCase();
  const answer = test.data;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Flex gap={12} align="center" wrap>
        <Button icon={<ApiOutlined />} loading={test.isPending} onClick={() => test.mutate(target)} data-testid={`test-${target}`}>
          {t(`admin.email.test.${target}`)}
        </Button>
        {dirty && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('admin.email.test.usesSaved')}
          </Typography.Text>
        )}
      </Flex>
      <div aria-live="polite" data-testid={`test-${target}-result`}>
        {test.error ? (
          <Alert type="error" showIcon title={errors.describe(test.error)} />
        ) : answer ? (
          <Alert
            type={answer.ok ? 'success' : 'error'}
            showIcon
            title={answer.ok ? t('admin.email.test.ok', { target: name }) : t('admin.email.test.failed', { target: name })}
            description={
              <>
                <Typography.Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="test-message">
                  {answer.message}
                </Typography.Text>
                {answer.code && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t('admin.email.test.code', { code: answer.code })}
                  </Typography.Text>
                )}
              </>
            }
          />
        ) : null}
      </div>
    </Flex>
  );
}
