// 隐私保护指引: every item of GET /privacy/guide (收集内容, 目的, 保存期限, 谁能看到, 如何撤回, as a definition list per
// item), where the resident stands (同意 on this device, with its version) and 撤回同意 (DELETE /me/consents when signed in).
// Opened from the privacy prompt (the question waits: 「返回」 leads back to it) and from 我的.

import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { usePrivacyConsent } from '../../../../hooks/use-privacy'
import { useSession } from '../../../../hooks/use-session'
import { userMessage } from '../../../../services/http'
import { fetchGuide, PRIVACY_PAGES, privacyPrompt, withdrawConsent } from '../../../../services/privacy'
import { currentVersionOf, needsConsent } from '../../../../services/privacy-consent'
import { consentStatusText, guideItemRows, guideItemTitle, guideVersionText, type PrivacyGuide } from '../../../../services/privacy-view'
import DefinitionRows from '../../components/definition-rows'
import '../../styles/privacy.scss'

export default function PrivacyGuidePage() {
  const session = useSession()
  const consent = usePrivacyConsent()
  const [guide, setGuide] = useState<PrivacyGuide | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [withdrawing, setWithdrawing] = useState(false)
  const [withdrawn, setWithdrawn] = useState(false)
  // Opened from the prompt: the question is still open on the page below.
  const [asked, setAsked] = useState(() => privacyPrompt.current() !== null)

  async function load() {
    setLoading(true)
    setError(null)
    try {
      setGuide(await fetchGuide())
    } catch (err) {
      setError(userMessage(err))
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    void load()
  }, [])

  useDidShow(() => setAsked(privacyPrompt.current() !== null))

  async function withdraw() {
    setWithdrawing(true)
    try {
      await withdrawConsent()
      setWithdrawn(true)
      void Taro.showToast({ title: '已撤回同意', icon: 'none' })
    } finally {
      setWithdrawing(false)
    }
  }

  const agreed = !needsConsent(consent)

  return (
    <View className='page privacy-guide' role='main'>
      <View className='pv-title' role='heading' aria-level='1'>
        隐私保护指引
      </View>

      <View className='pv-intro'>
        {guide && (
          <Text className='pv-hint' id='guide-version'>
            {guideVersionText(guide)}
          </Text>
        )}
        {guide?.controller && <Text className='pv-text'>{`个人信息处理者：${guide.controller}`}</Text>}
        <Text className='pv-text'>
          Weave 只为您正在使用的服务处理个人信息。下面逐项说明收集什么、为什么收集、保存多久、谁能看到，以及如何撤回。
        </Text>
      </View>

      {asked && (
        <View className='pv-card'>
          <Text className='pv-text'>读完后请返回，在弹窗中选择「同意」或「拒绝」。拒绝后，可改用手动填写等方式继续。</Text>
          <View className='pv-actions'>
            <ActionButton id='privacy-back' className='btn btn--primary' onTap={() => void Taro.navigateBack()}>
              返回并作出选择
            </ActionButton>
          </View>
        </View>
      )}

      <View className='pv-card' role='region' aria-labelledby='consent-heading' id='privacy-consent'>
        <View className='pv-heading' role='heading' aria-level='2' id='consent-heading'>
          我的同意
        </View>
        <View role='status'>
          <Text className='pv-text' id='privacy-consent-status'>
            {consentStatusText(consent.agreed, currentVersionOf(consent))}
          </Text>
          {withdrawn && !agreed && (
            <View className='pv-notice' id='privacy-withdrawn'>
              已撤回同意。已提交的信息不受影响；如需删除，可在「我的数据」中注销账号。
            </View>
          )}
        </View>
        {agreed && (
          <>
            <Text className='pv-hint' id='withdraw-hint' style={{ marginTop: '12px' }}>
              撤回后，使用定位、拍照、扫码或手机号前会再次征求您的同意；已提交的信息不受影响。
            </Text>
            <View className='pv-actions'>
              <ActionButton id='privacy-withdraw' className='btn btn--secondary' loading={withdrawing} describedBy='withdraw-hint' onTap={() => void withdraw()}>
                撤回同意
              </ActionButton>
            </View>
          </>
        )}
        {session && (
          <View className='pv-actions'>
            <ActionButton id='open-my-data' className='btn btn--secondary' onTap={() => void Taro.navigateTo({ url: PRIVACY_PAGES.data })}>
              查看、导出我的数据或注销账号
            </ActionButton>
          </View>
        )}
      </View>

      {loading && !guide && (
        <View className='pv-hint' role='status'>
          正在加载隐私保护指引…
        </View>
      )}
      {error && (
        <View className='pv-card'>
          <View className='alert' role='alert' id='guide-error'>
            {`隐私保护指引加载失败：${error}`}
          </View>
          <View className='pv-actions'>
            <ActionButton className='btn btn--secondary' loading={loading} onTap={() => void load()}>
              重新加载
            </ActionButton>
          </View>
        </View>
      )}

      {guide && (
        <View id='privacy-guide-items'>
          {guide.items.map((item) => (
            <View key={item.key} className='pv-card' role='region' aria-labelledby={`guide-${item.key}-heading`} id={`guide-${item.key}`}>
              <View className='pv-heading' role='heading' aria-level='2' id={`guide-${item.key}-heading`}>
                {guideItemTitle(item)}
              </View>
              <DefinitionRows id={`guide-${item.key}-dl`} rows={guideItemRows(item)} />
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
