// 受众: who a rule reaches, built from rows of (fact, operator, value), each optionally 排除, joined by 满足全部
// or 满足任一; the same predicate as JSON under 高级：JSON, both ways. 预览受众 asks the server how many
// people match now and shows a masked sample. Every control has a visible label tied to it; a row's errors
// (its own checks, or the server's `audience.all[1].fact`) are written under the row.
import { DeleteOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, InputNumber, Radio, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { previewAudience, type AudiencePreview, type Fact, type Operator, type PreviewPerson } from '../../api/notices';
import { formatDateTime } from '../../ui/format';
import type { AudienceRow } from './audience';
import { OPERATOR_LABELS } from './labels';
import type { AudienceRowPatch, AudienceState } from './use-audience';
import './notices.css';

const ALL_OPERATORS = Object.keys(OPERATOR_LABELS) as Operator[];
const BOOLEAN_VALUES = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];

function yesNo(value: boolean | null | undefined): string {
  if (value === true) return '是';
  if (value === false) return '否';
  return '—';
}

function sexName(value: string | null | undefined): string {
  if (!value) return '—';
  const v = value.toLowerCase();
  if (v === 'male' || v === 'm' || v === '1') return '男';
  if (v === 'female' || v === 'f' || v === '2') return '女';
  return value;
}

/** factsAsOf may be a date or a moment. */
function asOf(value: string | null | undefined): string {
  if (!value) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : formatDateTime(value);
}

const sampleColumns: TableColumnsType<PreviewPerson> = [
  { title: '居民（已脱敏）', dataIndex: 'person', key: 'person', className: 'nowrap' },
  { title: '年龄', key: 'age', align: 'right', render: (_, p) => p.facts?.age ?? '—' },
  { title: '性别', key: 'sex', render: (_, p) => sexName(p.facts?.sex) },
  { title: '网格', key: 'grid', render: (_, p) => p.facts?.grid ?? '—' },
  { title: '区域', key: 'region', render: (_, p) => p.facts?.region ?? '—' },
  { title: '海岛', key: 'island', render: (_, p) => p.facts?.island ?? '—' },
  { title: '参保', key: 'insured', render: (_, p) => yesNo(p.facts?.insured) },
  { title: '已申报', key: 'declared', render: (_, p) => yesNo(p.facts?.declared) },
];

