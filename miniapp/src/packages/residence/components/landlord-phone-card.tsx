// 房东验证手机号: shown on 我的居住 to someone who lets no house yet. A landlord whose phone the community has on record
// verifies it (POST /me/phone) and then sees 我的出租房屋. The mini-program uses WeChat's getPhoneNumber button; the H5
// demo takes a typed number and gets a code for it from the API's WeChat stand-in.

import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { ButtonProps, CommonEventFunction } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { ApiError, showApiError } from '../../../services/http'
import { devPhoneCode, verifyPhone } from '../../../services/phone'
import { requirePrivacy } from '../../../services/privacy'
import { fallbackFor, isPrivacyRefusal } from '../../../services/privacy-consent'
import { DEMO_PHONE, phoneCodeFromEvent, phoneProblem, type PhoneVerification } from '../../../services/phone-number'
import TextField from '../../../components/text-field'

const isH5 = process.env.TARO_ENV === 'h5'

export interface LandlordPhoneCardProps {
  /** The account's verified phone (masked), when known. */
  verifiedPhone: string | null | undefined
  /** Called after the API kept the number: the page reloads the rented houses. */
  onVerified: (result: PhoneVerification) => Promise<void> | void
}

export default function LandlordPhoneCard({ verifiedPhone, onVerified }: LandlordPhoneCardProps) {
  const [phone, setPhone] = useState(DEMO_PHONE)
  const [phoneError, setPhoneError] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)

  async function verify(getCode: () => Promise<string>) {
    setBusy(true)
    setError(null)
    setRefusal(null)
    try {
      // The number is used only once the privacy guide is agreed to (in WeChat the button already asked if WeChat needed it).
      if (!(await requirePrivacy('phone'))) {
        setRefusal(fallbackFor('phone', 'landlord').message)
        return
      }
      const result = await verifyPhone(await getCode())
      void Taro.showToast({ title: result.phone ? `已验证 ${result.phone}` : '已验证', icon: 'none', duration: 2000 })
      await onVerified(result)
    } catch (err) {
      setError(showApiError(err))
    } finally {
      setBusy(false)
    }
  }

  // Mini-program: WeChat asks the person, then hands the button a one-time code.
  const handleGetPhoneNumber: CommonEventFunction<ButtonProps.onGetPhoneNumberEventDetail> = (event) => {
    if (busy) return
    const result = phoneCodeFromEvent(event.detail)
    if (result.kind === 'denied') {
      void Taro.showToast({ title: '未授权手机号，需要时可随时再验证', icon: 'none', duration: 2500 })
      return
    }
    if (result.kind === 'failed' && isPrivacyRefusal(result.errMsg)) {
      setRefusal(fallbackFor('phone', 'landlord').message)
      return
    }
    if (result.kind === 'failed') {
      setError(showApiError(new ApiError({ status: 0, type: 'get-phone-number', title: '暂时无法获取手机号，请稍后重试' })))
      return
    }
    void verify(() => Promise.resolve(result.code))
  }

  // H5 demo: a code for the typed number from GET /auth/dev-phone-code.
  function handleDemoVerify() {
    const problem = phoneProblem(phone)
    setPhoneError(problem ?? undefined)
    if (problem) return
    void verify(() => devPhoneCode(phone))
  }

  return (
    <View role='region' aria-labelledby='landlord-phone-heading' id='landlord-phone-card'>
      <View className='rs-section-title' role='heading' aria-level='2' id='landlord-phone-heading'>
        房东验证手机号
      </View>
      <View className='rs-card'>
        <Text className='rs-hint' id='landlord-phone-about'>
          您是房东吗？如果社区已登记您的手机号，验证本人手机号后即可在这里查看出租房屋的租客，并确认租客入住。手机号仅用于核对房东身份，不会公开。
        </Text>
        {/* While busy the houses are being reloaded under the new number: no verdict yet. */}
        {verifiedPhone && !busy && (
          <View className='rs-notice rs-block-notice' role='status' id='landlord-phone-verified' style={{ marginTop: '16px' }}>
            {`已验证手机号 ${verifiedPhone}。社区暂未登记以此手机号出租的房屋，如有疑问请联系所在社区。`}
          </View>
        )}

        {isH5 ? (
          <>
            <TextField prefix='rs'
              id='landlord-phone'
              label='手机号'
              type='number'
              value={phone}
              maxlength={11}
              placeholder='11 位手机号'
              hint='H5 演示版：填写社区登记的房东手机号，由演示服务代替微信完成验证。'
              error={phoneError}
              disabled={busy}
              web={{ id: 'landlord-phone-input', type: 'tel', inputMode: 'numeric', autoComplete: 'tel-national' }}
              onInput={(value) => {
                setPhone(value)
                if (phoneError) setPhoneError(undefined)
              }}
              onConfirm={handleDemoVerify}
            />
            <View className='rs-actions'>
              <ActionButton id='verify-phone' className='btn btn--primary' loading={busy} describedBy='landlord-phone-about' onTap={handleDemoVerify}>
                验证手机号
              </ActionButton>
            </View>
          </>
        ) : (
          <View className='rs-actions'>
            <Button id='verify-phone' className='btn btn--primary' openType='getPhoneNumber' loading={busy} disabled={busy} onGetPhoneNumber={handleGetPhoneNumber}>
              验证手机号
            </Button>
          </View>
        )}

        {refusal && (
          <View className='rs-hint' role='status' id='landlord-phone-refused' style={{ marginTop: '16px' }}>
            {refusal}
          </View>
        )}
        {error && (
          <View className='alert' role='alert' id='landlord-phone-error'>
            {error}
          </View>
        )}
      </View>
    </View>
  )
}
