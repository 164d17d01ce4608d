// 申报详情: one declaration with its risks, its steps and the evidence check, and for the roles allowed the
// audited 查看完整证件号.
import { ArrowLeftOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Col, Descriptions, Result, Row, Space, Spin, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { getMeta } from '../../api/meta';
import { getDeclaration, type DeclarationDetail } from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canRevealIdNumbers, canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { EvidenceTag } from '../events/event-tags';
import { DeclarationSteps } from './declaration-steps';
import { formatDate, sexName } from './labels';
import { DeclarationStatusTag, RiskTags } from './residence-tags';
import { RevealIdModal } from './reveal-id-modal';

export function DeclarationDetailPage() {
  const user = useSession()!.user;
  const { id = '' } = useParams();
  const title = `申报 ${id}`;
  if (!canUseResidenceScreen(user.role, 'declarations')) {
    return <NoAccess title={title} who="只有网格员、督办员和系统管理员" />;
  }
  return <DeclarationView id={id} canReveal={canRevealIdNumbers(user.role)} />;
}

function DeclarationView({ id, canReveal }: { id: string; canReveal: boolean }) {
  const numericId = Number(id);
  const declaration = useLoad(
    (signal) =>
      Number.isInteger(numericId) && numericId > 0
        ? getDeclaration(numericId, signal)
        : Promise.reject(new ApiError({ type: 'not-found', title: '未找到', status: 404 })),
    [numericId],
  );
  const meta = useLoad(() => getMeta(), []);
  const roleNames = Object.fromEntries((meta.data?.roles ?? []).map((r) => [r.value, r.label]));
  const [revealing, setRevealing] = useState(false);

  const title = `申报 ${id}`;
  const backLink = (
    <Link to="/residence/declarations">
      <ArrowLeftOutlined aria-hidden /> 返回申报记录
    </Link>
  );

  if (!declaration.data) {
    if (declaration.loading) {
      return (
        <>
          <PageHeading title={title} extra={backLink} />
          <Spin tip="正在加载申报…" size="large">
            <div style={{ minHeight: 160 }} />
          </Spin>
        </>
      );
    }
    const notFound = declaration.error instanceof ApiError && declaration.error.status === 404;
    return (
      <>
        <PageHeading title={title} extra={backLink} />
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? '没有找到该申报' : '申报加载失败'}
          subTitle={notFound ? '编号可能有误，或该申报不在您的管辖范围内。' : errorMessage(declaration.error)}
          extra={notFound ? null : <Button onClick={declaration.reload}>重试</Button>}
        />
      </>
    );
  }

  const d = declaration.data;
  return (
    <>
      <PageHeading
        title={title}
        extra={
          <Space wrap>
            {backLink}
            <Button icon={<ReloadOutlined aria-hidden />} onClick={declaration.reload} loading={declaration.loading}>
              刷新
            </Button>
          </Space>
        }
      />
      <p className="event-status-line">
        <span>当前状态：</span>
        <DeclarationStatusTag id="declaration-status" status={d.status} statusName={d.statusName} />
        <EvidenceTag verified={d.evidence.verified} />
      </p>
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={14}>
          <DeclarationFacts declaration={d} canReveal={canReveal} onReveal={() => setRevealing(true)} />
        </Col>
        <Col xs={24} xl={10}>
          <DeclarationSteps steps={d.steps} roleNames={roleNames} />
        </Col>
      </Row>
      {canReveal ? <RevealIdModal declaration={d} open={revealing} onClose={() => setRevealing(false)} /> : null}
    </>
  );
}

function DeclarationFacts(props: { declaration: DeclarationDetail; canReveal: boolean; onReveal: () => void }) {
  const d = props.declaration;
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '姓名', children: d.name },
    { key: 'sex', label: '性别', children: sexName(d.sex) },
    {
      key: 'idNumber',
      label: '证件号（已脱敏）',
      span: 'filled',
      children: (
        <Space wrap size={8}>
          <span className="nowrap">{d.idNumberMasked}</span>
          {props.canReveal ? (
            <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={props.onReveal}>
              查看完整证件号
            </Button>
          ) : null}
        </Space>
      ),
    },
    { key: 'birthDate', label: '出生日期', children: formatDate(d.birthDate) },
    { key: 'phone', label: '联系电话（已脱敏）', children: d.phone || '未填写' },
    {
      key: 'house',
      label: '房屋',
      span: 'filled',
      children: (
        <>
          <div>
            <Link to={`/residence/houses/${encodeURIComponent(d.houseCode)}`}>{d.houseCode}</Link>
          </div>
          <div>{d.address}</div>
        </>
      ),
    },
    { key: 'grid', label: '网格', children: `${d.gridName}（${d.gridCode}）` },
    { key: 'createdAt', label: '申报时间', children: formatDateTime(d.createdAt) },
    { key: 'moveInDate', label: '入住日期', children: formatDate(d.moveInDate) },
    { key: 'validUntil', label: '有效期至', children: formatDate(d.validUntil) },
    { key: 'risks', label: '风险', span: 'filled', children: <RiskTags risks={d.risks} /> },
  ];
  return (
    <section aria-labelledby="declaration-facts-title" className="detail-section">
      <h2 id="declaration-facts-title" className="section-title">
        申报信息
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
