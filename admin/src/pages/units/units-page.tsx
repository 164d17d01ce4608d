// 单位: the departments events are dispatched to. Filters live in the URL so a filtered list can be
// bookmarked or shared.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { getMeta } from '../../api/meta';
import { listRegions } from '../../api/regions';
import { listUnits, type Unit } from '../../api/units';
import { useLoad } from '../../api/use-load';
import { canCreateUnits } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { PageHeading } from '../../ui/page-heading';
import { CreateUnitModal } from './create-unit-modal';

const columns: TableColumnsType<Unit> = [
  { title: '单位名称', dataIndex: 'name', key: 'name' },
  { title: '单位编码', dataIndex: 'code', key: 'code' },
  { title: '单位类型', dataIndex: 'typeName', key: 'typeName' },
  { title: '管辖区域', dataIndex: 'regionName', key: 'regionName' },
  { title: '联系电话', dataIndex: 'phone', key: 'phone', render: (phone: string | null) => phone || '未填写' },
];

interface Filters {
  q?: string;
  type?: string;
}

export function UnitsPage() {
  const { message } = App.useApp();
  const user = useSession()!.user;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const [filterForm] = Form.useForm<Filters>();
  const [creating, setCreating] = useState(false);
  const canCreate = canCreateUnits(user.role);

  const meta = useLoad(() => getMeta(), []);
  const units = useLoad((signal) => listUnits({ q, type }, signal), [q, type]);
  // Regions only feed the create form, which only admins see.
  const regions = useLoad(
    (signal) => (canCreate ? listRegions(signal).then((r) => r.items) : Promise.resolve([])),
    [canCreate],
  );

  useEffect(() => {
    if (units.error) message.error(errorMessage(units.error));
  }, [units.error, message]);
  useEffect(() => {
    if (meta.error) message.error(errorMessage(meta.error));
  }, [meta.error, message]);

  // Back/forward changes the URL; keep the visible filters in step with it.
  useEffect(() => {
    filterForm.setFieldsValue({ q, type: type || undefined });
  }, [filterForm, q, type]);

  function applyFilters(values: Filters) {
    const next = new URLSearchParams();
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.type) next.set('type', values.type);
    setParams(next);
  }

  return (
    <>
      <PageHeading
        title="单位"
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              新建单位
            </Button>
          ) : null
        }
      />
      <Form<Filters>
        form={filterForm}
        name="unit-filters"
        layout="inline"
        className="filters"
        // Every filter is optional; saying so on each label would be noise.
        requiredMark={false}
        role="search"
        aria-label="筛选单位"
        initialValues={{ q, type: type || undefined }}
        onFinish={applyFilters}
      >
        <Form.Item label="关键词" name="q">
          <Input placeholder="名称或编码" allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="单位类型" name="type">
          <Select
            placeholder="全部类型"
            allowClear
            loading={meta.loading}
            options={meta.data?.unitTypes}
            style={{ width: 180 }}
            onChange={() => filterForm.submit()}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      <Table<Unit>
        aria-label="单位列表"
        rowKey="id"
        columns={columns}
        dataSource={units.data?.items}
        loading={units.loading}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => `共 ${total} 个单位`,
        }}
        locale={{ emptyText: units.error ? '加载失败，请稍后重试' : '暂无单位' }}
      />
      {canCreate ? (
        <CreateUnitModal
          open={creating}
          unitTypes={meta.data?.unitTypes ?? []}
          regions={regions.data ?? []}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            units.reload();
          }}
        />
      ) : null}
    </>
  );
}
