// 紧急求助: the island's on-duty number first (a call is fastest), then the help call: its type, where the person is
// (the phone's position with its accuracy, or a typed place and the island chosen by hand, sent at the island's centre
// 5 km uncertain), a phone to call back and a short text. It goes through the outbox (POST /tourism/help, JSON): once
// sent the status page opens; while it waits (no signal) the page stays and shows it queued, and follows it when a
// retry sends it.

import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import PrivacyPrompt from '../../../../components/privacy-prompt'
import SignInCard from '../../../../components/sign-in-card'
import TextField from '../../../../components/text-field'
import { useSession } from '../../../../hooks/use-session'
import { formatDistance } from '../../../../services/events'
import { isApiError, showApiError } from '../../../../services/http'
import { canOpenSettings, openLocationSettings } from '../../../../services/media'
import { outbox, queuedStateText } from '../../../../services/outbox'
import { pageUrl, rememberedContactPhone, rememberedIsland, rememberIsland, submitHelp, TOURISM_PAGES } from '../../../../services/tourism'
import {
  ADDRESS_MAX_LENGTH,
  emptyHelp,
  HELP_API_FIELDS,
  HELP_TEXT_MAX_LENGTH,
  HELP_TYPES,
  validateHelp,
  problemOf,
  type FormProblem,
  type HelpDraft,
  type HelpField,
} from '../../../../services/tourism-form'
import { parseHelp } from '../../../../services/tourism-view'
import ChoiceChips from '../../components/choice-chips'
import DutyPhone from '../../components/duty-phone'
import QueueIndicator from '../../components/queue-indicator'
import TextAreaField from '../../components/text-area-field'
import { islandNear, useIslands, usePosition } from '../../hooks/use-islands'
import { useQueuedSubmission } from '../../hooks/use-queued-submission'
import '../../styles/tourism.scss'

function Title() {
  return (
    <View className='tr-title' role='heading' aria-level='1'>
      紧急求助
    </View>
  )
}

