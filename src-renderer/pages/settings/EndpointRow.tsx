import { Typography } from 'antd';
import { CopyButton } from '../../components/CopyButton';
import { useT } from '../../i18n';

/** One endpoint: selectable URL plus a copy button that copies exactly that URL. */
export function EndpointRow({ label, url, testId }: { label: string; url: string; testId: string }) {
  const t = useT();
  return (
    <span className="endpoint-inline">
      <Typography.Text code className="selectable endpoint-url" data-testid={testId}>{url}</Typography.Text>
      <CopyButton text={url} label={`${t('common.copy')} ${label}`} showText />
    </span>
  );
}
