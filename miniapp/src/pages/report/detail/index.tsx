// 事件详情: GET /events/{code}: status, category, description, address, deadlines, photos before and after, the timeline,
// and the reporter's buttons, drawn only from allowedActions (confirm, dispute, rate, merge). A 409 reloads the event.

import { useEffect, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { useSession } from '../../../hooks/use-session'
import { formatDateTime, reporterActions, statusName, type EventDetail, type ReporterAction } from '../../../services/events'
import { isApiError, userMessage } from '../../../services/http'
import { fetchEvent, runCommand, type CommandBody } from '../../../services/reports'
import PhotoGrid from '../components/photo-grid'
import SignInNeeded from '../components/sign-in-needed'
import StatusBadge from '../components/status-badge'
import '../styles/report.scss'

const STARS = [1, 2, 3, 4, 5]
const MAX_COMMENT_LENGTH = 500
const CHANGED_MESSAGE = '事件状态已有变化，已为您刷新，请查看后再操作。'

function Row({ label, value, id }: { label: string; value: string | null | undefined; id?: string }) {
  if (!value) return null
  return (
    <View className='rp-row'>
      <Text className='rp-row__label'>{label}</Text>
      <Text className='rp-row__value' id={id}>
        {value}
      </Text>
    </View>
  )
}

export default function EventDetailPage() {
  const router = useRouter()
  const code = decodeURIComponent(router.params.code ?? '')
  const session = useSession()
  const [event, setEvent] = useState<EventDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const [busy, setBusy] = useState<ReporterAction | null>(null)
  const [disputing, setDisputing] = useState(false)
  const [reason, setReason] = useState('')
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [mergeInto, setMergeInto] = useState('')

  async function load() {
    if (!session || !code) return
    setLoadError(null)
    try {
      setEvent(await fetchEvent(code))
    } catch (error) {
      setLoadError(userMessage(error))
    } finally {
      Taro.stopPullDownRefresh()
    }
  }

  useEffect(() => {
    void load()
  }, [code, session?.user.id])

  usePullDownRefresh(() => {
    void load()
  })

  async function run(command: CommandBody, done: string) {
    setBusy(command.action)
    setActionError(null)
    setNotice(null)
    try {
      setEvent(await runCommand(code, command))
      setDisputing(false)
      setReason('')
      setRating(0)
      setComment('')
      setMergeInto('')
      setNotice(done)
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        // Someone moved the event on (a handler, the 7-day window, a second tap): show it as it is now.
        await load()
        setNotice(CHANGED_MESSAGE)
      } else {
        setActionError(userMessage(error))
      }
    } finally {
      setBusy(null)
    }
  }

  function submitDispute() {
    if (reason.trim() === '') {
      setActionError('请写明异议的原因')
      return
    }
    void run({ action: 'dispute', reason: reason.trim() }, '已提交异议')
  }

  function submitRating() {
    if (rating < 1) {
      setActionError('请选择 1 到 5 星')
      return
    }
    const text = comment.trim()
    void run(text ? { action: 'rate', rating, comment: text } : { action: 'rate', rating }, '感谢您的评价')
  }

  function submitMerge() {
    const into = mergeInto.trim().toUpperCase()
    if (into === '' || into === code) {
      setActionError('请填写要合并到的另一个事件编号')
      return
    }
    void run({ action: 'merge', into }, '已合并')
  }

  if (!session) {
    return (
      <View className='page report-detail' role='main'>
        <View className='rp-title' role='heading' aria-level='1'>
          事件详情
        </View>
        <SignInNeeded reason='登录后可查看您上报的事件。' />
      </View>
    )
  }

  if (!event) {
    return (
      <View className='page report-detail' role='main'>
        <View className='rp-title' role='heading' aria-level='1'>
          事件详情
        </View>
        {loadError || !code ? (
          <>
            <View className='alert' role='alert'>
              {code ? loadError : '缺少事件编号'}
            </View>
            {code && (
              <View className='rp-actions'>
                <ActionButton className='btn btn--secondary' onTap={() => void load()}>
                  重新加载
                </ActionButton>
              </View>
            )}
          </>
        ) : (
          <View className='rp-empty' role='status'>
            正在加载…
          </View>
        )}
      </View>
    )
  }

  const actions = reporterActions(event.allowedActions)
  const before = event.photos.filter((p) => p.kind === 'report')
  const after = event.photos.filter((p) => p.kind === 'resolution')
  const place = [event.communityName, event.gridName].filter(Boolean).join(' · ')

  return (
    <View className='page report-detail' role='main'>
      <View className='rp-title' role='heading' aria-level='1'>
        {event.categoryName || '事件详情'}
      </View>

      <View className='rp-card'>
        <View className='rp-row'>
          <Text className='rp-row__label'>办理状态</Text>
          <View className='rp-row__value'>
            <StatusBadge status={event.status} name={event.statusName} id='event-status' />
            {event.overdue && <Text className='rp-flag'>已超时</Text>}
          </View>
        </View>
        <Row label='事件编号' value={event.code} id='event-code' />
        <Row label='紧急程度' value={event.levelName} />
        <Row label='上报时间' value={formatDateTime(event.createdAt)} />
        <Row label='地址' value={event.address} />
        <Row label='所在网格' value={place} />
        <Row label='处置单位' value={event.unitName} />
        <Row label='响应时限' value={formatDateTime(event.responseDueAt)} />
        <Row label='办结时限' value={formatDateTime(event.resolutionDueAt)} />
        {event.anonymous && <Row label='上报方式' value='匿名上报' />}
        {event.mergedInto && (
          <View className='rp-notice'>
            <Text>{`该上报已合并到事件 ${event.mergedInto}。`}</Text>
            <ActionButton
              className='rp-link'
              onTap={() => void Taro.redirectTo({ url: `/pages/report/detail/index?code=${encodeURIComponent(event.mergedInto!)}` })}
            >
              查看该事件
            </ActionButton>
          </View>
        )}
      </View>

      {notice && (
        <View className='rp-notice rp-block-notice' role='status' id='detail-notice'>
          {notice}
        </View>
      )}

      {event.description && (
        <View className='rp-card'>
          <View className='rp-heading' role='heading' aria-level='2'>
            问题描述
          </View>
          <Text className='rp-text'>{event.description}</Text>
        </View>
      )}

      <View className='rp-card' role='region' aria-labelledby='photos-heading'>
        <View className='rp-heading' role='heading' aria-level='2' id='photos-heading'>
          现场照片
        </View>
        <View className='rp-subheading' role='heading' aria-level='3'>
          处置前（上报照片）
        </View>
        {before.length ? <PhotoGrid photos={before} label='处置前照片' /> : <Text className='rp-hint'>暂无照片</Text>}
        <View className='rp-subheading' role='heading' aria-level='3'>
          处置后
        </View>
        {after.length ? <PhotoGrid photos={after} label='处置后照片' /> : <Text className='rp-hint'>暂无处置照片</Text>}
      </View>

      {event.rating !== null && (
        <View className='rp-card' id='my-rating'>
          <View className='rp-heading' role='heading' aria-level='2'>
            我的评价
          </View>
          <View className='rp-text'>
            <Text aria-hidden='true'>{`${'★'.repeat(event.rating)}${'☆'.repeat(5 - event.rating)} `}</Text>
            <Text>{`${event.rating} 星`}</Text>
          </View>
          {event.ratingComment && <Text className='rp-text'>{event.ratingComment}</Text>}
        </View>
      )}

      {actions.length > 0 && (
        <View className='rp-card' role='region' aria-labelledby='actions-heading' id='reporter-actions'>
          <View className='rp-heading' role='heading' aria-level='2' id='actions-heading'>
            需要您处理
          </View>

          {actions.includes('confirm') && (
            <View className='rp-actions' style={{ marginTop: '8px' }}>
              <Text className='rp-hint' id='confirm-hint'>
                如果问题已经解决，请确认。
              </Text>
              <ActionButton
                id='action-confirm'
                className='btn btn--primary'
                loading={busy === 'confirm'}
                disabled={busy !== null}
                describedBy='confirm-hint'
                onTap={() => void run({ action: 'confirm' }, '已确认解决')}
              >
                确认解决
              </ActionButton>
            </View>
          )}

          {actions.includes('dispute') && (
            <View className='rp-actions'>
              {!disputing ? (
                <ActionButton id='action-dispute' className='btn btn--secondary' disabled={busy !== null} onTap={() => setDisputing(true)}>
                  有异议
                </ActionButton>
              ) : (
                <View role='group' aria-labelledby='dispute-label'>
                  <Text className='rp-label' id='dispute-label'>
                    异议原因
                  </Text>
                  <Textarea
                    id='dispute-reason'
                    className='rp-textarea'
                    value={reason}
                    maxlength={MAX_COMMENT_LENGTH}
                    placeholder='请说明问题为何没有解决'
                    aria-label='异议原因'
                    nativeProps={{ 'aria-label': '异议原因', 'aria-labelledby': 'dispute-label' }}
                    onInput={(e) => setReason(e.detail.value)}
                  />
                  <View className='rp-actions'>
                    <ActionButton className='btn btn--primary' loading={busy === 'dispute'} disabled={busy !== null} onTap={submitDispute}>
                      提交异议
                    </ActionButton>
                    <ActionButton className='btn btn--secondary' disabled={busy !== null} onTap={() => setDisputing(false)}>
                      取消
                    </ActionButton>
                  </View>
                </View>
              )}
            </View>
          )}

          {actions.includes('rate') && (
            <View className='rp-field' role='group' aria-labelledby='rating-label'>
              <Text className='rp-label' id='rating-label'>
                评价办理结果
              </Text>
              <View className='rp-stars' role='group' aria-label='评分，1 到 5 星'>
                {STARS.map((n) => (
                  <ActionButton
                    key={n}
                    id={`rating-${n}`}
                    className={`rp-star${rating >= n ? ' rp-star--on' : ''}`}
                    label={`${n} 星`}
                    pressed={rating === n}
                    disabled={busy !== null}
                    onTap={() => setRating(n)}
                  >
                    {`${n} 星`}
                  </ActionButton>
                ))}
              </View>
              <View className='rp-hint' role='status'>
                {rating ? `已选择 ${rating} 星` : '请选择星级'}
              </View>
              <View className='rp-field'>
                <Text className='rp-label' id='rating-comment-label'>
                  评价内容（选填）
                </Text>
                <Textarea
                  id='rating-comment'
                  className='rp-textarea'
                  value={comment}
                  maxlength={MAX_COMMENT_LENGTH}
                  placeholder='说说办理的情况'
                  aria-label='评价内容（选填）'
                  nativeProps={{ 'aria-label': '评价内容（选填）', 'aria-labelledby': 'rating-comment-label' }}
                  onInput={(e) => setComment(e.detail.value)}
                />
              </View>
              <View className='rp-actions'>
                <ActionButton id='submit-rating' className='btn btn--primary' loading={busy === 'rate'} disabled={busy !== null} onTap={submitRating}>
                  提交评价
                </ActionButton>
              </View>
            </View>
          )}

          {actions.includes('merge') && (
            <View className='rp-field'>
              <Text className='rp-label' id='merge-into-label'>
                合并到的事件编号
              </Text>
              <Input
                id='merge-into'
                className='rp-input'
                type='text'
                value={mergeInto}
                placeholder='如 BA-20261122-000007'
                aria-label='合并到的事件编号'
                nativeProps={{ 'aria-label': '合并到的事件编号', 'aria-labelledby': 'merge-into-label', autoCapitalize: 'characters' }}
                onInput={(e) => setMergeInto(e.detail.value)}
              />
              <View className='rp-actions'>
                <ActionButton id='action-merge' className='btn btn--secondary' loading={busy === 'merge'} disabled={busy !== null} onTap={submitMerge}>
                  合并
                </ActionButton>
              </View>
            </View>
          )}

          {actionError && (
            <View className='alert' role='alert' id='action-error'>
              {actionError}
            </View>
          )}
        </View>
      )}

      <View className='rp-card' role='region' aria-labelledby='timeline-heading'>
        <View className='rp-heading' role='heading' aria-level='2' id='timeline-heading'>
          办理过程
        </View>
        {event.timeline.length === 0 ? (
          <Text className='rp-hint'>暂无记录</Text>
        ) : (
          <View role='list' aria-label='办理过程'>
            {event.timeline.map((entry) => (
              <View key={entry.seq} className='rp-timeline__entry' role='listitem'>
                <Text className='rp-timeline__title'>
                  {entry.actionName}
                  {entry.toStatus ? `（${statusName(entry.toStatus)}）` : ''}
                </Text>
                <Text className='rp-item__meta'>{[formatDateTime(entry.at), entry.actorRoleName].filter(Boolean).join(' · ')}</Text>
                {entry.note && <Text className='rp-text'>{entry.note}</Text>}
                {entry.photos.length > 0 && <PhotoGrid photos={entry.photos} label={`${entry.actionName}照片`} />}
              </View>
            ))}
          </View>
        )}
      </View>
    </View>
  )
}
