// Shown instead of a service page that needs a signed-in resident. Signing in happens right here, so a page opened
// from a QR code keeps what it was opened for (switching to the 「我的」 tab would close it).

import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import ActionButton from '../action-button'
import { signIn } from '../../services/auth'
import { showApiError } from '../../services/http'

const isH5 = process.env.TARO_ENV === 'h5'

/** `prefix`: the subpackage's class prefix; `id`: the sign-in button's id. */
export default function SignInCard({ prefix, id, reason }: { prefix: 'rs' | 'fs' | 'tr' | 'pv'; id: string; reason: string }) {
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
    <View className={`${prefix}-card`}>
      <View className={`${prefix}-heading`} role='heading' aria-level='2'>
        请先登录
      </View>
      <Text className={`${prefix}-hint`}>{reason}</Text>
      {isH5 && <Text className={`${prefix}-hint`}>H5 演示版将使用演示账号登录。</Text>}
      <View className={`${prefix}-actions`}>
        <ActionButton id={id} className='btn btn--primary' loading={busy} onTap={() => void handleSignIn()}>
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
