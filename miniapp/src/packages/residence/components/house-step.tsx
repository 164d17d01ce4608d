// Step 1 of 居住申报: scan the house's QR code (the mini-program only; H5 has no scanner) or type its code, then look
// the house up.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import TextField from '../../../components/text-field'

export interface HouseStepProps {
  canScan: boolean
  code: string
  error: string | null
  looking: boolean
  scanning: boolean
  onCode: (value: string) => void
  onScan: () => void
  onLookUp: () => void
}

export default function HouseStep({ canScan, code, error, looking, scanning, onCode, onScan, onLookUp }: HouseStepProps) {
  const busy = looking || scanning
  return (
    <>
      <Text className='rs-steps'>第 1 步，共 3 步：确认房屋</Text>
      <View className='rs-card' role='region' aria-labelledby='house-step-heading'>
        <View className='rs-heading' role='heading' aria-level='2' id='house-step-heading'>
          {canScan ? '扫描房屋二维码' : '输入房屋编码'}
        </View>
        <Text className='rs-hint'>
          {canScan ? '房屋二维码贴在门牌旁，扫码后会显示房屋地址。' : '房屋编码印在门牌旁的二维码下方，如 BA0304-012-0301。'}
        </Text>
        {canScan && (
          <>
            <View className='rs-actions'>
              <ActionButton id='scan-house' className='btn btn--primary' loading={scanning} disabled={looking} onTap={onScan}>
                扫码
              </ActionButton>
            </View>
            <Text className='rs-or'>扫不了？也可以手动输入房屋编码</Text>
          </>
        )}
        <TextField prefix='rs'
          id='house-code-input'
          label='房屋编码'
          value={code}
          maxlength={200}
          placeholder='如 BA0304-012-0301'
          error={error ?? undefined}
          disabled={busy}
          web={{ autoCapitalize: 'characters', autoComplete: 'off', spellCheck: 'false', enterKeyHint: 'search' }}
          onInput={onCode}
          onConfirm={onLookUp}
        />
        <View className='rs-actions'>
          <ActionButton id='look-up-house' className={`btn ${canScan ? 'btn--secondary' : 'btn--primary'}`} loading={looking} disabled={scanning} onTap={onLookUp}>
            查询房屋
          </ActionButton>
        </View>
      </View>
    </>
  )
}
