// Shown instead of 社保查询 until a resident is signed in. Signing in happens right here, so the page stays open
// (switching to the 「我的」 tab would leave it).

import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { signIn } from '../../../services/auth'
import { showApiError } from '../../../services/http'

const isH5 = process.env.TARO_ENV === 'h5'

export default function SignInCard({ reason }: { reason: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function handleSignIn() {
    setBusy(true)
    setError(null)
    try {
      // The session store tells every page (useSession), which then loads what it needs.
      await signIn()
    } catch (err) {
      setError(showApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='fs-card'>
      <View className='fs-heading' role='heading' aria-level='2'>
        请先登录
      </View>
      <Text className='fs-hint'>{reason}</Text>
      {isH5 && <Text className='fs-hint'>H5 演示版将使用演示账号登录。</Text>}
      <View className='fs-actions'>
        <ActionButton id='fees-sign-in' className='btn btn--primary' loading={busy} onTap={() => void handleSignIn()}>
          微信登录
        </ActionButton>
      </View>
      {error && (
        <View className='alert' role='alert'>
          {error}
        </View>
      )}
    </View>
  )
}
