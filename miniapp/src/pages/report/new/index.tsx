// 随手拍: step 1 a category; step 2 photos (shrunk on the phone), the location (or typed coordinates and an address),
// a description and 匿名上报; then one multipart POST /reports through the outbox, and the event code (with 接收进度通知 for WeChat
// subscribe messages), or the queued state.
// The steps' markup lives in ../../components; this page holds the draft and the flow between the steps.

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import PrivacyPrompt from '../../../components/privacy-prompt'
import SubscribeCard from '../../../components/subscribe-card'
import { useSession } from '../../../hooks/use-session'
import { parseCreatedReport, type Category, type CreatedReport } from '../../../services/events'
import { isApiError, showApiError, userMessage } from '../../../services/http'
import { choosePhotos, forgetPhoto, locate } from '../../../services/media'
import { attemptSubmission, onOutboxResult, outbox } from '../../../services/outbox'
import { fallbackFor } from '../../../services/privacy-consent'
import {
  emptyDraft,
  formatCoordinate,
  MAX_PHOTOS,
  parseCoordinate,
  photoSlotsLeft,
  validateDraft,
  type DraftProblem,
  type ReportDraft,
} from '../../../services/report-form'
import type { QueuedSubmission } from '../../../services/report-queue'
import { fetchCategories, locateGrid, runCommand, submitReport } from '../../../services/reports'
import CategoryStep from '../components/category-step'
import ChosenCategory from '../components/chosen-category'
import DescriptionStep from '../components/description-step'
import DuplicatesPrompt, { type DuplicateState } from '../components/duplicates-prompt'
import LocationStep, { type GridState, type LocationState } from '../components/location-step'
import PhotoStep from '../components/photo-step'
import QueuedReportCard from '../components/queued-report'
import SignInNeeded from '../components/sign-in-needed'
import SubmitBar, { progressFor, type Progress } from '../components/submit-bar'
import SubmitResult from '../components/submit-result'
import '../styles/report.scss'

type Step = 'category' | 'details' | 'done'

type Outcome =
  | { kind: 'created'; key: string; report: CreatedReport | null }
  | { kind: 'queued'; key: string; entry: QueuedSubmission; message: string }

/** The API's field names, mapped onto the draft fields whose messages show them. */
const FIELD_NAMES: Record<string, DraftProblem['field']> = {
  category: 'category',
  photos: 'photos',
  lat: 'lat',
  lng: 'lng',
  coordSystem: 'lat',
  description: 'description',
  address: 'address',
}

function problemFor(problems: DraftProblem[], field: DraftProblem['field']): string | undefined {
  return problems.find((p) => p.field === field)?.message
}

function Title() {
  return (
    <View className='rp-title' role='heading' aria-level='1'>
      随手拍
    </View>
  )
}

