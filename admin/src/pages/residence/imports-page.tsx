// 数据导入 (supervisor, admin): CSV files of houses, the population base or other departments' rental
// reports. Upload one, follow it while it runs, read its errors if it failed; below, the imports so far.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Select, Table, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { IMPORT_KINDS, listImports, type DataImport, type ImportKind } from '../../api/residence';
import { useLoad } from '../../api/use-load';
import { canUseResidenceScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { ImportForm } from './import-form';
import { ImportProgress } from './import-progress';
import { positiveInt, toSearchParams } from './list-params';
import { ToneTag } from './residence-tags';

const STATUS_TONES = { running: 'processing', done: 'success', failed: 'error' } as const;
const count = new Intl.NumberFormat('zh-CN');

const isKind = (value: string | null): value is ImportKind => IMPORT_KINDS.some((k) => k.value === value);

export function ImportsPage() {
  const user = useSession()!.user;
  if (!canUseResidenceScreen(user.role, 'imports')) return <NoAccess title="数据导入" who="只有督办员和系统管理员" />;
  return <Imports />;
}

function Imports() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const selected = positiveInt(params.get('import'));
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  // Lines counted in the browser for the file this page uploaded; a selected older import has none.
  const [expected, setExpected] = useState<{ id: number; lines: number | null } | null>(null);

  const imports = useLoad((signal) => listImports(kind, signal), [kind]);

  useEffect(() => {
    if (imports.error) message.error(errorMessage(imports.error));
  }, [imports.error, message]);

  function select(id: number | undefined, nextKind: ImportKind | undefined = kind) {
    setParams(toSearchParams({ import: id, kind: nextKind }));
  }

  const columns: TableColumnsType<DataImport> = [
    { title: '编号', dataIndex: 'id', key: 'id', width: 72 },
    { title: '文件名', dataIndex: 'filename', key: 'filename' },
    { title: '类型', dataIndex: 'kindName', key: 'kindName', className: 'nowrap' },
    {
      title: '状态',
      key: 'status',
      render: (_, i) => <ToneTag tone={STATUS_TONES[i.status] ?? 'default'}>{i.statusName}</ToneTag>,
    },
    { title: '已处理行数', dataIndex: 'processedLines', key: 'processedLines', align: 'right', render: (n: number) => count.format(n) },
    { title: '已导入行数', dataIndex: 'appliedLines', key: 'appliedLines', align: 'right', render: (n: number) => count.format(n) },
    { title: '错误数', dataIndex: 'errorCount', key: 'errorCount', align: 'right', render: (n: number) => count.format(n) },
    { title: '开始时间', dataIndex: 'createdAt', key: 'createdAt', className: 'nowrap', render: (at: string) => formatDateTime(at) },
    { title: '完成时间', dataIndex: 'finishedAt', key: 'finishedAt', className: 'nowrap', render: (at: string | null) => formatDateTime(at, '进行中') },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      // A button on every row, the one on view pressed: the table always has something to reach by keyboard.
      render: (_, i) => (
        <Button type="link" size="small" aria-pressed={i.id === selected} onClick={() => select(i.id)}>
          查看详情<span className="sr-only">（导入 {i.id}）</span>
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading title="数据导入" />
      <section aria-labelledby="import-upload-title" className="detail-section">
        <h2 id="import-upload-title" className="section-title" style={{ marginBottom: 12 }}>
          上传 CSV
        </h2>
        <ImportForm
          onStarted={(started, lines) => {
            setExpected({ id: started.id, lines: null });
            select(started.id);
            imports.reload();
            void lines.then((n) => setExpected((e) => (e && e.id === started.id ? { ...e, lines: n } : e)));
          }}
        />
        {selected ? (
          <ImportProgress
            key={selected}
            id={selected}
            expectedLines={expected?.id === selected ? expected.lines : null}
            onSettled={imports.reload}
          />
        ) : null}
      </section>
      <section aria-labelledby="import-list-title" className="detail-section">
        <div className="page-heading" style={{ marginBottom: 12 }}>
          <h2 id="import-list-title" className="section-title">
            导入记录
          </h2>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={imports.reload} loading={imports.loading}>
            刷新
          </Button>
        </div>
        <Form layout="inline" className="filters" requiredMark={false} name="import-filters" role="search" aria-label="筛选导入记录">
          <Form.Item label="按类型筛选" name="kind" initialValue={kind}>
            <Select
              placeholder="全部类型"
              allowClear
              options={IMPORT_KINDS.map((k) => ({ value: k.value, label: k.label }))}
              style={{ width: 160 }}
              onChange={(value: ImportKind | undefined) => select(selected, value)}
            />
          </Form.Item>
        </Form>
        <Table<DataImport>
          aria-label="导入记录列表"
          rowKey="id"
          columns={columns}
          dataSource={imports.data?.items}
          loading={imports.loading}
          size="middle"
          scroll={{ x: 1100 }}
          rowClassName={(i) => (i.id === selected ? 'task-highlight' : '')}
          pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 次导入` }}
          locale={{ emptyText: imports.error ? '加载失败，请稍后重试' : '还没有导入记录' }}
        />
      </section>
    </>
  );
}
