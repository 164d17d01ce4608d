// Shown instead of a page that needs a signed-in resident: one sentence and the way to 「我的」 to sign in.

import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'

export default function SignInNeeded({ reason }: { reason: string }) {
  return (
    <View className='rp-card'>
      <View className='rp-heading' role='heading' aria-level='2'>
        请先登录
      </View>
      <Text className='rp-hint'>{reason}</Text>
      <View className='rp-actions'>
        <ActionButton id='go-sign-in' className='btn btn--primary' onTap={() => void Taro.switchTab({ url: '/pages/mine/index' })}>
          去登录
        </ActionButton>
      </View>
    </View>
  )
}
