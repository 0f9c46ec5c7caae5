import { CopyButton } from '../../components/CopyButton';
import { useT } from '../../i18n';

/** One endpoint: selectable URL plus a copy button that copies exactly that URL. */
export function EndpointRow({ label, url, testId }: { label: string; url: string; testId: string }) {
  const t = useT();
  return (
    <span className="endpoint-inline">
      <span className="value-box" data-testid={testId}>{url}</span>
      <CopyButton text={url} label={`${t('common.copy')} ${label}`} showText />
    </span>
  );
}
