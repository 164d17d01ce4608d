// One current declaration in 我的居住: address, status, validity, verification, and the buttons drawn from the API's
// allowedActions: 续期, and 搬离 with an optional date and a confirm dialog.

import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import {
  daysUntil,
  declarationActions,
  RENEWAL_WINDOW_DAYS,
  riskText,
  validityText,
  type Declaration,
  type DeclarationAction,
} from '../../../services/declarations'
import { formatDateTime } from '../../../services/events'
import type { DeclarationCommand } from '../../../services/residence'
import DateField from './date-field'
import { StatusBadge } from './status-badge'

function Row({ label, value, id }: { label: string; value: string | null | undefined; id?: string }) {
  if (!value) return null
  return (
    <View className='rs-row'>
      <Text className='rs-row__label'>{label}</Text>
      <Text className='rs-row__value' id={id}>
        {value}
      </Text>
    </View>
  )
}

export interface DeclarationCardProps {
  declaration: Declaration
  today: string
  /** The command under way on this declaration, if any. */
  busy: DeclarationAction | null
  /** Another declaration's command is under way: this card waits. */
  locked: boolean
  onRun: (command: DeclarationCommand) => void
}

export default function DeclarationCard({ declaration: d, today, busy, locked, onRun }: DeclarationCardProps) {
  const [movingOut, setMovingOut] = useState(false)
  const [moveOutDate, setMoveOutDate] = useState('')
  const actions = declarationActions(d.allowedActions)
  const days = daysUntil(d.validUntil, today)
  const endingSoon = d.status === 'accepted' && days !== null && days >= 0 && days <= RENEWAL_WINDOW_DAYS
  const place = d.house.address || d.house.code
  const headingId = `declaration-${d.id}-heading`
  const disabled = locked || busy !== null

  async function confirmMoveOut() {
    const when = moveOutDate ? `于 ${moveOutDate} ` : ''
    const res = await Taro.showModal({
      title: '确认搬离',
      content: `确认${when}从「${place}」搬离？搬离后这条居住登记将结束。`,
      confirmText: '搬离',
      cancelText: '取消',
    })
    if (!res.confirm) return
    onRun(moveOutDate ? { action: 'move_out', date: moveOutDate } : { action: 'move_out' })
  }

  return (
    <View className='rs-card' role='region' aria-labelledby={headingId} id={`declaration-${d.id}`}>
      <View className='rs-item-title' role='heading' aria-level='3' id={headingId}>
        {place}
      </View>
      <View className='rs-badges'>
        <StatusBadge status={d.status} name={d.statusName} id={`declaration-${d.id}-status`} />
        {endingSoon && <Text className='rs-flag'>即将到期</Text>}
      </View>
      <Row label='房屋编码' value={d.house.code} />
      <Row label='所在社区' value={[d.house.communityName, d.house.gridName].filter(Boolean).join(' · ')} />
      <Row label='申报人' value={[d.name, d.idNumberMasked].filter(Boolean).join(' ')} />
      <Row label='入住日期' value={d.moveInDate} />
      <Row label='有效期' value={validityText(d.validUntil, today)} id={`declaration-${d.id}-valid-until`} />
      <Row label='房东确认' value={d.landlordConfirmedAt ? `已确认（${formatDateTime(d.landlordConfirmedAt)}）` : null} />
      <Row label='核查结果' value={d.verification ? [d.verification.statusName, d.verification.note].filter(Boolean).join('：') : null} />

      {d.status === 'pending_verification' && (
        <View className='rs-info'>
          <Text className='rs-text'>网格员会在近期上门核查，核查结果会在「消息」中通知您。</Text>
          {d.risks.length > 0 && (
            <View role='list' aria-label='需要现场确认的情况'>
              {d.risks.map((risk) => (
                <View key={risk.code} className='rs-list-item' role='listitem'>
                  {riskText(risk)}
                </View>
              ))}
            </View>
          )}
        </View>
      )}

      {actions.length > 0 && !movingOut && (
        <View className='rs-actions'>
          {actions.includes('renew') && (
            <ActionButton
              id={`renew-${d.id}`}
              className='btn btn--primary'
              label={`续期：${place}`}
              loading={busy === 'renew'}
              disabled={disabled}
              onTap={() => onRun({ action: 'renew' })}
            >
              续期
            </ActionButton>
          )}
          {actions.includes('move_out') && (
            <ActionButton id={`move-out-${d.id}`} className='btn btn--danger' label={`搬离：${place}`} disabled={disabled} onTap={() => setMovingOut(true)}>
              搬离
            </ActionButton>
          )}
        </View>
      )}

      {movingOut && actions.includes('move_out') && (
        <View className='rs-panel' role='group' aria-labelledby={`move-out-${d.id}-heading`}>
          <View className='rs-subheading' role='heading' aria-level='4' id={`move-out-${d.id}-heading`} style={{ marginTop: 0 }}>
            搬离登记
          </View>
          <DateField
            id={`move-out-date-${d.id}`}
            label='搬离日期（选填）'
            value={moveOutDate}
            start={d.moveInDate ?? undefined}
            end={today}
            placeholder='今天'
            hint='不填写则按今天搬离。'
            optional
            disabled={disabled}
            onChange={setMoveOutDate}
          />
          <View className='rs-actions'>
            <ActionButton id={`confirm-move-out-${d.id}`} className='btn btn--danger' loading={busy === 'move_out'} disabled={disabled} onTap={() => void confirmMoveOut()}>
              确认搬离
            </ActionButton>
            <ActionButton
              className='btn btn--secondary'
              disabled={busy === 'move_out'}
              onTap={() => {
                setMovingOut(false)
                setMoveOutDate('')
              }}
            >
              取消
            </ActionButton>
          </View>
        </View>
      )}
    </View>
  )
}
