import { Col, Row } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { DemoIdpCard } from './DemoIdpCard';
import { FaultInjectionCard } from './FaultInjectionCard';

export function ToolsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('tools.title')} subtitle={t('tools.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}><FaultInjectionCard /></Col>
        <Col xs={24} xl={12}><DemoIdpCard /></Col>
      </Row>
    </>
  );
}
