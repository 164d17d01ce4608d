// Step 2 of 居住申报: 身份证号 and 姓名, checked on the phone (GB 11643 check digit) before POST /residence/prefill.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { ID_NUMBER_LENGTH } from '../../../services/id-number'
import { MAX_NAME_LENGTH, type FieldProblem, type IdentityDraft, type IdentityField } from '../../../services/residence-form'
import TextField from '../../../components/text-field'

export interface IdentityStepProps {
  draft: IdentityDraft
  problems: FieldProblem<IdentityField>[]
  error: string | null
  busy: boolean
  onChange: (patch: Partial<IdentityDraft>) => void
  onNext: () => void
}

export default function IdentityStep({ draft, problems, error, busy, onChange, onNext }: IdentityStepProps) {
  const problem = (field: IdentityField) => problems.find((p) => p.field === field)?.message
  return (
    <>
      <Text className='rs-steps'>第 2 步，共 3 步：填写身份信息</Text>
      <View className='rs-card' role='region' aria-labelledby='identity-heading'>
        <View className='rs-heading' role='heading' aria-level='2' id='identity-heading'>
          申报人
        </View>
        <Text className='rs-hint'>身份证号仅用于核验居住登记，加密保存，任何页面都不会显示完整号码。</Text>
        <TextField prefix='rs'
          id='id-number'
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
        <TextField prefix='rs'
          id='person-name'
          label='姓名'
          value={draft.name}
          maxlength={MAX_NAME_LENGTH}
          placeholder='与身份证上的姓名一致'
          error={problem('name')}
          disabled={busy}
          web={{ autoComplete: 'name' }}
          onInput={(name) => onChange({ name })}
          onConfirm={onNext}
        />
        {error && (
          <View className='alert' role='alert' id='identity-error'>
            {error}
          </View>
        )}
        <View className='rs-actions'>
          <ActionButton id='identity-next' className='btn btn--primary' loading={busy} onTap={onNext}>
            下一步
          </ActionButton>
        </View>
      </View>
    </>
  )
}
