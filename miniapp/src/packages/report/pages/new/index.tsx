// 随手拍: step 1 a category; step 2 photos (shrunk on the phone), the location (or typed coordinates and an address),
// a description and 匿名上报; then one multipart POST /reports through the outbox, and the event code, or the queued state.
// Inner inputs carry both aria-labelledby (the visible label names them) and aria-label: a Taro H5 page is a scroll
// container, and axe counts a label scrolled out of it as invisible.

import { useEffect, useRef, useState } from 'react'
import { Image, Input, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { useSession } from '../../../../hooks/use-session'
import { formatDateTime, formatDistance, parseCreatedReport, type Category, type CreatedReport, type EventDetail } from '../../../../services/events'
import { apiMediaUrl, isApiError, showApiError, userMessage } from '../../../../services/http'
import { canOpenSettings, choosePhotos, forgetPhoto, locate, openLocationSettings } from '../../../../services/media'
import { attemptReport, onOutboxResult, outbox, queuedStateText } from '../../../../services/outbox'
import {
  descriptionLength,
  emptyDraft,
  formatCoordinate,
  groupCategories,
  MAX_DESCRIPTION_LENGTH,
  MAX_PHOTOS,
  parseCoordinate,
  photoSlotsLeft,
  validateDraft,
  type DraftProblem,
  type ReportDraft,
} from '../../../../services/report-form'
import type { QueuedReport } from '../../../../services/report-queue'
import { fetchCategories, locateGrid, runCommand, submitReport, type GridInfo, type SubmitStage } from '../../../../services/reports'
import SignInNeeded from '../../components/sign-in-needed'
import StatusBadge from '../../components/status-badge'
import '../../styles/report.scss'

type Step = 'category' | 'details' | 'done'

type LocationState =
  | { state: 'idle' }
  | { state: 'locating' }
  | { state: 'located'; accuracy: number | null }
  | { state: 'failed'; message: string; denied: boolean }
  | { state: 'typed' }

type GridState = { state: 'unknown' } | { state: 'checking' } | { state: 'inside'; grid: GridInfo } | { state: 'outside' }

type Outcome =
  | { kind: 'created'; key: string; report: CreatedReport | null }
  | { kind: 'queued'; key: string; entry: QueuedReport; message: string }

type DuplicateState = { state: 'ask' } | { state: 'merging'; into: string } | { state: 'merged'; into: string; event: EventDetail } | { state: 'declined' }

interface Progress {
  percent: number
  text: string
}

const FIELD_NAMES: Record<string, DraftProblem['field']> = {
  category: 'category',
  photos: 'photos',
  lat: 'lat',
  lng: 'lng',
  coordSystem: 'lat',
  description: 'description',
  address: 'address',
}

function progressFor(stage: SubmitStage, done: number, total: number): Progress {
  if (stage === 'keeping') return { percent: 10, text: '正在保存照片…' }
  if (stage === 'reading') return { percent: 10 + Math.round((40 * done) / Math.max(total, 1)), text: `正在读取照片 ${Math.min(done + 1, total)}/${total}` }
  return { percent: 60, text: `正在上传 ${total} 张照片和问题描述…` }
}

function problemFor(problems: DraftProblem[], field: DraftProblem['field']): string | undefined {
  return problems.find((p) => p.field === field)?.message
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
      const { photos, dropped } = await choosePhotos(slots, (done, total) => setPicking(`正在压缩照片 ${Math.min(done + 1, total)}/${total}`))
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
      await attemptReport(key)
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

  const openDetail = (code: string) => void Taro.navigateTo({ url: `/packages/report/pages/detail/index?code=${encodeURIComponent(code)}` })
  const openMine = () => void Taro.redirectTo({ url: '/packages/report/pages/mine/index' })

  if (!session) {
    return (
      <View className='page report-new' role='main'>
        <View className='rp-title' role='heading' aria-level='1'>
          随手拍
        </View>
        <SignInNeeded reason='登录后即可拍照上报身边的问题，并随时查看办理进度。' />
      </View>
    )
  }

  // ---------- step 3: the answer ----------
  if (step === 'done' && outcome) {
    return (
      <View className='page report-new' role='main'>
        {outcome.kind === 'created' ? (
          <CreatedView
            outcome={outcome}
            duplicates={duplicates}
            onMerge={(into) => outcome.report && void merge(outcome.report.code, into)}
            onDecline={() => setDuplicates({ state: 'declined' })}
            onOpen={openDetail}
          />
        ) : (
          <QueuedView entry={outbox.get(outcome.key) ?? outcome.entry} message={outcome.message} retrying={retrying} onRetry={() => void retryNow(outcome.key)} />
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
    const groups = categories ? groupCategories(categories) : []
    return (
      <View className='page report-new' role='main'>
        <View className='rp-title' role='heading' aria-level='1'>
          随手拍
        </View>
        <Text className='rp-steps'>第 1 步，共 2 步：选择问题分类</Text>
        {categoriesError ? (
          <View className='rp-card'>
            <View className='alert' role='alert'>
              {categoriesError}
            </View>
            <View className='rp-actions'>
              <ActionButton className='btn btn--secondary' onTap={() => void loadCategories()}>
                重新加载
              </ActionButton>
            </View>
          </View>
        ) : !categories ? (
          <View className='rp-empty' role='status'>
            正在加载分类…
          </View>
        ) : groups.length === 0 ? (
          <View className='rp-empty'>暂无可上报的分类</View>
        ) : (
          groups.map((group) => (
            <View key={group.level} className='rp-card' role='group' aria-labelledby={`level-${group.level}`}>
              <View className='rp-heading' role='heading' aria-level='2' id={`level-${group.level}`}>
                {group.levelName}
              </View>
              {group.items.map((c) => (
                <ActionButton
                  key={c.code}
                  id={`category-${c.code}`}
                  className={`rp-option${c.code === draft.categoryCode ? ' rp-option--chosen' : ''}`}
                  pressed={c.code === draft.categoryCode}
                  onTap={() => chooseCategory(c.code)}
                >
                  {c.name}
                </ActionButton>
              ))}
            </View>
          ))
        )}
      </View>
    )
  }

  // ---------- step 2: photos, location, description ----------
  const length = descriptionLength(draft.description)
  const busy = progress !== null
  const latError = problemFor(problems, 'lat')
  const lngError = problemFor(problems, 'lng')
  const photoError = problemFor(problems, 'photos')
  const descriptionError = problemFor(problems, 'description')

  return (
    <View className='page report-new' role='main'>
      <View className='rp-title' role='heading' aria-level='1'>
        随手拍
      </View>
      <Text className='rp-steps'>第 2 步，共 2 步：拍照、定位并描述问题</Text>

      <View className='rp-card'>
        <View className='rp-switch-row'>
          <View>
            <Text className='rp-hint'>问题分类</Text>
            <Text className='rp-text' id='chosen-category'>
              {category ? `${category.name}（${category.levelName}）` : '未选择'}
            </Text>
          </View>
          <ActionButton className='btn btn--secondary btn--small' label='更换问题分类' onTap={() => setStep('category')}>
            更换
          </ActionButton>
        </View>
        {problemFor(problems, 'category') && <Text className='rp-error'>{problemFor(problems, 'category')}</Text>}
      </View>

      {/* Photos */}
      <View className='rp-card' role='group' aria-labelledby='photos-heading'>
        <View className='rp-heading' role='heading' aria-level='2' id='photos-heading'>
          现场照片
        </View>
        <Text className='rp-hint' id='photos-hint'>
          {`1–${MAX_PHOTOS} 张，可拍照或从相册选择，上传前会在手机上压缩。已添加 ${draft.photos.length}/${MAX_PHOTOS} 张。`}
        </Text>
        {draft.photos.length > 0 && (
          <View className='rp-photos' style={{ marginTop: '12px' }}>
            {draft.photos.map((photo, index) => (
              <View key={photo.path} className='rp-thumb'>
                <Image
                  className='rp-thumb__image'
                  src={photo.path}
                  mode='aspectFill'
                  aria-label={`照片 ${index + 1}`}
                  nativeProps={{ alt: `照片 ${index + 1}` }}
                />
                <ActionButton className='rp-thumb__remove' label={`删除照片 ${index + 1}`} disabled={busy} onTap={() => removePhoto(index)}>
                  删除
                </ActionButton>
              </View>
            ))}
          </View>
        )}
        {picking && (
          <View className='rp-hint' role='status'>
            {picking}
          </View>
        )}
        {photoSlotsLeft(draft) > 0 && (
          <View className='rp-actions'>
            <ActionButton
              id='add-photos'
              className='btn btn--secondary'
              loading={picking !== null}
              disabled={busy}
              describedBy='photos-hint'
              onTap={() => void addPhotos()}
            >
              添加照片
            </ActionButton>
          </View>
        )}
        {photoNote && <Text className='rp-hint'>{photoNote}</Text>}
        {photoError && <Text className='rp-error'>{photoError}</Text>}
      </View>

      {/* Location */}
      <View className='rp-card' role='group' aria-labelledby='location-heading'>
        <View className='rp-heading' role='heading' aria-level='2' id='location-heading'>
          问题位置
        </View>
        {location.state === 'locating' && (
          <View className='rp-hint' role='status'>
            正在获取当前位置…
          </View>
        )}
        {location.state === 'located' && (
          <View className='rp-notice' role='status'>
            {`已获取当前位置${location.accuracy ? `（精度约 ${Math.round(location.accuracy)} 米）` : ''}，如不准确可在下方修改。`}
          </View>
        )}
        {location.state === 'failed' && (
          <View className='rp-warning' role='alert' id='location-message'>
            {location.message}
          </View>
        )}
        {grid.state === 'inside' && (
          <Text className='rp-hint rp-grid' id='grid-name'>
            {`所在网格：${[grid.grid.streetName, grid.grid.communityName, grid.grid.name].filter(Boolean).join(' · ')}`}
          </Text>
        )}
        {grid.state === 'outside' && (
          <View className='rp-warning' role='alert'>
            该位置不在本市任何网格内，可能无法受理。请核对位置。
          </View>
        )}
        <View className='rp-actions'>
          <ActionButton className='btn btn--secondary' loading={location.state === 'locating'} disabled={busy} onTap={() => void findLocation()}>
            {location.state === 'located' ? '重新定位' : '获取当前位置'}
          </ActionButton>
          {location.state === 'failed' && location.denied && canOpenSettings && (
            <ActionButton className='btn btn--secondary' onTap={openLocationSettings}>
              打开定位设置
            </ActionButton>
          )}
        </View>

        <View className='rp-subheading' role='heading' aria-level='3'>
          手动填写位置
        </View>
        <Text className='rp-hint' id='manual-hint'>
          定位失败或不准确时，可填写纬度、经度（如 22.5431、113.8829）和地址。
        </Text>
        <View className='rp-coords'>
          <View className='rp-field rp-coords__item'>
            <Text className='rp-label' id='manual-lat-label'>
              纬度
            </Text>
            <Input
              id='manual-lat'
              className='rp-input'
              type='digit'
              value={draft.lat}
              placeholder='22.5431'
              disabled={busy}
              aria-label='纬度'
              nativeProps={{
                'aria-label': '纬度',
                'aria-labelledby': 'manual-lat-label',
                'aria-describedby': latError ? 'manual-lat-error manual-hint' : 'manual-hint',
                'aria-invalid': latError ? 'true' : undefined,
                inputMode: 'decimal',
                step: 'any',
              }}
              onInput={(e) => typedCoordinate('lat', e.detail.value)}
              onBlur={checkTypedPoint}
            />
            {latError && (
              <Text className='rp-error' id='manual-lat-error'>
                {latError}
              </Text>
            )}
          </View>
          <View className='rp-field rp-coords__item'>
            <Text className='rp-label' id='manual-lng-label'>
              经度
            </Text>
            <Input
              id='manual-lng'
              className='rp-input'
              type='digit'
              value={draft.lng}
              placeholder='113.8829'
              disabled={busy}
              aria-label='经度'
              nativeProps={{
                'aria-label': '经度',
                'aria-labelledby': 'manual-lng-label',
                'aria-describedby': lngError ? 'manual-lng-error manual-hint' : 'manual-hint',
                'aria-invalid': lngError ? 'true' : undefined,
                inputMode: 'decimal',
                step: 'any',
              }}
              onInput={(e) => typedCoordinate('lng', e.detail.value)}
              onBlur={checkTypedPoint}
            />
            {lngError && (
              <Text className='rp-error' id='manual-lng-error'>
                {lngError}
              </Text>
            )}
          </View>
        </View>
        <View className='rp-field'>
          <Text className='rp-label' id='address-label'>
            地址（选填）
          </Text>
          <Input
            id='address'
            className='rp-input'
            type='text'
            value={draft.address}
            maxlength={200}
            placeholder='如：西乡街道河东社区 12 号旁'
            disabled={busy}
            aria-label='地址（选填）'
            nativeProps={{ 'aria-label': '地址（选填）', 'aria-labelledby': 'address-label', autoComplete: 'street-address' }}
            onInput={(e) => update({ address: e.detail.value })}
          />
        </View>
      </View>

      {/* Description and anonymity */}
      <View className='rp-card'>
        <View className='rp-field' style={{ marginTop: 0 }}>
          <Text className='rp-label' id='description-label'>
            问题描述
          </Text>
          <Textarea
            id='description'
            className='rp-textarea'
            value={draft.description}
            maxlength={MAX_DESCRIPTION_LENGTH}
            placeholder='请描述问题的情况，如：人行道地砖破损，约 2 平方米'
            disabled={busy}
            aria-label='问题描述'
            nativeProps={{
              'aria-label': '问题描述',
              'aria-labelledby': 'description-label',
              'aria-describedby': descriptionError ? 'description-error description-counter' : 'description-counter',
              'aria-invalid': descriptionError ? 'true' : undefined,
            }}
            onInput={(e) => update({ description: e.detail.value })}
          />
          <Text className={`rp-counter${length > MAX_DESCRIPTION_LENGTH ? ' rp-counter--over' : ''}`} id='description-counter'>
            {`${length}/${MAX_DESCRIPTION_LENGTH} 字`}
          </Text>
          {descriptionError && (
            <Text className='rp-error' id='description-error'>
              {descriptionError}
            </Text>
          )}
        </View>

        <View className='rp-field rp-switch-row'>
          <View>
            <Text className='rp-label' id='anonymous-label'>
              匿名上报
            </Text>
            <Text className='rp-hint' id='anonymous-hint'>
              开启后，处置人员看不到您的身份
            </Text>
          </View>
          <Switch
            id='anonymous'
            className='rp-switch'
            checked={draft.anonymous}
            color='#0b6e4f'
            disabled={busy}
            aria-label='匿名上报'
            nativeProps={{ 'aria-label': '匿名上报', role: 'switch', 'aria-labelledby': 'anonymous-label', 'aria-describedby': 'anonymous-hint' }}
            onChange={(e) => update({ anonymous: Boolean(e.detail.value) })}
          />
        </View>
      </View>

      {progress && (
        <View className='rp-progress'>
          <View
            className='rp-progress__track'
            role='progressbar'
            aria-label='提交进度'
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.percent}
            aria-valuetext={progress.text}
          >
            <View className='rp-progress__bar' style={{ width: `${progress.percent}%` }} />
          </View>
          <View className='rp-progress__text' role='status'>
            {progress.text}
          </View>
        </View>
      )}
      {showSummary && problems.length > 0 && (
        <View className='alert' role='alert' id='submit-problems'>
          {`请先完善：${problems.map((p) => p.message).join('；')}`}
        </View>
      )}
      {submitError && (
        <View className='alert' role='alert' id='submit-error'>
          {submitError}
        </View>
      )}
      <View className='rp-actions'>
        <ActionButton id='submit-report' className='btn btn--primary' loading={busy} onTap={() => void submit()}>
          提交
        </ActionButton>
      </View>
    </View>
  )
}

interface CreatedViewProps {
  outcome: { key: string; report: CreatedReport | null }
  duplicates: DuplicateState
  onMerge: (into: string) => void
  onDecline: () => void
  onOpen: (code: string) => void
}

function CreatedView({ outcome, duplicates, onMerge, onDecline, onOpen }: CreatedViewProps) {
  const report = outcome.report
  if (!report) {
    return (
      <View className='rp-card'>
        <View className='rp-heading' role='heading' aria-level='1'>
          上报成功
        </View>
        <Text className='rp-hint'>可在「我的上报」中查看办理进度。</Text>
      </View>
    )
  }
  return (
    <>
      <View className='rp-card'>
        <View className='rp-heading' role='heading' aria-level='1'>
          上报成功
        </View>
        <View className='rp-row'>
          <Text className='rp-row__label'>事件编号</Text>
          <Text className='rp-row__value rp-code' id='event-code'>
            {report.code}
          </Text>
        </View>
        <View className='rp-row'>
          <Text className='rp-row__label'>当前状态</Text>
          <View className='rp-row__value'>
            <StatusBadge status={report.status} name={report.statusName} id='event-status' />
          </View>
        </View>
        {report.grid && (
          <View className='rp-row'>
            <Text className='rp-row__label'>所在网格</Text>
            <Text className='rp-row__value'>{[report.grid.streetName, report.grid.communityName, report.grid.name].filter(Boolean).join(' · ')}</Text>
          </View>
        )}
        {report.unit ? (
          <View className='rp-row'>
            <Text className='rp-row__label'>处置单位</Text>
            <Text className='rp-row__value'>{report.unit.name}</Text>
          </View>
        ) : (
          <Text className='rp-hint' style={{ marginTop: '16px' }}>
            该问题正在等待分拨员派遣，派遣后会通知您。
          </Text>
        )}
        {report.deadlines?.responseDueAt && (
          <View className='rp-row'>
            <Text className='rp-row__label'>响应时限</Text>
            <Text className='rp-row__value'>{formatDateTime(report.deadlines.responseDueAt)}</Text>
          </View>
        )}
        {report.deadlines?.resolutionDueAt && (
          <View className='rp-row'>
            <Text className='rp-row__label'>办结时限</Text>
            <Text className='rp-row__value'>{formatDateTime(report.deadlines.resolutionDueAt)}</Text>
          </View>
        )}
        <View className='rp-actions'>
          <ActionButton className='btn btn--primary' onTap={() => onOpen(report.code)}>
            查看详情
          </ActionButton>
        </View>
      </View>

      {report.duplicates.length > 0 && duplicates.state !== 'declined' && (
        <View className='rp-card' role='region' aria-labelledby='duplicates-heading' id='duplicates'>
          {duplicates.state === 'merged' ? (
            <>
              <View className='rp-heading' role='heading' aria-level='2' id='duplicates-heading'>
                已合并
              </View>
              <View className='rp-notice' role='status'>
                {`您的上报已合并到事件 ${duplicates.into}，该事件办理的进展会通知您。`}
              </View>
              <View className='rp-actions'>
                <ActionButton className='btn btn--secondary' onTap={() => onOpen(duplicates.into)}>
                  查看该事件
                </ActionButton>
              </View>
            </>
          ) : (
            <>
              <View className='rp-heading' role='heading' aria-level='2' id='duplicates-heading'>
                是同一个问题吗？
              </View>
              <Text className='rp-hint'>附近已有相似的上报。如果是同一个问题，合并后可一起跟进办理进度。</Text>
              {report.duplicates.map((d) => (
                <View key={d.code} className='rp-card' style={{ marginTop: '20px', marginBottom: 0 }}>
                  <View className='rp-switch-row'>
                    {d.thumbnailUrl && (
                      <Image
                        className='rp-item__thumb'
                        src={apiMediaUrl(d.thumbnailUrl)}
                        mode='aspectFill'
                        aria-label={`事件 ${d.code} 的照片`}
                        nativeProps={{ alt: `事件 ${d.code} 的照片` }}
                      />
                    )}
                    <View className='rp-item__body'>
                      <Text className='rp-item__title'>{d.categoryName}</Text>
                      <Text className='rp-item__meta' id={`duplicate-${d.code}`}>
                        {`${d.code} · ${[formatDistance(d.distanceM), formatDateTime(d.createdAt)].filter(Boolean).join(' · ')}`}
                      </Text>
                      <View style={{ marginTop: '8px' }}>
                        <StatusBadge status={d.status} name={d.statusName} />
                      </View>
                    </View>
                  </View>
                  {d.description && <Text className='rp-text'>{d.description}</Text>}
                  <View className='rp-actions'>
                    <ActionButton
                      className='btn btn--primary'
                      loading={duplicates.state === 'merging' && duplicates.into === d.code}
                      disabled={duplicates.state === 'merging'}
                      describedBy={`duplicate-${d.code}`}
                      onTap={() => onMerge(d.code)}
                    >
                      是，合并到该事件
                    </ActionButton>
                  </View>
                </View>
              ))}
              <View className='rp-actions'>
                <ActionButton className='btn btn--secondary' disabled={duplicates.state === 'merging'} onTap={onDecline}>
                  不是
                </ActionButton>
              </View>
            </>
          )}
        </View>
      )}
    </>
  )
}

interface QueuedViewProps {
  entry: QueuedReport
  message: string
  retrying: boolean
  onRetry: () => void
}

function QueuedView({ entry, message, retrying, onRetry }: QueuedViewProps) {
  return (
    <View className='rp-card' id='queued'>
      <View className='rp-heading' role='heading' aria-level='1'>
        已保存，等待发送
      </View>
      <View className='rp-warning' role='status'>
        {`暂时无法提交（${entry.lastError ?? message}）。上报已保存在本机，会自动重试；关闭小程序后再打开也会继续发送。`}
      </View>
      <View className='rp-row'>
        <Text className='rp-row__label'>发送状态</Text>
        <Text className='rp-row__value' id='queue-state'>
          {queuedStateText(entry)}
        </Text>
      </View>
      <View className='rp-row'>
        <Text className='rp-row__label'>下次自动重试</Text>
        <Text className='rp-row__value'>{formatDateTime(new Date(entry.nextAttemptAt).toISOString())}</Text>
      </View>
      <View className='rp-actions'>
        <ActionButton id='retry-now' className='btn btn--primary' loading={retrying} onTap={onRetry}>
          立即重试
        </ActionButton>
      </View>
    </View>
  )
}