export function AudienceBuilder({ audience, facts, factsLoading }: { audience: AudienceState; facts: Fact[]; factsLoading: boolean }) {
  const [preview, setPreview] = useState<{ result: AudiencePreview; asked: string } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const { rows, combinator, custom } = audience.audience;
  const locked = audience.jsonDirty;

  async function runPreview() {
    setPreviewError(null);
    const predicate = audience.resolve();
    if (!predicate) {
      setPreviewError('请先补全受众条件');
      return;
    }
    setPreviewing(true);
    try {
      const result = await previewAudience(predicate);
      setPreview({ result, asked: JSON.stringify(predicate) });
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) audience.showServerErrors(error.errors);
      setPreviewError(errorMessage(error));
      setPreview(null);
    } finally {
      setPreviewing(false);
    }
  }

  // A preview belongs to the audience it was asked for; any change since makes it out of date.
  const stale = preview !== null && (audience.jsonDirty || preview.asked !== JSON.stringify(audience.draft));

  return (
    <div className="audience-builder">
      {custom ? (
        <Alert
          type="info"
          showIcon
          title="当前受众条件包含嵌套的分组，无法用逐条的方式显示，请在下方「高级：JSON」中查看和修改。"
          action={
            <Button size="small" onClick={audience.switchToRows}>
              清空并逐条设置
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      ) : (
        <>
          <div className="audience-match">
            <span id="audience-match-label">人员需</span>
            <Radio.Group
              id="audience-match"
              aria-labelledby="audience-match-label"
              optionType="button"
              value={combinator}
              disabled={locked}
              onChange={(e) => audience.setCombinator(e.target.value)}
              options={[
                { value: 'all', label: '满足全部条件', id: 'audience-match-all' },
                { value: 'any', label: '满足任一条件', id: 'audience-match-any' },
              ]}
            />
          </div>
          {rows.length === 0 ? <p className="muted">还没有条件，请添加条件。</p> : null}
          <ol className="audience-rows">
            {rows.map((row, index) => (
              <li key={row.key}>
                <AudienceRowFields
                  row={row}
                  index={index}
                  facts={facts}
                  factsLoading={factsLoading}
                  disabled={locked}
                  error={audience.rowErrors[index]}
                  onChange={(patch) => audience.updateRow(index, patch)}
                  onRemove={() => audience.removeRow(index)}
                />
              </li>
            ))}
          </ol>
          <Button id="audience-add" icon={<PlusOutlined aria-hidden />} onClick={audience.addRow} disabled={locked}>
            添加条件
          </Button>
          {locked ? <p className="muted">JSON 已修改：请先应用或放弃 JSON 的修改，再逐条编辑。</p> : null}
        </>
      )}
      {audience.audienceError ? (
        <Alert id="audience-error" type="error" showIcon role="alert" title={audience.audienceError} style={{ marginTop: 12 }} />
      ) : null}
      <JsonPanel audience={audience} />
      <div className="audience-preview-bar">
        <Button icon={<EyeOutlined aria-hidden />} onClick={runPreview} loading={previewing}>
          预览受众
        </Button>
      </div>
      <div id="audience-preview" className="audience-preview">
        <p role="status" className="audience-preview-count">
          {preview
            ? `共 ${preview.result.count} 人符合条件${stale ? '（条件已修改，请重新预览）' : ''}`
            : previewError ?? ''}
        </p>
        {preview ? (
          <>
            {preview.result.factsAsOf ? (
              <p className="muted">人员数据截至 {asOf(preview.result.factsAsOf)}。以下为部分符合条件的人员（已脱敏，最多 5 人）。</p>
            ) : (
              <p className="muted">以下为部分符合条件的人员（已脱敏，最多 5 人）。</p>
            )}
            <Table<PreviewPerson>
              aria-label="符合条件的人员示例"
              rowKey="key"
              columns={sampleColumns}
              // Masked names may repeat (the same last four digits), so rows are keyed by their place.
              dataSource={preview.result.sample.map((p, i) => ({ ...p, key: i }))}
              size="small"
              pagination={false}
              scroll={{ x: 720 }}
              locale={{ emptyText: '没有符合条件的人员' }}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}

function AudienceRowFields(props: {
  row: AudienceRow;
  index: number;
  facts: Fact[];
  factsLoading: boolean;
  disabled: boolean;
  error?: string;
  onChange: (patch: AudienceRowPatch) => void;
  onRemove: () => void;
}) {
  const { row, index: i, facts, disabled } = props;
  const fact = facts.find((f) => f.fact === row.fact);
  const factOptions = facts.map((f) => ({ value: f.fact, label: f.name }));
  // A fact from saved JSON that the server no longer offers is still shown, by its code.
  if (row.fact && !fact && !props.factsLoading) factOptions.push({ value: row.fact, label: `${row.fact}（未知条件项）` });
  const operators = fact?.operators?.length ? fact.operators : ALL_OPERATORS;
  const opOptions = operators.map((op) => ({ value: op, label: OPERATOR_LABELS[op] ?? op }));
  const errorId = `audience-row-error-${i}`;
  const invalid = props.error ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};

  return (
    <fieldset className={`audience-row${props.error ? ' audience-row-invalid' : ''}`}>
      <legend className="audience-row-legend">条件 {i + 1}</legend>
      <div className="audience-row-fields">
        <div className="audience-field audience-field-not">
          <Checkbox
            id={`audience-not-${i}`}
            checked={row.not}
            disabled={disabled}
            onChange={(e) => props.onChange({ not: e.target.checked })}
          >
            排除
          </Checkbox>
        </div>
        <Field label="条件项" htmlFor={`audience-fact-${i}`} width={170}>
          <Select
            id={`audience-fact-${i}`}
            value={row.fact}
            placeholder="请选择"
            options={factOptions}
            loading={props.factsLoading}
            disabled={disabled}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(value: string) => props.onChange({ fact: value })}
            style={{ width: '100%' }}
            {...invalid}
          />
        </Field>
        <Field label="比较方式" htmlFor={`audience-op-${i}`} width={150}>
          <Select
            id={`audience-op-${i}`}
            value={row.op}
            placeholder="请选择"
            options={opOptions}
            disabled={disabled || !row.fact}
            onChange={(value: Operator) => props.onChange({ op: value })}
            style={{ width: '100%' }}
            {...invalid}
          />
        </Field>
        <RowValue row={row} index={i} fact={fact} disabled={disabled} invalid={invalid} onChange={props.onChange} />
        <div className="audience-field audience-field-remove">
          <Button
            id={`audience-remove-${i}`}
            icon={<DeleteOutlined aria-hidden />}
            onClick={props.onRemove}
            disabled={disabled}
          >
            删除<span className="sr-only">条件 {i + 1}</span>
          </Button>
        </div>
      </div>
      {fact?.values?.length && row.op === 'in' ? (
        <p className="audience-row-hint">可填的值：{fact.values.map((v) => `${String(v.value)}（${v.name}）`).join('、')}</p>
      ) : null}
      {row.op === 'within_days' ? (
        <p className="audience-row-hint">正数 N：日期在今后 N 天内；负数 −N：日期在过去 N 天内。</p>
      ) : null}
      {row.op === 'age_reaches' ? (
        <p className="audience-row-hint">在所填天数内年满该年龄的人（不填天数则以服务器默认为准）。</p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="audience-row-error">
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A label above its control, tied to it by id. */
function Field({ label, htmlFor, width, children }: { label: string; htmlFor: string; width: number; children: ReactNode }) {
  return (
    <div className="audience-field" style={{ width }}>
      <label htmlFor={htmlFor} className="audience-field-label">
        {label}
      </label>
      {children}
    </div>
  );
}

/** The value input that fits the fact's type and the operator. */
function RowValue(props: {
  row: AudienceRow;
  index: number;
  fact: Fact | undefined;
  disabled: boolean;
  invalid: object;
  onChange: (patch: AudienceRowPatch) => void;
}) {
  const { row, index: i, fact, disabled, invalid, onChange } = props;
  const valueId = `audience-value-${i}`;
  const isNumber = fact?.type === 'number';
  const isDate = fact?.type === 'date';

  if (!row.op) {
    return (
      <Field label="值" htmlFor={valueId} width={200}>
        <Input id={valueId} disabled placeholder="先选择比较方式" />
      </Field>
    );
  }

  switch (row.op) {
    case 'eq': {
      const options = fact?.values?.length
        ? fact.values.map((v) => ({ value: v.value, label: v.name }))
        : fact?.type === 'boolean'
          ? BOOLEAN_VALUES
          : null;
      if (options) {
        return (
          <Field label="值" htmlFor={valueId} width={200}>
            <Select
              id={valueId}
              value={row.value ?? undefined}
              placeholder="请选择"
              options={options}
              disabled={disabled}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(value: string | number | boolean) => onChange({ value })}
              style={{ width: '100%' }}
              {...invalid}
            />
          </Field>
        );
      }
      if (isNumber) {
        return (
          <Field label="值" htmlFor={valueId} width={200}>
            <InputNumber
              id={valueId}
              value={typeof row.value === 'number' ? row.value : null}
              disabled={disabled}
              onChange={(value) => onChange({ value: value ?? null })}
              style={{ width: '100%' }}
              {...invalid}
            />
          </Field>
        );
      }
      return (
        <Field label="值" htmlFor={valueId} width={200}>
          <Input
            id={valueId}
            type={isDate ? 'date' : 'text'}
            autoComplete="off"
            value={row.value === null || row.value === undefined ? '' : String(row.value)}
            disabled={disabled}
            onChange={(e) => onChange({ value: e.target.value })}
            {...invalid}
          />
        </Field>
      );
    }
    case 'in':
      return (
        <Field label="值（多个用逗号分隔）" htmlFor={valueId} width={260}>
          <Input
            id={valueId}
            autoComplete="off"
            value={row.text ?? ''}
            placeholder={fact?.values?.length ? fact.values.slice(0, 2).map((v) => String(v.value)).join(', ') : '如 G-01, G-02'}
            disabled={disabled}
            onChange={(e) => onChange({ text: e.target.value })}
            {...invalid}
          />
        </Field>
      );
    case 'range': {
      const minId = `audience-min-${i}`;
      const maxId = `audience-max-${i}`;
      const input = (id: string, key: 'min' | 'max') =>
        isDate ? (
          <Input
            id={id}
            type="date"
            value={typeof row[key] === 'string' ? (row[key] as string) : ''}
            disabled={disabled}
            onChange={(e) => onChange({ [key]: e.target.value || null })}
            {...invalid}
          />
        ) : (
          <InputNumber
            id={id}
            value={typeof row[key] === 'number' ? (row[key] as number) : null}
            disabled={disabled}
            onChange={(value) => onChange({ [key]: value ?? null })}
            style={{ width: '100%' }}
            {...invalid}
          />
        );
      return (
        <>
          <Field label={isDate ? '起始日期（可选）' : '最小值（可选）'} htmlFor={minId} width={isDate ? 170 : 130}>
            {input(minId, 'min')}
          </Field>
          <Field label={isDate ? '结束日期（可选）' : '最大值（可选）'} htmlFor={maxId} width={isDate ? 170 : 130}>
            {input(maxId, 'max')}
          </Field>
        </>
      );
    }
    case 'age_reaches': {
      const windowId = `audience-window-${i}`;
      return (
        <>
          <Field label="年满（岁）" htmlFor={valueId} width={110}>
            <InputNumber
              id={valueId}
              min={0}
              max={150}
              precision={0}
              value={typeof row.value === 'number' ? row.value : null}
              disabled={disabled}
              onChange={(value) => onChange({ value: value ?? null })}
              style={{ width: '100%' }}
              {...invalid}
            />
          </Field>
          <Field label="过去几天内（默认 7）" htmlFor={windowId} width={150}>
            <InputNumber
              id={windowId}
              min={0}
              precision={0}
              value={typeof row.window === 'number' ? row.window : null}
              disabled={disabled}
              onChange={(value) => onChange({ window: value ?? null })}
              style={{ width: '100%' }}
              {...invalid}
            />
          </Field>
        </>
      );
    }
    case 'within_days':
      return (
        <Field label="天数（负数为过去）" htmlFor={valueId} width={160}>
          <InputNumber
            id={valueId}
            precision={0}
            value={typeof row.value === 'number' ? row.value : null}
            disabled={disabled}
            onChange={(value) => onChange({ value: value ?? null })}
            style={{ width: '100%' }}
            {...invalid}
          />
        </Field>
      );
    default:
      return null;
  }
}

/** 高级：JSON — the predicate as text; typed changes are applied on 应用 JSON (or by 保存 and 预览受众). */
function JsonPanel({ audience }: { audience: AudienceState }) {
  const [open, setOpen] = useState(false);
  const custom = !!audience.audience.custom;
  // A predicate the rows cannot show is only visible here, so the panel opens for it.
  useEffect(() => {
    if (custom) setOpen(true);
  }, [custom]);
  return (
    <details className="audience-json" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>高级：JSON</summary>
      <p className="muted" id="audience-json-help">
        语法：{'{"all":[…]}'} 满足全部、{'{"any":[…]}'} 满足任一、{'{"not":…}'} 排除；条件写作
        {' {"fact":"age","range":{"min":60}}'}、{'{"fact":"grid","in":["G-01","G-02"]}'}、
        {'{"fact":"age","age_reaches":60,"within_days":30}'}、{'{"fact":"declarationValidUntil","within_days":30}'}（负数表示过去）。
      </p>
      <label htmlFor="audience-json" className="audience-field-label">
        受众条件（JSON）
      </label>
      <Input.TextArea
        id="audience-json"
        className="audience-json-text"
        value={audience.jsonShown}
        onChange={(e) => audience.editJson(e.target.value)}
        autoSize={{ minRows: 4, maxRows: 16 }}
        spellCheck={false}
        aria-describedby={audience.jsonError ? 'audience-json-help audience-json-error' : 'audience-json-help'}
        aria-invalid={audience.jsonError ? true : undefined}
      />
      {audience.jsonError ? (
        <p id="audience-json-error" className="audience-row-error" role="alert">
          {audience.jsonError}
        </p>
      ) : null}
      {audience.jsonDirty ? (
        <Space style={{ marginTop: 8 }}>
          <Button id="audience-json-apply" type="primary" ghost onClick={audience.applyJson}>
            应用 JSON
          </Button>
          <Button onClick={audience.discardJson}>放弃修改</Button>
        </Space>
      ) : null}
    </details>
  );
}
