// 房屋详情: one house, its declared tenants, the open verification tasks there and its QR code. 标记关注 /
// 取消关注 replace the page's copy of the house with the server's answer.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Col, Descriptions, Result, Row, Space, Spin, type DescriptionsProps } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { getHouse, type HouseDetail } from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canEditHouses, canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { HouseFlagButton } from './house-flag-button';
import { HouseOpenTasks, HouseTenants } from './house-people';
import { HouseQr } from './house-qr';
import { ColourTag, FlaggedTag } from './residence-tags';

export function HouseDetailPage() {
  const user = useSession()!.user;
  const { code = '' } = useParams();
  if (!canUseResidenceScreen(user.role, 'houses')) {
    return <NoAccess title={`房屋 ${code}`} who="只有网格员、督办员和系统管理员" />;
  }
  return <HouseView code={code} canEdit={canEditHouses(user.role)} />;
}

function HouseView({ code, canEdit }: { code: string; canEdit: boolean }) {
  const house = useLoad((signal) => getHouse(code, signal), [code]);
  const title = `房屋 ${code}`;
  const backLink = (
    <Link to="/residence/houses">
      <ArrowLeftOutlined aria-hidden /> 返回房屋列表
    </Link>
  );

  if (!house.data) {
    if (house.loading) {
      return (
        <>
          <PageHeading title={title} extra={backLink} />
          <Spin tip="正在加载房屋…" size="large">
            <div style={{ minHeight: 160 }} />
          </Spin>
        </>
      );
    }
    const notFound = house.error instanceof ApiError && house.error.status === 404;
    return (
      <>
        <PageHeading title={title} extra={backLink} />
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? '没有找到该房屋' : '房屋加载失败'}
          subTitle={notFound ? '编码可能有误，或该房屋不在您的管辖范围内。' : errorMessage(house.error)}
          extra={notFound ? null : <Button onClick={house.reload}>重试</Button>}
        />
      </>
    );
  }

  const h = house.data;
  return (
    <>
      <PageHeading
        title={title}
        extra={
          <Space wrap>
            {backLink}
            <Button icon={<ReloadOutlined aria-hidden />} onClick={house.reload} loading={house.loading}>
              刷新
            </Button>
          </Space>
        }
      />
      <p className="event-status-line">
        <span>申报情况：</span>
        <ColourTag colour={h.colour} colourName={h.colourName} />
        {h.flagged ? <FlaggedTag /> : null}
        {/* The flag commands answer the House without tenants and tasks, which they do not change. */}
        {canEdit ? <HouseFlagButton house={h} onChanged={(next) => house.replace({ ...h, ...next })} /> : null}
      </p>
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={16}>
          <HouseFacts house={h} />
          <HouseTenants tenants={h.tenants} />
          <HouseOpenTasks tasks={h.openTasks} />
        </Col>
        <Col xs={24} xl={8}>
          <HouseQr code={h.code} />
        </Col>
      </Row>
    </>
  );
}

/** `reportedOccupants` has no stated shape: a count, or the list of reported people. */
function reportedCount(value: unknown): string {
  if (typeof value === 'number') return `${value} 人`;
  if (Array.isArray(value)) return `${value.length} 人`;
  return '无报送';
}

function HouseFacts({ house: h }: { house: HouseDetail }) {
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: '房屋编码', children: h.code },
    { key: 'use', label: '用途', children: h.useName },
    { key: 'address', label: '地址', span: 'filled', children: h.address },
    {
      key: 'position',
      label: '楼栋 / 楼层 / 房号',
      span: 'filled',
      children: `${h.building} 栋 / ${h.floor ?? '—'} 层 / ${h.room}`,
    },
    { key: 'grid', label: '网格', children: `${h.gridName}（${h.gridCode}）` },
    { key: 'community', label: '社区', children: h.communityName },
    { key: 'capacity', label: '核定居住人数', children: `${h.capacity} 人` },
    { key: 'occupants', label: '申报在住人数', children: `${h.occupants} 人` },
    { key: 'reported', label: '部门报送在住', children: reportedCount(h.reportedOccupants) },
    { key: 'landlord', label: '房东', children: h.landlordName || '未登记' },
    { key: 'landlordPhone', label: '房东电话（已脱敏）', children: h.landlordPhone || '未登记' },
    ...(h.flagged
      ? [{ key: 'flag', label: '关注原因', span: 'filled' as const, children: h.flagReason || '未填写' }]
      : []),
  ];
  return (
    <section aria-labelledby="house-facts-title" className="detail-section">
      <h2 id="house-facts-title" className="section-title">
        基本信息
      </h2>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={items}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        style={{ marginTop: 12 }}
      />
    </section>
  );
}
