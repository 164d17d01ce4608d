// 投诉: against a merchant (preset from 周边服务's 「投诉」) or 「不针对具体商家」, its type, what happened (5–500 characters),
// up to nine photos shrunk on the phone, an optional phone, and where (the merchant's position, the phone's, or a typed
// place with the island chosen by hand). It goes into the outbox first and is tried at once: the answer shows the event
// code, the unit that handles it and its deadlines, or 「已保存，网络恢复后自动发送」 while it waits.

import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import PrivacyPrompt from '../../../../components/privacy-prompt'
import SignInCard from '../../../../components/sign-in-card'
import SubscribeCard from '../../../../components/subscribe-card'
import TextField from '../../../../components/text-field'
import { useSession } from '../../../../hooks/use-session'
import { isApiError, showApiError, userMessage } from '../../../../services/http'
import { canOpenSettings, choosePhotos, forgetPhoto, openLocationSettings } from '../../../../services/media'
import { outbox, type SendProgress } from '../../../../services/outbox'
import { fallbackFor } from '../../../../services/privacy-consent'
import { fetchPlace, rememberedContactPhone, rememberedIsland, rememberIsland, submitComplaint } from '../../../../services/tourism'
import {
  ADDRESS_MAX_LENGTH,
  COMPLAINT_API_FIELDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_MAX_LENGTH,
  COMPLAINT_MIN_LENGTH,
  emptyComplaint,
  MAX_COMPLAINT_PHOTOS,
  problemOf,
  validateComplaint,
  type ComplaintDraft,
  type ComplaintField,
  type FormProblem,
} from '../../../../services/tourism-form'
import { parseCreatedComplaint, type CreatedComplaint } from '../../../../services/tourism-view'
import ChoiceChips from '../../components/choice-chips'
import ComplaintResult from '../../components/complaint-result'
import PhotoField from '../../components/photo-field'
import QueueIndicator from '../../components/queue-indicator'
import TextAreaField from '../../components/text-area-field'
import { islandNear, useIslands, usePosition } from '../../hooks/use-islands'
import { useQueuedSubmission } from '../../hooks/use-queued-submission'
import '../../styles/tourism.scss'

const NO_PLACE = 'none'

type Outcome = { kind: 'created'; complaint: CreatedComplaint | null } | { kind: 'queued'; key: string }

function Title() {
  return (
    <View className='tr-title' role='heading' aria-level='1'>
      投诉
    </View>
  )
}

function progressText(stage: Parameters<SendProgress>[0], done: number, total: number): string {
  if (stage === 'reading' && total > 0) return `正在读取照片 ${Math.min(done + 1, total)}/${total}`
  return total > 0 ? `正在上传 ${total} 张照片…` : '正在提交…'
}

