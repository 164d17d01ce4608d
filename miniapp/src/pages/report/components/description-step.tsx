// The description card: the 问题描述 text with its character counter, and the 匿名上报 switch.
// Inner inputs carry both aria-labelledby and aria-label, as in location-step.tsx.

import { Switch, Text, Textarea, View } from '@tarojs/components'
import { descriptionLength, MAX_DESCRIPTION_LENGTH } from '../../../services/report-form'

export interface DescriptionStepProps {
  description: string
  anonymous: boolean
  error?: string
  busy: boolean
  onDescription: (value: string) => void
  onAnonymous: (value: boolean) => void
}

export default function DescriptionStep({ description, anonymous, error, busy, onDescription, onAnonymous }: DescriptionStepProps) {
  const length = descriptionLength(description)
  return (
    <View className='rp-card'>
      <View className='rp-field' style={{ marginTop: 0 }}>
        <Text className='rp-label' id='description-label'>
          问题描述
        </Text>
        <Textarea
          id='description'
          className='rp-textarea'
          value={description}
          maxlength={MAX_DESCRIPTION_LENGTH}
          placeholder='请描述问题的情况，如：人行道地砖破损，约 2 平方米'
          disabled={busy}
          aria-label='问题描述'
          nativeProps={{
            'aria-label': '问题描述',
            'aria-labelledby': 'description-label',
            'aria-describedby': error ? 'description-error description-counter' : 'description-counter',
            'aria-invalid': error ? 'true' : undefined,
          }}
          onInput={(e) => onDescription(e.detail.value)}
        />
        <Text className={`rp-counter${length > MAX_DESCRIPTION_LENGTH ? ' rp-counter--over' : ''}`} id='description-counter'>
          {`${length}/${MAX_DESCRIPTION_LENGTH} 字`}
        </Text>
        {error && (
          <Text className='rp-error' id='description-error'>
            {error}
          </Text>
        )}
      </View>

      <View className='rp-field rp-switch-row'>
        <View>
          <Text className='rp-label' id='anonymous-label'>
            匿名上报
          </Text>
          <Text className='rp-hint' id='anonymous-hint'>
            开启后，处置人员看不到您的身份
          </Text>
        </View>
        <Switch
          id='anonymous'
          className='rp-switch'
          checked={anonymous}
          color='#0b6e4f'
          disabled={busy}
          aria-label='匿名上报'
          nativeProps={{ 'aria-label': '匿名上报', role: 'switch', 'aria-labelledby': 'anonymous-label', 'aria-describedby': 'anonymous-hint' }}
          onChange={(e) => onAnonymous(Boolean(e.detail.value))}
        />
      </View>
    </View>
  )
}
