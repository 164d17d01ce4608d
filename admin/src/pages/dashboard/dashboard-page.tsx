// Home page after sign-in: a welcome and the size of the basic data this account can see.
import { ApartmentOutlined, BorderOuterOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { listGrids } from '../../api/grids';
import { listStaff } from '../../api/staff';
import { listUnits } from '../../api/units';
import { useLoad, type Load } from '../../api/use-load';
import { canReadStaff } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { PageHeading } from '../../ui/page-heading';

export function DashboardPage() {
  const user = useSession()!.user;
  const showStaff = canReadStaff(user.role);
  const units = useLoad((signal) => listUnits({}, signal).then((r) => r.total), []);
  // pageSize=1: only the total is wanted, not a page of grids.
  const grids = useLoad((signal) => listGrids({ page: 1, pageSize: 1 }, signal).then((r) => r.total), []);
  const staff = useLoad(
    (signal) => (showStaff ? listStaff({}, signal).then((r) => r.total) : Promise.resolve(undefined)),
    [showStaff],
  );

  return (
    <>
      <PageHeading title="工作台" />
      <p>
        您好，{user.displayName}（{user.roleName}）。欢迎使用 Weave 城市治理工作台。
        事件在左侧「事件」中办理，居住申报、社保费、海岛服务与精准推送在各自分组中；统计排名等业务功能即将上线。「基础数据」中可查看单位、人员与网格。
      </p>
      <h2 className="section-title" style={{ margin: '24px 0 12px' }}>
        基础数据概览
      </h2>
      <Row gutter={[16, 16]}>
        <CountCard title="单位" to="/units" linkText="查看单位" unit="个" icon={<ApartmentOutlined aria-hidden />} load={units} />
        <CountCard title="网格" to="/grids" linkText="查看网格" unit="个" icon={<BorderOuterOutlined aria-hidden />} load={grids} />
        {showStaff ? (
          <CountCard title="人员" to="/staff" linkText="查看人员" unit="人" icon={<TeamOutlined aria-hidden />} load={staff} />
        ) : null}
      </Row>
    </>
  );
}

function CountCard(props: {
  title: string;
  to: string;
  linkText: string;
  unit: string;
  icon: ReactNode;
  load: Load<number | undefined>;
}) {
  const { load } = props;
  return (
    <Col xs={24} sm={12} lg={8}>
      <Card>
        <Statistic
          title={props.title}
          prefix={props.icon}
          loading={load.loading}
          value={load.error ? '—' : load.data ?? '—'}
          suffix={load.error ? undefined : props.unit}
        />
        {load.error ? (
          <p role="status" style={{ color: '#cf1322', margin: '8px 0 0' }}>
            {errorMessage(load.error)}
          </p>
        ) : null}
        <p style={{ margin: '12px 0 0' }}>
          <Link to={props.to}>{props.linkText}</Link>
        </p>
      </Card>
    </Col>
  );
}
