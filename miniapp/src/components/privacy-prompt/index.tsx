// The privacy prompt: shown over the page in view when a private interface (location, camera or album, scanning, the
// phone number) waits for the resident's consent, first from our own requirePrivacy and in WeChat also from
// wx.onNeedPrivacyAuthorization. 同意 is WeChat's agreePrivacyAuthorization button in the mini-program (WeChat checks
// that this very button, id "privacy-agree", was tapped); 拒绝 leaves the page's way by hand. Every page that can use a
// private interface renders one, as the first child of its root, so it stays mounted across the page's steps.
// Styles: app.scss (.privacy-prompt), so every subpackage shares them.

import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import ActionButton from '../action-button'
import { PRIVACY_PAGES, privacyPrompt } from '../../services/privacy'
import { AGREE_BUTTON_ID, promptText, type PromptRequest } from '../../services/privacy-consent'

const isH5 = process.env.TARO_ENV === 'h5'

export default function PrivacyPrompt() {
  const [request, setRequest] = useState<PromptRequest | null>(() => privacyPrompt.current())
  const [inView, setInView] = useState(true)

  useEffect(() => privacyPrompt.subscribe(setRequest), [])
  // While the page is in view it can show the prompt; a page under another one (navigateTo) cannot.
  useEffect(() => (inView ? privacyPrompt.attachHost() : undefined), [inView])
  useDidShow(() => {
    setInView(true)
    setRequest(privacyPrompt.current())
  })
  useDidHide(() => setInView(false))

  // H5: focus moves into the dialog, on 同意, so a keyboard or screen reader lands where the question is.
  useEffect(() => {
    if (!isH5 || !request || !inView) return undefined
    const timer = setTimeout(() => document.getElementById(AGREE_BUTTON_ID)?.focus(), 50)
    return () => clearTimeout(timer)
  }, [request?.id, inView])

  if (!request || !inView) return null

  const agree = () => privacyPrompt.answer(true)
  const refuse = () => privacyPrompt.answer(false)
  // The question stays open while the guide is read; it shows again on the way back.
  const openGuide = () => void Taro.navigateTo({ url: PRIVACY_PAGES.guide })

  return (
    <View className='sheet'>
      <View
        id='privacy-prompt'
        className='sheet__box'
        role='dialog'
        aria-modal='true'
        aria-label='隐私保护指引'
        aria-describedby='privacy-prompt-text'
      >
        <View className='privacy-prompt__title' role='heading' aria-level='2'>
          隐私保护指引
        </View>
        <Text className='privacy-prompt__text' id='privacy-prompt-text'>
          {promptText(request.reasons)}
        </Text>
        <ActionButton id='privacy-guide-link' role='link' className='privacy-prompt__link' onTap={openGuide}>
          查看《隐私保护指引》
        </ActionButton>
        <View className='privacy-prompt__actions'>
          {isH5 ? (
            <ActionButton id={AGREE_BUTTON_ID} className='btn btn--primary' onTap={agree}>
              同意
            </ActionButton>
          ) : (
            <Button id={AGREE_BUTTON_ID} className='btn btn--primary' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={agree}>
              同意
            </Button>
          )}
          <ActionButton id='privacy-refuse' className='btn btn--secondary' onTap={refuse}>
            拒绝
          </ActionButton>
        </View>
      </View>
    </View>
  )
}