export default function HelpPage() {
  const router = useRouter()
  const session = useSession()
  const { islands, error: islandsError, reload: reloadIslands } = useIslands()
  const { position, locate, forget } = usePosition(true)
  const [draft, setDraft] = useState<HelpDraft>(() => emptyHelp(rememberedContactPhone(), decodeURIComponent(router.params.island ?? '') || rememberedIsland()))
  const [problems, setProblems] = useState<FormProblem<HelpField>[]>([])
  const [sending, setSending] = useState(false)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [queuedKey, setQueuedKey] = useState<string | null>(null)

  const near = islandNear(islands, position)
  const located = position.state === 'located' ? position.located : null
  const chosen = islands?.find((i) => i.code === draft.islandCode) ?? null
  // The on-duty room of where the phone is; by hand, of the island chosen.
  const island = located ? (near?.island ?? null) : chosen

  function openStatus(code: string) {
    void Taro.redirectTo({ url: pageUrl(TOURISM_PAGES.status, { code, sent: '1' }) })
  }

  // A queued help call sent (or refused) by a background retry: follow it here.
  const queuedRef = useQueuedSubmission({
    onSent(body) {
      const help = parseHelp(body)
      if (help) openStatus(help.code)
      else {
        setQueuedKey(null)
        setSubmitError(null)
        void Taro.showToast({ title: '求助已送达值班室', icon: 'none' })
      }
    },
    onDropped(message) {
      setQueuedKey(null)
      setSubmitError(`求助未能发送：${message}`)
    },
  })

  function update(patch: Partial<HelpDraft>) {
    setDraft((d) => ({ ...d, ...patch }))
    const touched = Object.keys(patch) as string[]
    setProblems((list) => list.filter((p) => !touched.includes(p.field === 'island' ? 'islandCode' : p.field)))
  }

  function chooseIsland(code: string) {
    update({ islandCode: code })
    rememberIsland(code)
  }

  async function submit() {
    setSubmitError(null)
    const ready: HelpDraft = { ...draft, located }
    const found = validateHelp(ready, chosen)
    setProblems(found)
    if (found.length) return
    setSending(true)
    try {
      const outcome = await submitHelp(ready, chosen)
      if (outcome.kind === 'sent') {
        const help = parseHelp(outcome.body)
        if (help) {
          openStatus(help.code)
          return
        }
        void Taro.showToast({ title: '求助已送达值班室', icon: 'none' })
        void Taro.redirectTo({ url: '/pages/report/mine/index' })
        return
      }
      if (outcome.kind === 'queued') {
        queuedRef.current = outcome.key
        setQueuedKey(outcome.key)
        void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
        return
      }
      const fieldProblems = isApiError(outcome.error)
        ? outcome.error.errors.filter((e) => HELP_API_FIELDS[e.field]).map((e) => ({ field: HELP_API_FIELDS[e.field], message: e.message }))
        : []
      setProblems(fieldProblems)
      setSubmitError(`求助未能发送：${outcome.message}`)
    } catch (error) {
      setSubmitError(showApiError(error))
    } finally {
      setSending(false)
    }
  }

  if (!session) {
    return (
      <View className='page tourism-help' role='main'>
        <PrivacyPrompt />
        <Title />
        <DutyPhone id='help-duty' island={island} />
        <SignInCard prefix='tr' id='help-sign-in' reason='发送求助需要先登录，值班人员会按您留下的手机号回电。情况危急请直接拨打值班电话，或拨打 120 / 110。' />
      </View>
    )
  }

  // ---------- waiting in the outbox ----------
  if (queuedKey) {
    // Gone from the outbox: sent a moment ago (the status page opens as soon as the answer is read) or given up elsewhere.
    const queued = outbox.get(queuedKey)
    return (
      <View className='page tourism-help' role='main'>
        <PrivacyPrompt />
        <Title />
        <View className='tr-card' id='help-queued'>
          <View className='tr-heading' role='heading' aria-level='2'>
            {queued ? '求助尚未送达' : '正在确认发送结果…'}
          </View>
          <View className='tr-warning' role='status'>
            {queued ? (
              <>
                <Text>已保存，网络恢复后自动发送。发送状态：</Text>
                <Text id='help-queued-state'>{queuedStateText(queued)}</Text>
              </>
            ) : (
              <Text>如长时间没有结果，请在「我的上报」中查看。</Text>
            )}
          </View>
          <Text className='tr-hint' style={{ marginTop: '16px' }}>
            没有网络时电话可能仍能接通：情况紧急请直接拨打下方值班电话，或拨打 120 / 110。
          </Text>
          {!queued && (
            <View className='tr-actions'>
              <ActionButton className='btn btn--secondary' onTap={() => void Taro.redirectTo({ url: '/pages/report/mine/index' })}>
                我的上报
              </ActionButton>
            </View>
          )}
        </View>
        <QueueIndicator />
        <DutyPhone id='help-duty' island={island} />
      </View>
    )
  }

  // ---------- the form ----------
  const accountPhone = session.user.kind === 'resident' ? session.user.phone : null
  return (
    <View className='page tourism-help' role='main'>
      <PrivacyPrompt />
      <Title />
      <QueueIndicator />
      <DutyPhone id='help-duty' island={island} />

      <View className='tr-card' role='form' aria-labelledby='help-form-heading'>
        <View className='tr-heading' role='heading' aria-level='2' id='help-form-heading'>
          发送求助
        </View>
        <Text className='tr-hint'>求助会立即派给所在海岛的应急值班室，要求 15 分钟内响应。</Text>

        <ChoiceChips
          id='help-type'
          label='求助类型'
          options={HELP_TYPES}
          value={draft.type}
          error={problemOf(problems, 'type')}
          disabled={sending}
          onChange={(type) => update({ type })}
        />

        <View className='tr-field' role='group' aria-labelledby='help-position-label'>
          <Text className='tr-label' id='help-position-label'>
            您的位置
          </Text>
          <View role='status'>
            {position.state === 'locating' && <Text className='tr-hint'>正在获取当前位置…</Text>}
            {located && (
              <View className='tr-notice' id='help-located'>
                {`已获取当前位置${located.accuracyM !== null ? `，精度约 ${Math.round(located.accuracyM)} 米` : ''}${near ? `，在${near.island.name}附近` : ''}。`}
              </View>
            )}
            {located && islands && !near && (
              <View className='tr-warning'>您当前位置距离各海岛都超过 30 公里，求助可能无法受理。情况紧急请直接拨打 120 / 110。</View>
            )}
            {position.state === 'failed' && (
              <View className='tr-warning' id='help-location-message'>
                {`${position.message}。请选择所在海岛并填写所在地点，求助将按海岛中心位置发送，值班人员会回电确认。`}
              </View>
            )}
          </View>
          {problemOf(problems, 'position') && <Text className='tr-error'>{problemOf(problems, 'position')}</Text>}
          <View className='tr-actions'>
            {position.state !== 'locating' && (
              <ActionButton id='help-locate' className='btn btn--secondary btn--small' disabled={sending} onTap={() => void locate()}>
                {located ? '重新定位' : '获取当前位置'}
              </ActionButton>
            )}
            {located && (
              <ActionButton id='help-manual-location' className='btn btn--secondary btn--small' disabled={sending} onTap={() => forget()}>
                改为手动填写位置
              </ActionButton>
            )}
            {position.state === 'failed' && position.denied && canOpenSettings && (
              <ActionButton className='btn btn--secondary btn--small' onTap={openLocationSettings}>
                打开定位设置
              </ActionButton>
            )}
          </View>
        </View>

        {!located && position.state !== 'locating' && (
          <>
            {islandsError ? (
              <View className='tr-warning' role='alert'>
                {`海岛列表加载失败：${islandsError}`}
                <ActionButton className='btn btn--secondary btn--small' onTap={() => void reloadIslands()}>
                  重新加载
                </ActionButton>
              </View>
            ) : islands ? (
              <ChoiceChips
                id='help-island'
                label='所在海岛'
                options={islands.map((i) => ({ value: i.code, name: i.name }))}
                value={chosen?.code ?? null}
                error={problemOf(problems, 'island')}
                disabled={sending}
                onChange={chooseIsland}
              />
            ) : (
              <Text className='tr-hint'>正在加载海岛…</Text>
            )}
          </>
        )}
        <TextField
          prefix='tr'
          id='help-address'
          label={located ? '所在地点（选填）' : '所在地点'}
          value={draft.address}
          maxlength={ADDRESS_MAX_LENGTH}
          placeholder='如：桂山码头候船厅、北侧沙滩'
          hint={located ? '可补充码头、景点、酒店名称等，方便值班人员找到您。' : undefined}
          error={problemOf(problems, 'address')}
          disabled={sending}
          web={{ autoComplete: 'off' }}
          onInput={(address) => update({ address })}
        />

        <TextField
          prefix='tr'
          id='help-phone'
          label='联系电话'
          value={draft.phone}
          maxlength={13}
          placeholder='11 位手机号'
          hint={`值班人员会拨打这个号码回电。${accountPhone ? `账号已验证的手机号为 ${accountPhone}。` : ''}`}
          error={problemOf(problems, 'phone')}
          disabled={sending}
          web={{ type: 'tel', inputMode: 'tel', autoComplete: 'tel' }}
          onInput={(phone) => update({ phone })}
        />

        <TextAreaField
          id='help-text'
          label='补充说明（选填）'
          value={draft.text}
          maxLength={HELP_TEXT_MAX_LENGTH}
          placeholder='如：老人在码头摔倒，腿部流血'
          error={problemOf(problems, 'text')}
          disabled={sending}
          onInput={(text) => update({ text })}
        />

        {problems.length > 0 && (
          <View className='alert' role='alert' id='help-problems'>
            {`请先完善：${problems.map((p) => p.message).join('；')}`}
          </View>
        )}
        {submitError && (
          <View className='alert' role='alert' id='help-error'>
            {submitError}
          </View>
        )}
        <ActionButton id='help-submit' className='btn tr-sos tr-submit' loading={sending} onTap={() => void submit()}>
          发送求助
        </ActionButton>
        {sending && (
          <View className='tr-hint' role='status' style={{ marginTop: '12px' }}>
            正在发送求助…
          </View>
        )}
      </View>
    </View>
  )
}
