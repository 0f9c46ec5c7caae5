import { Typography } from 'antd';
import { CopyButton } from './CopyButton';

interface CopyableTextProps {
  text: string;
  label: string;
  mono?: boolean;
  /** Write "Copy" on the button instead of a tooltip: in a table, a tooltip beside the icon would cover the next column. */
  showText?: boolean;
}

/** A value people copy (an id, a name) followed by its copy button. */
export function CopyableText({ text, label, mono = false, showText = false }: CopyableTextProps) {
  return (
    <span className="copyable-text">
      <Typography.Text className={mono ? 'selectable mono' : 'selectable'}>{text}</Typography.Text>
      <CopyButton text={text} label={label} compact showText={showText} />
    </span>
  );
}
