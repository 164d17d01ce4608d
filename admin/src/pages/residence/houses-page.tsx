// 房屋: the houses in the caller's scope, searched by code or address, grid, colour and building; paged by
// the server with the filters in the URL. New houses are added here, and houses flagged or unflagged.
import { PlusOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { HOUSE_COLOURS, listHouses, type House, type HouseColour } from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canEditHouses, canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { ButtonLink } from './button-link';
import { CreateHouseModal } from './create-house-modal';
import { HouseFlagButton } from './house-flag-button';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from './list-params';
import { ColourTag, FlaggedTag } from './residence-tags';

const RESIDENCE_WHO = '只有网格员、督办员和系统管理员';

interface Filters {
  q?: string;
  gridCode?: string;
  colour?: HouseColour;
  building?: string;
}

const isColour = (value: string | null): value is HouseColour => HOUSE_COLOURS.some((c) => c.value === value);

export function HousesPage() {
  const user = useSession()!.user;
  if (!canUseResidenceScreen(user.role, 'houses')) return <NoAccess title="房屋" who={RESIDENCE_WHO} />;
  return <HouseList canEdit={canEditHouses(user.role)} />;
}

function HouseList({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();
  const [creating, setCreating] = useState(false);

  const q = params.get('q') ?? '';
  const gridCode = params.get('gridCode') ?? '';
  const colourParam = params.get('colour');
  const colour = isColour(colourParam) ? colourParam : undefined;
  const building = params.get('building') ?? '';
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;

  const houses = useLoad(
    (signal) => listHouses({ q, gridCode, colour, building, page, pageSize }, signal),
    [q, gridCode, colour, building, page, pageSize],
  );

  useEffect(() => {
    if (houses.error) message.error(errorMessage(houses.error));
  }, [houses.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ q, gridCode, colour, building });
  }, [filterForm, q, gridCode, colour, building]);

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    setParams(toSearchParams({ q, gridCode, colour, building, page, pageSize, ...next }));
  }

  const columns: TableColumnsType<House> = [
    {
      title: '房屋编码',
      dataIndex: 'code',
      key: 'code',
      className: 'nowrap',
      render: (code: string) => <Link to={`/residence/houses/${encodeURIComponent(code)}`}>{code}</Link>,
    },
    { title: '地址', dataIndex: 'address', key: 'address' },
    { title: '网格', key: 'grid', render: (_, h) => `${h.gridName}（${h.gridCode}）` },
    { title: '用途', dataIndex: 'useName', key: 'useName', className: 'nowrap' },
    {
      title: '在住 / 核定人数',
      key: 'occupants',
      className: 'nowrap',
      align: 'right',
      render: (_, h) => `${h.occupants} / ${h.capacity} 人`,
    },
    {
      title: '颜色',
      key: 'colour',
      render: (_, h) => (
        <span className="tag-list">
          <ColourTag colour={h.colour} colourName={h.colourName} />
          {h.flagged ? <FlaggedTag /> : null}
        </span>
      ),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, h: House) => <HouseFlagButton house={h} inline onChanged={houses.reload} />,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeading
        title="房屋"
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={houses.reload} loading={houses.loading}>
              刷新
            </Button>
            <ButtonLink
              to={`/residence/qr-sheet${gridCode ? `?${toSearchParams({ gridCode, building })}` : ''}`}
              icon={<PrinterOutlined aria-hidden />}
            >
              打印二维码
            </ButtonLink>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                新建房屋
              </Button>
            ) : null}
          </Space>
        }
      />
      <p className="page-intro">
        颜色表示房屋的申报情况：红色有未申报人员，黄色待核查或申报将到期，绿色均已申报并核实，灰色无在住人员。
      </p>
      <Form<Filters>
        form={filterForm}
        name="house-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选房屋"
        initialValues={{ q, gridCode, colour, building }}
        onFinish={(values) => update({ ...values, page: 1 })}
      >
        <Form.Item label="关键词" name="q">
          <Input placeholder="房屋编码或地址" allowClear autoComplete="off" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="网格编码" name="gridCode">
          <Input allowClear autoComplete="off" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item label="楼栋" name="building">
          <Input allowClear autoComplete="off" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item label="颜色" name="colour">
          <Select
            placeholder="全部颜色"
            allowClear
            options={HOUSE_COLOURS}
            style={{ width: 220 }}
            onChange={() => filterForm.submit()}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                setParams(new URLSearchParams());
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<House>
        aria-label="房屋列表"
        rowKey="code"
        columns={columns}
        dataSource={houses.data?.items}
        loading={houses.loading}
        onChange={(change) => update(nextPage(change, pageSize))}
        size="middle"
        scroll={{ x: 1000 }}
        pagination={pagination(page, pageSize, houses.data?.total, '套房屋')}
        locale={{ emptyText: houses.error ? '加载失败，请稍后重试' : '没有符合条件的房屋' }}
      />
      <CreateHouseModal
        open={creating}
        gridCode={gridCode || undefined}
        onClose={() => setCreating(false)}
        onCreated={(house) => {
          setCreating(false);
          navigate(`/residence/houses/${encodeURIComponent(house.code)}`);
        }}
      />
    </>
  );
}
