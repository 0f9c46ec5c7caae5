import { Tag } from 'antd';
import { isErrorStatus } from '../../components/format';

export function HttpStatusTag({ status }: { status: number }) {
  const color = status >= 500 ? 'error' : isErrorStatus(status) ? 'warning' : 'success';
  return <Tag color={color} className="mono">{status}</Tag>;
}
