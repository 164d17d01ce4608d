// 求助进度: GET /tourism/help/{code}, read again every 15 s while the page is shown: when it was received, that it reached
// the on-duty room (with its phone), who accepted it (「王强 已接单，正在赶来」), and whether it is overdue and escalated.
// Changes are announced through a live region. Right after sending (`sent=1`), 接收进度通知 offers WeChat notices.

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import SignInCard from '../../../../components/sign-in-card'
import SubscribeCard from '../../../../components/subscribe-card'
import { useSession } from '../../../../hooks/use-session'
import { formatDateTime } from '../../../../services/events'
import { isApiError, userMessage } from '../../../../services/http'
import { callPhone, fetchHelp, TOURISM_PAGES } from '../../../../services/tourism'
import { helpProgress, type HelpCall } from '../../../../services/tourism-view'
import QueueIndicator from '../../components/queue-indicator'
import '../../styles/tourism.scss'

const REFRESH_MS = 15_000

function Row({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='tr-row'>
      <Text className='tr-row__label'>{label}</Text>
      <Text className='tr-row__value' id={id}>
        {value}
      </Text>
    </View>
  )
}

/** 20:15:07 in China time (UTC+8), as formatDateTime writes the other times of the page. */
function timeOfDay(date: Date): string {
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  const china = new Date(date.getTime() + 8 * 3_600_000)
  return `${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}:${pad(china.getUTCSeconds())}`
}

export default function HelpStatusPage() {
  const router = useRouter()
  const code = decodeURIComponent(router.params.code ?? '')
  // Opened by the help page right after sending (not from a message or 我的上报): offer WeChat notices.
  const justSent = router.params.sent === '1'
  const session = useSession()
  const [help, setHelp] = useState<HelpCall | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notFound, setNotFound] = useState(false)
  const [loading, setLoading] = useState(false)
  const [checkedAt, setCheckedAt] = useState<Date | null>(null)
  const shown = useRef(true)
  const shownOnce = useRef(false)

  async function load() {
    if (!session || !code) return
    setLoading(true)
    try {
      const next = await fetchHelp(code)
      setHelp(next)
      setError(null)
      setNotFound(false)
      setCheckedAt(new Date())
    } catch (err) {
      if (isApiError(err) && err.status === 404) setNotFound(true)
      // A failed refresh keeps what was shown, and says so.
      setError(userMessage(err))
    } finally {
      setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }

  useEffect(() => {
    void load()
    const timer = setInterval(() => {
      if (shown.current) void load()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [code, session?.user.id])

  useDidShow(() => {
    shown.current = true
    // Back on the page (after a call): read it at once rather than at the next tick.
    if (shownOnce.current) void load()
    shownOnce.current = true
  })
  useDidHide(() => {
    shown.current = false
  })
  usePullDownRefresh(() => {
    void load()
  })

  // Opened from the help page, the tourist services page lies below; opened from a message, there is nothing below.
  const backToServices = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: TOURISM_PAGES.index })
  }
  const openEvent = () => void Taro.navigateTo({ url: `/pages/report/detail/index?code=${encodeURIComponent(code)}` })

  if (!session) {
    return (
      <View className='page tourism-status' role='main'>
        <View className='tr-title' role='heading' aria-level='1'>
          求助进度
        </View>
        <SignInCard prefix='tr' id='status-sign-in' reason='登录后可查看求助的处理进度。' />
      </View>
    )
  }

  const progress = help ? helpProgress(help) : null
  const unitPhone = help?.unit?.phone ?? null
  return (
    <View className='page tourism-status' role='main'>
      <View className='tr-title' role='heading' aria-level='1'>
        求助进度
      </View>
      <QueueIndicator />

      {!code || notFound ? (
        <View className='tr-card'>
          <View className='alert' role='alert'>
            未找到这条求助，请在「我的上报」中查看。
          </View>
        </View>
      ) : !help ? (
        <View className='tr-card'>
          {error ? (
            <>
              <View className='alert' role='alert'>
                {error}
              </View>
              <View className='tr-actions'>
                <ActionButton className='btn btn--secondary' onTap={() => void load()}>
                  重新加载
                </ActionButton>
              </View>
            </>
          ) : (
            <View className='tr-empty' role='status'>
              正在读取求助进度…
            </View>
          )}
        </View>
      ) : (
        <>
          <View className='tr-card'>
            <View role='status' aria-live='polite' id='help-progress-live'>
              <View className={`tr-progress tr-progress--${progress!.tone}`} id='help-progress'>
                {progress!.headline}
              </View>
              {progress!.advice && (
                <Text className='tr-text' style={{ marginTop: '16px' }} id='help-advice'>
                  {progress!.advice}
                </Text>
              )}
            </View>
            <View style={{ marginTop: '16px' }}>
              <Row label='求助编号' value={help.code} id='help-code' />
              <Row label='求助类型' value={help.typeName} />
              {help.receivedAt && <Row label='收到时间' value={formatDateTime(help.receivedAt)} id='help-received' />}
              <Row label='送达' value={help.unit ? `已送达${help.unit.name}` : `已送达${help.island?.name ?? ''}值班室`} id='help-delivered' />
              <Row label='接单人员' value={help.responder ? help.responder.name : '尚未接单'} id='help-responder' />
              {help.respondedAt && <Row label='接单时间' value={formatDateTime(help.respondedAt)} />}
              {help.responseDueAt && !help.responder && <Row label='响应时限' value={formatDateTime(help.responseDueAt)} />}
              {help.overdue && <Row label='超时' value={help.responder ? '接单时已超过 15 分钟' : '已超过 15 分钟未接单'} id='help-overdue' />}
              {help.escalated && <Row label='督办' value='已上报海岛和区级督办人员' id='help-escalated' />}
              {help.statusName && <Row label='事件状态' value={help.statusName} id='help-status' />}
            </View>
          </View>

          {help.unit && unitPhone && (
            <View className='tr-duty' role='group' aria-labelledby='status-unit'>
              <Text className='tr-duty__title' id='status-unit'>
                {help.unit.name}
              </Text>
              <Text className='tr-duty__phone' id='status-unit-phone'>
                {unitPhone}
              </Text>
              <ActionButton id='status-call' className='btn tr-call' label={`拨打值班电话 ${unitPhone}`} onTap={() => callPhone(unitPhone)}>
                拨打值班电话
              </ActionButton>
            </View>
          )}

          <Text className='tr-hint'>
            {`每 15 秒自动刷新${checkedAt ? `，上次刷新 ${timeOfDay(checkedAt)}` : ''}${error ? `（刚才刷新失败：${error}）` : ''}`}
          </Text>
          <View className='tr-actions'>
            <ActionButton id='status-refresh' className='btn btn--secondary' loading={loading} onTap={() => void load()}>
              立即刷新
            </ActionButton>
            <ActionButton className='btn btn--secondary' onTap={openEvent}>
              查看事件详情
            </ActionButton>
            <ActionButton className='btn btn--secondary' onTap={backToServices}>
              返回游客服务
            </ActionButton>
          </View>
          {justSent && (
            <View style={{ marginTop: '28px' }}>
              <SubscribeCard prefix='tr' moment='after_help' about='求助有人接单或有新进展时' />
            </View>
          )}
        </>
      )}
    </View>
  )
}