export default function ComplainPage() {
  const router = useRouter()
  const session = useSession()
  const presetCode = decodeURIComponent(router.params.placeCode ?? '') || null
  const [preset, setPreset] = useState<{ code: string; name: string } | null>(() =>
    presetCode ? { code: presetCode, name: decodeURIComponent(router.params.placeName ?? '') || presetCode } : null,
  )
  const { islands } = useIslands()
  const { position, locate, forget } = usePosition(!presetCode)
  const [draft, setDraft] = useState<ComplaintDraft>(() => ({
    ...emptyComplaint(presetCode, decodeURIComponent(router.params.island ?? '') || rememberedIsland()),
    phone: rememberedContactPhone(),
  }))
  const [problems, setProblems] = useState<FormProblem<ComplaintField>[]>([])
  const [picking, setPicking] = useState<string | null>(null)
  const [photoNote, setPhotoNote] = useState<string | null>(null)
  const [progress, setProgress] = useState<string | null>(null)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const near = islandNear(islands, position)
  const located = position.state === 'located' ? position.located : null
  const chosen = islands?.find((i) => i.code === draft.islandCode) ?? null
  const busy = progress !== null

  // The name of a merchant opened by its code alone (a shared link).
  useEffect(() => {
    if (!preset || preset.name !== preset.code) return
    fetchPlace(preset.code)
      .then((place) => setPreset((p) => (p && p.code === place.code ? { code: place.code, name: place.name } : p)))
      .catch(() => undefined)
  }, [])

  // A queued complaint sent (or refused) by a background retry: follow it here.
  const queuedRef = useQueuedSubmission({
    onSent(body) {
      setOutcome({ kind: 'created', complaint: parseCreatedComplaint(body) })
    },
    onDropped(message) {
      setOutcome(null)
      setSubmitError(`投诉未能提交：${message}`)
    },
  })

  function update(patch: Partial<ComplaintDraft>) {
    setDraft((d) => ({ ...d, ...patch }))
    const touched = Object.keys(patch).map((k) => (k === 'islandCode' ? 'island' : k === 'placeCode' ? 'place' : k))
    setProblems((list) => list.filter((p) => !touched.includes(p.field) && !(p.field === 'position' && touched.includes('island'))))
  }

  function choosePlace(value: string) {
    if (value === NO_PLACE) {
      update({ placeCode: null })
      if (position.state === 'idle') void locate()
    } else {
      update({ placeCode: value })
    }
  }

  function chooseIsland(code: string) {
    update({ islandCode: code })
    rememberIsland(code)
  }

  async function addPhotos() {
    const slots = MAX_COMPLAINT_PHOTOS - draft.photos.length
    if (slots <= 0) return
    setPhotoNote(null)
    try {
      const { photos, dropped, refused } = await choosePhotos(slots, (done, total) => setPicking(`正在压缩照片 ${Math.min(done + 1, total)}/${total}`))
      // Photos are optional here: without the privacy guide the complaint goes without them.
      if (refused) setPhotoNote(fallbackFor('camera_album', 'complaint').message)
      if (photos.length) update({ photos: [...draft.photos, ...photos].slice(0, MAX_COMPLAINT_PHOTOS) })
      if (dropped > 0) setPhotoNote(`最多 ${MAX_COMPLAINT_PHOTOS} 张照片，已忽略多选的 ${dropped} 张`)
    } catch (error) {
      setPhotoNote(`无法添加照片：${userMessage(error)}`)
    } finally {
      setPicking(null)
    }
  }

  function removePhoto(index: number) {
    const photo = draft.photos[index]
    setDraft((d) => ({ ...d, photos: d.photos.filter((_, i) => i !== index) }))
    if (photo) forgetPhoto(photo)
  }

  async function submit() {
    setSubmitError(null)
    const ready: ComplaintDraft = { ...draft, located }
    const found = validateComplaint(ready, chosen)
    setProblems(found)
    if (found.length) return
    setProgress(draft.photos.length ? '正在保存照片…' : '正在提交…')
    try {
      const placeName = ready.placeCode && preset?.code === ready.placeCode ? preset.name : null
      const result = await submitComplaint(ready, chosen, placeName, (stage, done, total) => setProgress(progressText(stage, done, total)))
      if (result.kind === 'sent') {
        setOutcome({ kind: 'created', complaint: parseCreatedComplaint(result.body) })
      } else if (result.kind === 'queued') {
        queuedRef.current = result.key
        setOutcome({ kind: 'queued', key: result.key })
      } else {
        const error = result.error
        const fieldProblems: FormProblem<ComplaintField>[] = isApiError(error)
          ? error.errors.filter((e) => COMPLAINT_API_FIELDS[e.field]).map((e) => ({ field: COMPLAINT_API_FIELDS[e.field], message: e.message }))
          : []
        if (isApiError(error) && error.code === 'outside-islands' && !fieldProblems.length) fieldProblems.push({ field: 'position', message: result.message })
        setProblems(fieldProblems)
        setSubmitError(`投诉未能提交：${result.message}`)
        return
      }
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    } catch (error) {
      setSubmitError(showApiError(error))
    } finally {
      setProgress(null)
    }
  }

  function startOver() {
    // A queued complaint whose photos could not be copied still reads them from these paths: keep those.
    const queuedRefs = new Set(outbox.list().flatMap((entry) => entry.photos.map((p) => p.ref)))
    for (const photo of draft.photos) if (!queuedRefs.has(photo.path)) forgetPhoto(photo)
    queuedRef.current = null
    setDraft((d) => ({ ...emptyComplaint(null, d.islandCode), phone: d.phone }))
    setPreset(null)
    setProblems([])
    setSubmitError(null)
    setOutcome(null)
    if (position.state === 'idle') void locate()
  }

  const openDetail = (code: string) => void Taro.navigateTo({ url: `/pages/report/detail/index?code=${encodeURIComponent(code)}` })

  if (!session) {
    return (
      <View className='page tourism-complain' role='main'>
        <PrivacyPrompt />
        <Title />
        <SignInCard prefix='tr' id='complain-sign-in' reason='登录后即可投诉，并在「我的上报」中查看办理进度。' />
      </View>
    )
  }

  // ---------- the answer ----------
  if (outcome) {
    const queued = outcome.kind === 'queued' ? outbox.get(outcome.key) : undefined
    return (
      <View className='page tourism-complain' role='main'>
        <PrivacyPrompt />
        <Title />
        {outcome.kind === 'created' ? (
          <>
            <ComplaintResult complaint={outcome.complaint} onOpen={openDetail} />
            <SubscribeCard prefix='tr' moment='after_report' about='投诉有新进度时' />
          </>
        ) : (
          <>
            <View className='tr-card' id='complaint-queued'>
              <View className='tr-heading' role='heading' aria-level='2'>
                已保存，网络恢复后自动发送
              </View>
              <View className='tr-warning' role='status'>
                {queued
                  ? `暂时无法提交（${queued.lastError ?? '网络不可用'}）。投诉已保存在本机，会自动重试；关闭小程序后再打开也会继续发送。`
                  : '正在确认发送结果…如长时间没有结果，请在「我的上报」中查看。'}
              </View>
            </View>
            <QueueIndicator />
          </>
        )}
        <View className='tr-actions'>
          <ActionButton className='btn btn--secondary' onTap={() => void Taro.navigateTo({ url: '/pages/report/mine/index' })}>
            我的上报
          </ActionButton>
          <ActionButton className='btn btn--secondary' onTap={startOver}>
            再投诉一个
          </ActionButton>
        </View>
      </View>
    )
  }

  // ---------- the form ----------
  return (
    <View className='page tourism-complain' role='main'>
      <PrivacyPrompt />
      <Title />
      <QueueIndicator />
      <View className='tr-card' role='form' aria-labelledby='complain-form-heading'>
        <View className='tr-heading' role='heading' aria-level='2' id='complain-form-heading'>
          填写投诉
        </View>
        <Text className='tr-hint'>投诉会派给所在海岛的市场监管所或旅游服务中心，并按时限办理。</Text>

        {preset ? (
          <ChoiceChips
            id='complain-place'
            label='投诉对象'
            options={[
              { value: preset.code, name: preset.name },
              { value: NO_PLACE, name: '不针对具体商家' },
            ]}
            value={draft.placeCode ?? NO_PLACE}
            error={problemOf(problems, 'place')}
            disabled={busy}
            onChange={choosePlace}
          />
        ) : (
          <View className='tr-field'>
            <Text className='tr-label'>投诉对象</Text>
            <Text className='tr-text' id='complain-place'>
              不针对具体商家
            </Text>
            <Text className='tr-hint'>投诉具体商家，可在「游客服务」的周边服务列表中点该商家的「投诉」。</Text>
            {problemOf(problems, 'place') && <Text className='tr-error'>{problemOf(problems, 'place')}</Text>}
          </View>
        )}

        <ChoiceChips
          id='complain-category'
          label='投诉类型'
          options={COMPLAINT_CATEGORIES}
          value={draft.category}
          error={problemOf(problems, 'category')}
          disabled={busy}
          onChange={(category) => update({ category })}
        />

        <TextAreaField
          id='complain-description'
          label='问题描述'
          value={draft.description}
          minLength={COMPLAINT_MIN_LENGTH}
          maxLength={COMPLAINT_MAX_LENGTH}
          placeholder='请说明时间、经过和金额等，如：菜单标价 68 元/斤，结账按 168 元/斤收费'
          error={problemOf(problems, 'description')}
          disabled={busy}
          onInput={(description) => update({ description })}
        />

        <PhotoField
          photos={draft.photos}
          picking={picking}
          note={photoNote}
          error={problemOf(problems, 'photos')}
          busy={busy}
          onAdd={() => void addPhotos()}
          onRemove={removePhoto}
        />

        <TextField
          prefix='tr'
          id='complain-phone'
          label='联系电话（选填）'
          value={draft.phone}
          maxlength={13}
          placeholder='手机号或座机，如 0756-1234567'
          hint='方便处理人员联系您了解情况。'
          error={problemOf(problems, 'phone')}
          disabled={busy}
          web={{ type: 'tel', inputMode: 'tel', autoComplete: 'tel' }}
          onInput={(phone) => update({ phone })}
        />

        {draft.placeCode ? (
          <View className='tr-field'>
            <Text className='tr-label'>位置</Text>
            <Text className='tr-hint' id='complain-position'>
              按所投诉商家的位置受理。
            </Text>
            {problemOf(problems, 'position') && <Text className='tr-error'>{problemOf(problems, 'position')}</Text>}
          </View>
        ) : (
          <>
            <View className='tr-field' role='group' aria-labelledby='complain-position-label'>
              <Text className='tr-label' id='complain-position-label'>
                位置
              </Text>
              <View role='status' id='complain-position'>
                {position.state === 'locating' && <Text className='tr-hint'>正在获取当前位置…</Text>}
                {located && (
                  <View className='tr-notice'>
                    {`已获取当前位置${located.accuracyM !== null ? `，精度约 ${Math.round(located.accuracyM)} 米` : ''}${near ? `，在${near.island.name}附近` : ''}。`}
                  </View>
                )}
                {position.state === 'failed' && <View className='tr-warning'>{`${position.message}。请选择所在海岛并填写事发地点。`}</View>}
              </View>
              {problemOf(problems, 'position') && <Text className='tr-error'>{problemOf(problems, 'position')}</Text>}
              <View className='tr-actions'>
                {position.state !== 'locating' && (
                  <ActionButton className='btn btn--secondary btn--small' disabled={busy} onTap={() => void locate()}>
                    {located ? '重新定位' : '获取当前位置'}
                  </ActionButton>
                )}
                {located && (
                  <ActionButton className='btn btn--secondary btn--small' disabled={busy} onTap={() => forget()}>
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
            {!located && position.state !== 'locating' && islands && (
              <ChoiceChips
                id='complain-island'
                label='所在海岛'
                options={islands.map((i) => ({ value: i.code, name: i.name }))}
                value={chosen?.code ?? null}
                error={problemOf(problems, 'island')}
                disabled={busy}
                onChange={chooseIsland}
              />
            )}
            <TextField
              prefix='tr'
              id='complain-address'
              label={located ? '事发地点（选填）' : '事发地点'}
              value={draft.address}
              maxlength={ADDRESS_MAX_LENGTH}
              placeholder='如：桂山码头旁海鲜街'
              error={problemOf(problems, 'address')}
              disabled={busy}
              onInput={(address) => update({ address })}
            />
          </>
        )}

        {problems.length > 0 && (
          <View className='alert' role='alert' id='complain-problems'>
            {`请先完善：${problems.map((p) => p.message).join('；')}`}
          </View>
        )}
        {submitError && (
          <View className='alert' role='alert' id='complain-error'>
            {submitError}
          </View>
        )}
        <ActionButton id='complain-submit' className='btn btn--primary tr-submit' loading={busy} onTap={() => void submit()}>
          提交投诉
        </ActionButton>
        {progress && (
          <View className='tr-hint' role='status' style={{ marginTop: '12px' }}>
            {progress}
          </View>
        )}
      </View>
    </View>
  )
}