export default function NewReport() {
  const session = useSession()
  const [step, setStep] = useState<Step>('category')
  const [categories, setCategories] = useState<Category[] | null>(null)
  const [categoriesError, setCategoriesError] = useState<string | null>(null)
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft)
  const [problems, setProblems] = useState<DraftProblem[]>([])
  const [photoNote, setPhotoNote] = useState<string | null>(null)
  const [picking, setPicking] = useState<string | null>(null)
  const [location, setLocation] = useState<LocationState>({ state: 'idle' })
  const [grid, setGrid] = useState<GridState>({ state: 'unknown' })
  const [progress, setProgress] = useState<Progress | null>(null)
  const [submitError, setSubmitError] = useState<string | null>(null)
  // The 「请先完善」 summary follows the problems as they are fixed, so it is derived, not stored as text.
  const [showSummary, setShowSummary] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [duplicates, setDuplicates] = useState<DuplicateState>({ state: 'ask' })
  const [retrying, setRetrying] = useState(false)
  const [, setQueueTick] = useState(0)
  const outcomeKey = useRef<string | null>(null)

  const category = categories?.find((c) => c.code === draft.categoryCode) ?? null

  async function loadCategories() {
    setCategoriesError(null)
    try {
      setCategories(await fetchCategories())
    } catch (error) {
      setCategoriesError(userMessage(error))
    }
  }

  useEffect(() => {
    void loadCategories()
  }, [])

  // A queued report of this page may be sent (or refused) by a background retry: follow it here.
  useEffect(() => {
    const stopResults = onOutboxResult((result) => {
      if (result.kind === 'missing' || result.entry.key !== outcomeKey.current) return
      if (result.kind === 'sent') {
        void Taro.showToast({ title: '已提交', icon: 'success' })
        setOutcome({ kind: 'created', key: result.entry.key, report: parseCreatedReport(result.body) })
      } else if (result.kind === 'queued') {
        setOutcome({ kind: 'queued', key: result.entry.key, entry: result.entry, message: result.message })
      } else {
        setOutcome(null)
        setStep('details')
        setSubmitError(`上报未能提交：${result.message}`)
      }
    })
    const stopQueue = outbox.subscribe(() => setQueueTick((n) => n + 1))
    return () => {
      stopResults()
      stopQueue()
    }
  }, [])

  function update(patch: Partial<ReportDraft>) {
    setDraft((d) => ({ ...d, ...patch }))
    // A field's message goes away as soon as the person changes that field.
    const touched = Object.keys(patch).map((k) => (k === 'categoryCode' ? 'category' : k))
    setProblems((list) => list.filter((p) => !touched.includes(p.field)))
  }

  function chooseCategory(code: string) {
    update({ categoryCode: code })
    setStep('details')
    if (location.state === 'idle') void findLocation()
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  async function checkGrid(lat: number, lng: number) {
    setGrid({ state: 'checking' })
    try {
      const found = await locateGrid(lat, lng)
      setGrid(found ? { state: 'inside', grid: found } : { state: 'outside' })
    } catch {
      // The grid is only a hint before sending; the API decides on submit.
      setGrid({ state: 'unknown' })
    }
  }

  async function findLocation() {
    setLocation({ state: 'locating' })
    const result = await locate()
    if (!result.ok) {
      setLocation({ state: 'failed', message: result.message, denied: result.denied })
      return
    }
    update({ lat: formatCoordinate(result.lat), lng: formatCoordinate(result.lng) })
    setLocation({ state: 'located', accuracy: result.accuracy })
    void checkGrid(result.lat, result.lng)
  }

  function typedCoordinate(axis: 'lat' | 'lng', value: string) {
    update(axis === 'lat' ? { lat: value } : { lng: value })
    if (location.state === 'located') setLocation({ state: 'typed' })
    setGrid({ state: 'unknown' })
  }

  function checkTypedPoint() {
    const lat = parseCoordinate(draft.lat, 'lat')
    const lng = parseCoordinate(draft.lng, 'lng')
    if (lat !== null && lng !== null) void checkGrid(lat, lng)
  }

  async function addPhotos() {
    const slots = photoSlotsLeft(draft)
    if (slots === 0) return
    setPhotoNote(null)
    try {
      const { photos, dropped, refused } = await choosePhotos(slots, (done, total) => setPicking(`正在压缩照片 ${Math.min(done + 1, total)}/${total}`))
      if (refused) setPhotoNote(fallbackFor('camera_album', 'report').message)
      if (photos.length) setDraft((d) => ({ ...d, photos: [...d.photos, ...photos].slice(0, MAX_PHOTOS) }))
      if (photos.length) setProblems((list) => list.filter((p) => p.field !== 'photos'))
      if (dropped > 0) setPhotoNote(`最多 ${MAX_PHOTOS} 张照片，已忽略多选的 ${dropped} 张`)
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
    const found = validateDraft(draft)
    setProblems(found)
    setShowSummary(found.length > 0)
    if (found.length) return
    setProgress(progressFor('keeping', 0, draft.photos.length))
    try {
      const result = await submitReport(draft, category?.name ?? '', (stage, done, total) => setProgress(progressFor(stage, done, total)))
      outcomeKey.current = result.key
      if (result.kind === 'failed') {
        const fieldProblems: DraftProblem[] = isApiError(result.error)
          ? result.error.errors.filter((e) => FIELD_NAMES[e.field]).map((e) => ({ field: FIELD_NAMES[e.field], message: e.message }))
          : []
        setProblems(fieldProblems)
        setSubmitError(`上报未能提交：${result.message}`)
        return
      }
      setProgress({ percent: 100, text: result.kind === 'created' ? '提交成功' : '已保存，等待发送' })
      setOutcome(result)
      setDuplicates({ state: 'ask' })
      setStep('done')
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    } catch (error) {
      setSubmitError(showApiError(error))
    } finally {
      setProgress(null)
    }
  }

  async function retryNow(key: string) {
    setRetrying(true)
    try {
      await attemptSubmission(key)
    } finally {
      setRetrying(false)
    }
  }

  async function merge(myCode: string, into: string) {
    setDuplicates({ state: 'merging', into })
    try {
      const event = await runCommand(myCode, { action: 'merge', into })
      setDuplicates({ state: 'merged', into, event })
    } catch (error) {
      showApiError(error)
      setDuplicates({ state: 'ask' })
    }
  }

  function startOver() {
    // A queued report whose photos could not be copied still reads them from these blob URLs: keep those.
    const queuedRefs = new Set(outbox.list().flatMap((entry) => entry.photos.map((p) => p.ref)))
    for (const photo of draft.photos) if (!queuedRefs.has(photo.path)) forgetPhoto(photo)
    setDraft(emptyDraft())
    setProblems([])
    setShowSummary(false)
    setOutcome(null)
    outcomeKey.current = null
    setSubmitError(null)
    setLocation({ state: 'idle' })
    setGrid({ state: 'unknown' })
    setStep('category')
  }

  const openDetail = (code: string) => void Taro.navigateTo({ url: `/pages/report/detail/index?code=${encodeURIComponent(code)}` })
  const openMine = () => void Taro.redirectTo({ url: '/pages/report/mine/index' })

  if (!session) {
    return (
      <View className='page report-new' role='main'>
        <PrivacyPrompt />
        <Title />
        <SignInNeeded reason='登录后即可拍照上报身边的问题，并随时查看办理进度。' />
      </View>
    )
  }

  // ---------- step 3: the answer ----------
  if (step === 'done' && outcome) {
    const report = outcome.kind === 'created' ? outcome.report : null
    return (
      <View className='page report-new' role='main'>
        <PrivacyPrompt />
        {outcome.kind === 'created' ? (
          <>
            <SubmitResult report={report} onOpen={openDetail} />
            {report && (
              <DuplicatesPrompt
                duplicates={report.duplicates}
                state={duplicates}
                onMerge={(into) => void merge(report.code, into)}
                onDecline={() => setDuplicates({ state: 'declined' })}
                onOpen={openDetail}
              />
            )}
            <SubscribeCard prefix='rp' moment='after_report' about='事件有新进度时' />
          </>
        ) : (
          <QueuedReportCard entry={outbox.get(outcome.key) ?? outcome.entry} message={outcome.message} retrying={retrying} onRetry={() => void retryNow(outcome.key)} />
        )}
        <View className='rp-actions'>
          <ActionButton className='btn btn--secondary' onTap={openMine}>
            我的上报
          </ActionButton>
          <ActionButton className='btn btn--secondary' onTap={startOver}>
            再报一个
          </ActionButton>
        </View>
      </View>
    )
  }

  // ---------- step 1: category ----------
  if (step === 'category') {
    return (
      <View className='page report-new' role='main'>
        <PrivacyPrompt />
        <Title />
        <CategoryStep categories={categories} error={categoriesError} chosenCode={draft.categoryCode} onReload={() => void loadCategories()} onChoose={chooseCategory} />
      </View>
    )
  }

  // ---------- step 2: photos, location, description ----------
  const busy = progress !== null
  return (
    <View className='page report-new' role='main'>
      <PrivacyPrompt />
      <Title />
      <Text className='rp-steps'>第 2 步，共 2 步：拍照、定位并描述问题</Text>
      <ChosenCategory category={category} error={problemFor(problems, 'category')} onChange={() => setStep('category')} />
      <PhotoStep
        photos={draft.photos}
        canAdd={photoSlotsLeft(draft) > 0}
        picking={picking}
        note={photoNote}
        error={problemFor(problems, 'photos')}
        busy={busy}
        onAdd={() => void addPhotos()}
        onRemove={removePhoto}
      />
      <LocationStep
        location={location}
        grid={grid}
        lat={draft.lat}
        lng={draft.lng}
        address={draft.address}
        latError={problemFor(problems, 'lat')}
        lngError={problemFor(problems, 'lng')}
        busy={busy}
        onLocate={() => void findLocation()}
        onTypeCoordinate={typedCoordinate}
        onCoordinateBlur={checkTypedPoint}
        onAddress={(address) => update({ address })}
      />
      <DescriptionStep
        description={draft.description}
        anonymous={draft.anonymous}
        error={problemFor(problems, 'description')}
        busy={busy}
        onDescription={(description) => update({ description })}
        onAnonymous={(anonymous) => update({ anonymous })}
      />
      <SubmitBar progress={progress} problems={problems} showSummary={showSummary} error={submitError} onSubmit={() => void submit()} />
    </View>
  )
}
