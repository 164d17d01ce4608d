// The end of 居住申报: 已登记 with the validity, or 待核查 with what a grid worker will come to check, said gently.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { riskText, validityText, type Declaration } from '../../../services/declarations'
import { StatusBadge } from './status-badge'

export interface DeclareResultProps {
  declaration: Declaration
  today: string
  onOpenMine: () => void
  onHome: () => void
}

function Row({ label, value, id }: { label: string; value: string | null; id?: string }) {
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

export default function DeclareResult({ declaration, today, onOpenMine, onHome }: DeclareResultProps) {
  const pending = declaration.status === 'pending_verification'
  const accepted = declaration.status === 'accepted'
  return (
    <View className='rs-card' id='declare-result'>
      <View className='rs-heading' role='heading' aria-level='2' id='result-heading'>
        {accepted ? '已登记' : pending ? '申报已提交，待核查' : '申报已提交'}
      </View>
      <View className='rs-row'>
        <Text className='rs-row__label'>申报状态</Text>
        <View className='rs-row__value'>
          <StatusBadge status={declaration.status} name={declaration.statusName} id='declaration-status' />
        </View>
      </View>
      <Row label='居住地址' value={declaration.house.address || declaration.house.code} />
      <Row label='入住日期' value={declaration.moveInDate} />
      {accepted && <Row label='有效期' value={validityText(declaration.validUntil, today)} id='valid-until' />}

      {accepted && (
        <View className='rs-notice' role='status'>
          您的居住信息已登记。到期前 30 天会在「消息」中提醒您续期。
        </View>
      )}

      {pending && (
        <View className='rs-info' role='status' id='verification-notice'>
          <Text className='rs-text'>为了核实居住信息，所在网格的网格员会在近期上门核查，请保持电话畅通。核查结果会在「消息」中通知您。</Text>
          {declaration.risks.length > 0 && (
            <>
              <Text className='rs-text' style={{ marginTop: '16px' }}>
                这并不表示您的申报有误，网格员只需现场确认以下情况：
              </Text>
              <View role='list' aria-label='需要现场确认的情况'>
                {declaration.risks.map((risk) => (
                  <View key={risk.code} className='rs-list-item' role='listitem'>
                    {riskText(risk)}
                  </View>
                ))}
              </View>
            </>
          )}
        </View>
      )}

      <View className='rs-actions'>
        <ActionButton id='open-my-residence' className='btn btn--primary' onTap={onOpenMine}>
          查看我的居住
        </ActionButton>
        <ActionButton className='btn btn--secondary' onTap={onHome}>
          返回首页
        </ActionButton>
      </View>
    </View>
  )
}
