// 海岛商家与服务点: the merchants and service points tourists find near them and complain about, inactive ones
// included; filtered by island, kind and name or address, paged by the server with the filters in the URL.
// Created and edited in a dialog (dispatcher, supervisor, admin); imported from a CSV (supervisor, admin).
import { CloudUploadOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { listPlaces, PLACE_KINDS, type Place, type PlaceKind } from '../../api/tourism';
import { useLoad } from '../../api/use-load';
import { canEditPlaces, canImportPlaces, canUseTourismScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from '../residence/list-params';
import { isPlaceKind, PLACES_WHO } from './labels';
import { PlaceFormModal } from './place-form-modal';
import { PlaceImportDrawer } from './place-import-drawer';
import { ActiveTag, OpenNowTag } from './tourism-tags';
import { useIslands } from './use-islands';
import { IslandFilter } from './island-filter';

const TITLE = '海岛商家与服务点';

interface Filters {
  island?: string;
  kind?: PlaceKind;
  q?: string;
}

export function PlacesPage() {
  const user = useSession()!.user;
  if (!canUseTourismScreen(user.role, 'places')) return <NoAccess title={TITLE} who={PLACES_WHO} />;
  return <PlaceList canEdit={canEditPlaces(user.role)} canImport={canImportPlaces(user.role)} />;
}

function PlaceList({ canEdit, canImport }: { canEdit: boolean; canImport: boolean }) {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();
  const islands = useIslands();
  // undefined: the dialog is closed; null: a new place.
  const [editing, setEditing] = useState<Place | null | undefined>(undefined);
  const [formOpen, setFormOpen] = useState(false);
  const [importing, setImporting] = useState(false);

  const island = params.get('island') ?? '';
  const kindParam = params.get('kind');
  const kind = isPlaceKind(kindParam) ? kindParam : undefined;
  const q = params.get('q') ?? '';
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;

  const places = useLoad(
    (signal) => listPlaces({ island, kind, q, page, pageSize }, signal),
    [island, kind, q, page, pageSize],
  );

  useEffect(() => {
    const error = places.error ?? islands.error;
    if (error) message.error(errorMessage(error));
  }, [places.error, islands.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ island: island || undefined, kind, q });
  }, [filterForm, island, kind, q]);

  function update(next: Partial<Filters & { page: number; pageSize: number }>) {
    setParams(toSearchParams({ island, kind, q, page, pageSize, ...next }));
  }

  function openForm(place: Place | null) {
    setEditing(place);
    setFormOpen(true);
  }

  const columns: TableColumnsType<Place> = [
    { title: '编码', dataIndex: 'code', key: 'code', className: 'nowrap', width: 110 },
    { title: '名称', dataIndex: 'name', key: 'name', width: 180 },
    { title: '类型', dataIndex: 'kindName', key: 'kindName', className: 'nowrap', width: 90 },
    { title: '海岛', key: 'island', className: 'nowrap', width: 90, render: (_, p) => p.island?.name ?? '—' },
    { title: '地址', dataIndex: 'address', key: 'address' },
    {
      title: '电话',
      dataIndex: 'phone',
      key: 'phone',
      className: 'nowrap',
      width: 130,
      render: (phone: string | null) => phone || <span className="muted">未填写</span>,
    },
    {
      title: '营业时间',
      key: 'openingHours',
      width: 170,
      render: (_, p) => (
        <>
          {/* A space after each comma lets the ranges wrap inside the column. */}
          <div>{p.openingHours ? p.openingHours.split(',').join(', ') : <span className="muted">未填写</span>}</div>
          {p.openingHours ? <OpenNowTag openNow={p.openNow} /> : null}
        </>
      ),
    },
    {
      title: '投诉数',
      dataIndex: 'complaintCount',
      key: 'complaintCount',
      align: 'right',
      width: 80,
      render: (n: number, p) =>
        n > 0 ? (
          <Link to={`/tourism/complaints?${toSearchParams({ place: p.code })}`} className="count">
            {n}
            <span className="sr-only"> 条，查看{p.name}的投诉</span>
          </Link>
        ) : (
          <span className="count">0</span>
        ),
    },
    { title: '状态', dataIndex: 'active', key: 'active', width: 80, render: (active: boolean) => <ActiveTag active={active} /> },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            fixed: 'right' as const,
            width: 90,
            render: (_: unknown, p: Place) => (
              <Button type="link" size="small" icon={<EditOutlined aria-hidden />} onClick={() => openForm(p)}>
                编辑<span className="sr-only">「{p.name}」</span>
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeading
        title={TITLE}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={places.reload} loading={places.loading}>
              刷新
            </Button>
            {canImport ? (
              <Button icon={<CloudUploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
                导入
              </Button>
            ) : null}
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => openForm(null)}>
                新建
              </Button>
            ) : null}
          </Space>
        }
      />
      <p className="page-intro">
        游客在小程序中查找附近的餐饮、住宿、码头、景点、医疗点、警务站和商店，并可对商家提出投诉。营业状态按城市时间和营业时间判断。
      </p>
      <Form<Filters>
        form={filterForm}
        name="place-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选商家与服务点"
        initialValues={{ island: island || undefined, kind, q }}
        onFinish={(values) => update({ ...values, q: values.q?.trim(), page: 1 })}
      >
        <IslandFilter islands={islands} onChange={() => filterForm.submit()} />
        <Form.Item label="类型" name="kind">
          <Select
            placeholder="全部类型"
            allowClear
            options={PLACE_KINDS}
            style={{ width: 130 }}
            onChange={() => filterForm.submit()}
          />
        </Form.Item>
        <Form.Item label="关键词" name="q">
          <Input placeholder="名称或地址" allowClear autoComplete="off" style={{ width: 200 }} />
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
      <Table<Place>
        aria-label="商家与服务点列表"
        rowKey="code"
        columns={columns}
        dataSource={places.data?.items}
        loading={places.loading}
        onChange={(change) => update(nextPage(change, pageSize))}
        size="middle"
        scroll={{ x: 1300 }}
        pagination={pagination(page, pageSize, places.data?.total, '处')}
        locale={{ emptyText: places.error ? '加载失败，请稍后重试' : '没有符合条件的商家或服务点' }}
      />
      {canEdit ? (
        <PlaceFormModal
          open={formOpen}
          editing={editing ?? null}
          islands={islands.options}
          islandCode={island || undefined}
          onClose={() => setFormOpen(false)}
          onSaved={() => {
            setFormOpen(false);
            places.reload();
          }}
        />
      ) : null}
      {canImport ? (
        <PlaceImportDrawer open={importing} onClose={() => setImporting(false)} onImported={places.reload} />
      ) : null}
    </>
  );
}
