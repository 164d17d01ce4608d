// Step 3 of 居住申报: the prefilled 性别, 出生日期, 手机号 and 入住日期, each correctable; 「同时从原住址搬离」 when the
// person is still declared elsewhere; then 提交申报.

import { Switch, Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import type { Prefill, Sex } from '../../../services/declarations'
import type { DetailsDraft, DetailsField, FieldProblem } from '../../../services/residence-form'
import DateField from './date-field'
import TextField from '../../../components/text-field'

const SEXES: { value: Sex; label: string }[] = [
  { value: 'male', label: '男' },
  { value: 'female', label: '女' },
]

export interface DetailsStepProps {
  name: string
  idNumberMasked: string
  draft: DetailsDraft
  prefill: Prefill
  phoneOnFile: string | null
  today: string
  problems: FieldProblem<DetailsField>[]
  error: string | null
  /** Shown under the error when the API says the person is already declared there (409). */
  onOpenMine?: () => void
  busy: boolean
  onChange: (patch: Partial<DetailsDraft>) => void
  onBack: () => void
  onSubmit: () => void
}

export default function DetailsStep(props: DetailsStepProps) {
  const { name, idNumberMasked, draft, prefill, phoneOnFile, today, problems, error, onOpenMine, busy, onChange, onBack, onSubmit } = props
  const problem = (field: DetailsField) => problems.find((p) => p.field === field)?.message
  const sexError = problem('sex')
  const elsewhere = prefill.declaredElsewhere
  return (
    <>
      <Text className='rs-steps'>第 3 步，共 3 步：核对并提交</Text>
      <View className='rs-card' role='region' aria-labelledby='details-heading'>
        <View className='rs-heading' role='heading' aria-level='2' id='details-heading'>
          核对申报信息
        </View>
        <Text className='rs-hint'>以下信息已根据登记资料自动填写，如有不符请直接修改。</Text>
        <View className='rs-row'>
          <Text className='rs-row__label'>姓名</Text>
          <Text className='rs-row__value' id='summary-name'>
            {name}
          </Text>
        </View>
        <View className='rs-row'>
          <Text className='rs-row__label'>身份证号</Text>
          <Text className='rs-row__value rs-code' id='summary-id-number'>
            {idNumberMasked}
          </Text>
        </View>

        <View className='rs-field' role='group' aria-labelledby='sex-label' aria-describedby={sexError ? 'sex-error' : undefined}>
          <Text className='rs-label' id='sex-label'>
            性别
          </Text>
          <View className='rs-choices'>
            {SEXES.map((s) => (
              <ActionButton
                key={s.value}
                id={`sex-${s.value}`}
                className={`rs-choice${draft.sex === s.value ? ' rs-choice--on' : ''}`}
                pressed={draft.sex === s.value}
                disabled={busy}
                onTap={() => onChange({ sex: s.value })}
              >
                {s.label}
              </ActionButton>
            ))}
          </View>
          {sexError && (
            <Text className='rs-error' id='sex-error'>
              {sexError}
            </Text>
          )}
        </View>

        <DateField id='birth-date' label='出生日期' value={draft.birthDate} start='1900-01-01' end={today} error={problem('birthDate')} disabled={busy} onChange={(birthDate) => onChange({ birthDate })} />

        <TextField prefix='rs'
          id='phone'
          label={phoneOnFile ? '手机号（选填）' : '手机号'}
          type='number'
          value={draft.phone}
          maxlength={11}
          placeholder={phoneOnFile ? '不修改请留空' : '11 位手机号'}
          hint={phoneOnFile ? `已登记的手机号：${phoneOnFile}。如需更换，请填写新号码。` : '用于网格员联系您，不会公开。'}
          error={problem('phone')}
          disabled={busy}
          web={{ type: 'tel', inputMode: 'numeric', autoComplete: 'tel-national' }}
          onInput={(phone) => onChange({ phone })}
        />

        <DateField id='move-in-date' label='入住日期' value={draft.moveInDate} start={draft.birthDate || '1900-01-01'} end={today} error={problem('moveInDate')} disabled={busy} onChange={(moveInDate) => onChange({ moveInDate })} />

        {elsewhere && (
          <View className='rs-field'>
            <View className='rs-info' id='elsewhere-notice'>
              {`您目前仍登记居住在：${elsewhere.address || elsewhere.houseCode}。`}
            </View>
            <View className='rs-switch-row rs-field'>
              <View className='rs-switch-row__text'>
                <Text className='rs-label' id='move-out-previous-label'>
                  {`同时从原住址（${elsewhere.address || elsewhere.houseCode}）搬离`}
                </Text>
                <Text className='rs-hint' id='move-out-previous-hint'>
                  已不在原住址居住请打开；不打开时原住址的登记保留，本次申报可能需要网格员核查。
                </Text>
              </View>
              <Switch
                id='move-out-previous'
                className='rs-switch'
                checked={draft.moveOutPrevious}
                color='#0b6e4f'
                disabled={busy}
                aria-label='同时从原住址搬离'
                nativeProps={{
                  'aria-label': '同时从原住址搬离',
                  role: 'switch',
                  'aria-labelledby': 'move-out-previous-label',
                  'aria-describedby': 'move-out-previous-hint',
                }}
                onChange={(e) => onChange({ moveOutPrevious: Boolean(e.detail.value) })}
              />
            </View>
          </View>
        )}

        {error && (
          <View className='alert' role='alert' id='declare-error'>
            {error}
          </View>
        )}
        {error && onOpenMine && (
          <View className='rs-actions'>
            <ActionButton id='declare-open-mine' className='btn btn--secondary' onTap={onOpenMine}>
              查看我的居住
            </ActionButton>
          </View>
        )}
        <View className='rs-actions'>
          <ActionButton id='submit-declaration' className='btn btn--primary' loading={busy} onTap={onSubmit}>
            提交申报
          </ActionButton>
          <ActionButton id='back-to-identity' className='btn btn--secondary' disabled={busy} onTap={onBack}>
            返回修改
          </ActionButton>
        </View>
      </View>
    </>
  )
}
