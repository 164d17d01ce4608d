// 绑定参保人: 身份证号 (checked on the phone, GB 11643 check digit) and 姓名, then POST /me/insured, where the city's
// real-name check (the population base) decides. Says why the number is asked for and how it is kept.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { MAX_INSURED_NAME_LENGTH, type BindDraft, type BindField, type BindProblem } from '../../../services/fee-view'
import { ID_NUMBER_LENGTH } from '../../../services/id-number'
import TextField from '../../../components/text-field'

export interface BindFormProps {
  draft: BindDraft
  problems: BindProblem[]
  error: string | null
  busy: boolean
  onChange: (patch: Partial<BindDraft>) => void
  onSubmit: () => void
}

export default function BindForm({ draft, problems, error, busy, onChange, onSubmit }: BindFormProps) {
  const problem = (field: BindField) => problems.find((p) => p.field === field)?.message
  return (
    <View className='fs-card' role='region' aria-labelledby='insured-bind-heading' id='insured-bind-form'>
      <View className='fs-heading' role='heading' aria-level='2' id='insured-bind-heading'>
        绑定参保人
      </View>
      <Text className='fs-text'>查询社保缴费前，请先绑定参保人本人的身份信息。</Text>
      <View className='fs-info'>
        <Text className='fs-info__line'>
          绑定时使用本市人口信息库进行实名核验：身份证号与姓名一致才能绑定。每个微信账号只能绑定一位参保人，一位参保人也只能绑定一个微信账号。
        </Text>
        <Text className='fs-info__line'>身份证号加密保存，页面只显示部分号码。</Text>
      </View>
      <TextField prefix='fs'
        id='insured-id-number'
        label='身份证号'
        type='idcard'
        value={draft.idNumber}
        maxlength={ID_NUMBER_LENGTH + 4}
        placeholder='18 位身份证号'
        error={problem('idNumber')}
        disabled={busy}
        web={{ autoComplete: 'off', autoCapitalize: 'characters', spellCheck: 'false' }}
        onInput={(idNumber) => onChange({ idNumber })}
      />
      <TextField prefix='fs'
        id='insured-name'
        label='姓名'
        value={draft.name}
        maxlength={MAX_INSURED_NAME_LENGTH}
        placeholder='与身份证上的姓名一致'
        error={problem('name')}
        disabled={busy}
        web={{ autoComplete: 'name' }}
        onInput={(name) => onChange({ name })}
        onConfirm={onSubmit}
      />
      {error && (
        <View className='alert' role='alert' id='insured-bind-error'>
          {error}
        </View>
      )}
      <View className='fs-actions'>
        <ActionButton id='insured-bind' className='btn btn--primary' loading={busy} onTap={onSubmit}>
          实名核验并绑定
        </ActionButton>
      </View>
    </View>
  )
}
