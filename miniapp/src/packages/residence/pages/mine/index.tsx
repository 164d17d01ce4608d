// 我的居住: GET /me/declarations split into the current ones (status, validity, 续期 / 搬离 from allowedActions) and the
// history; and, for a landlord (GET /me/houses not empty), 我的出租房屋 with 「确认」 per unconfirmed tenant, else
// 房东验证手机号 (POST /me/phone), after which the houses are loaded again. A 409 on a command means the declaration
// moved on: the page reloads and says so.

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { useSession } from '../../../../hooks/use-session'
import { cityToday, splitDeclarations, type Declaration, type DeclarationAction, type LandlordHouse, type Tenant } from '../../../../services/declarations'
import { isApiError, userMessage } from '../../../../services/http'
import type { PhoneVerification } from '../../../../services/phone-number'
import { confirmTenant, fetchMyDeclarations, fetchMyHouses, runDeclarationCommand, type DeclarationCommand } from '../../../../services/residence'
import DeclarationCard from '../../components/declaration-card'
import LandlordPhoneCard from '../../components/landlord-phone-card'
import RentedHouses, { tenantKey } from '../../components/rented-houses'
import PrivacyPrompt from '../../../../components/privacy-prompt'
import SignInCard from '../../../../components/sign-in-card'
import { StatusBadge } from '../../components/status-badge'
import '../../styles/residence.scss'

const CHANGED_MESSAGE = '登记状态已有变化，已为您刷新，请查看后再操作。'

const DONE_MESSAGES: Record<DeclarationAction, string> = {
  renew: '已续期',
  move_out: '已搬离',
}

export default function MyResidence() {
  const session = useSession()
  const [declarations, setDeclarations] = useState<Declaration[] | null>(null)
  const [houses, setHouses] = useState<LandlordHouse[]>([])
  const [housesError, setHousesError] = useState<string | null>(null)
  // GET /me/houses has answered at least once: only then may 房东验证手机号 stand in for 我的出租房屋.
  const [housesLoaded, setHousesLoaded] = useState(false)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [running, setRunning] = useState<{ id: number | string; action: DeclarationAction } | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)

  const today = cityToday(new Date())

  async function load() {
    if (!session) return
    setLoading(true)
    setError(null)
    try {
      // The landlord's section must not hide the person's own declarations when it fails, nor the reverse.
      const [mine, rented] = await Promise.allSettled([fetchMyDeclarations(), fetchMyHouses()])
      if (mine.status === 'fulfilled') setDeclarations(mine.value)
      else setError(userMessage(mine.reason))
      if (rented.status === 'fulfilled') {
        setHouses(rented.value)
        setHousesError(null)
        setHousesLoaded(true)
      } else {
        setHousesError(userMessage(rented.reason))
      }
    } finally {
      setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }

  useEffect(() => {
    void load()
  }, [session?.user.id])

  // Back from 居住申报 (or from a message): show the new state.
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (shownOnce.current) void load()
    shownOnce.current = true
  })

  usePullDownRefresh(() => {
    void load()
  })

  /** After POST /me/phone: GET /me/houses again, now matched against the verified number. */
  async function phoneVerified(result: PhoneVerification) {
    try {
      const rented = await fetchMyHouses()
      setHouses(rented)
      setHousesError(null)
      setHousesLoaded(true)
      // With no house under the number, the card itself says the number is verified.
      if (rented.length > 0) setNotice(`已验证手机号${result.phone ? ` ${result.phone}` : ''}，您的出租房屋已显示在下方。`)
    } catch (err) {
      setHousesError(userMessage(err))
    }
  }

  async function run(id: number | string, command: DeclarationCommand) {
    setRunning({ id, action: command.action })
    setNotice(null)
    setError(null)
    try {
      const updated = await runDeclarationCommand(id, command)
      setDeclarations((list) => (list ? list.map((d) => (d.id === id ? updated : d)) : list))
      const done = command.action === 'renew' && updated.validUntil ? `已续期至 ${updated.validUntil}` : DONE_MESSAGES[command.action]
      setNotice(done)
      void Taro.showToast({ title: DONE_MESSAGES[command.action], icon: 'success' })
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        await load()
        setNotice(CHANGED_MESSAGE)
      } else {
        setError(userMessage(err))
      }
    } finally {
      setRunning(null)
    }
  }

  async function confirm(house: LandlordHouse, tenant: Tenant) {
    const res = await Taro.showModal({
      title: '确认租客',
      content: `确认 ${tenant.name || '该租客'} 居住在「${house.address || house.code}」？`,
      confirmText: '确认',
      cancelText: '取消',
    })
    if (!res.confirm) return
    const key = tenantKey(house.code, tenant.declarationId)
    setConfirming(key)
    setNotice(null)
    setError(null)
    try {
      const updated = await confirmTenant(house.code, tenant.declarationId)
      const confirmedAt = updated.landlordConfirmedAt ?? new Date().toISOString()
      setHouses((list) =>
        list.map((h) =>
          h.code !== house.code
            ? h
            : { ...h, tenants: h.tenants.map((t) => (t.declarationId === tenant.declarationId ? { ...t, ...updated, landlordConfirmedAt: confirmedAt } : t)) },
        ),
      )
      setNotice(`已确认租客 ${tenant.name}`)
      void Taro.showToast({ title: '已确认', icon: 'success' })
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        await load()
        setNotice(CHANGED_MESSAGE)
      } else {
        setError(userMessage(err))
      }
    } finally {
      setConfirming(null)
    }
  }

  const declare = () => void Taro.navigateTo({ url: '/packages/residence/pages/declare/index' })
  const { current, past } = splitDeclarations(declarations ?? [])

  return (
    <View className='page residence-mine' role='main'>
      <PrivacyPrompt />
      <View className='rs-split'>
        <View className='rs-title' role='heading' aria-level='1'>
          我的居住
        </View>
        {session && (
          <ActionButton className='btn btn--secondary btn--small' loading={loading} onTap={() => void load()}>
            刷新
          </ActionButton>
        )}
      </View>

      {!session ? (
        <SignInCard prefix='rs' id='residence-sign-in' reason='登录后可查看您的居住登记，办理续期和搬离。' />
      ) : (
        <>
          {notice && (
            <View className='rs-notice rs-block-notice' role='status' id='residence-notice'>
              {notice}
            </View>
          )}
          {error && (
            <View className='alert rs-block-notice' role='alert' id='residence-error'>
              {error}
            </View>
          )}

          <View role='region' aria-labelledby='current-heading' id='current-declarations'>
            <View className='rs-section-title' role='heading' aria-level='2' id='current-heading' style={{ marginTop: '8px' }}>
              当前登记
            </View>
            {declarations === null ? (
              !error && (
                <View className='rs-empty' role='status'>
                  正在加载…
                </View>
              )
            ) : current.length === 0 ? (
              <View className='rs-card'>
                <Text className='rs-hint'>您目前没有有效的居住登记。搬入新住处后，扫描门牌旁的房屋二维码即可申报。</Text>
              </View>
            ) : (
              current.map((d) => (
                <DeclarationCard
                  key={d.id}
                  declaration={d}
                  today={today}
                  busy={running && running.id === d.id ? running.action : null}
                  locked={running !== null}
                  onRun={(command) => void run(d.id, command)}
                />
              ))
            )}
            <View className='rs-actions' style={{ marginTop: '8px' }}>
              <ActionButton id='new-declaration' className='btn btn--primary' onTap={declare}>
                居住申报
              </ActionButton>
            </View>
          </View>

          {past.length > 0 && (
            <View role='region' aria-labelledby='history-heading' id='declaration-history'>
              <View className='rs-section-title' role='heading' aria-level='2' id='history-heading'>
                历史记录
              </View>
              <View className='rs-card' role='list' aria-label='历史居住登记'>
                {past.map((d) => (
                  <View key={d.id} className='rs-history' role='listitem'>
                    <Text className='rs-item-title'>{d.house.address || d.house.code}</Text>
                    <View className='rs-badges'>
                      <StatusBadge status={d.status} name={d.statusName} />
                    </View>
                    <Text className='rs-item-meta'>
                      {[d.moveInDate && `${d.moveInDate} 入住`, d.moveOutDate && `${d.moveOutDate} 搬离`].filter(Boolean).join(' · ')}
                    </Text>
                    {d.verification?.note && <Text className='rs-item-meta'>{`核查说明：${d.verification.note}`}</Text>}
                  </View>
                ))}
              </View>
            </View>
          )}

          {houses.length > 0 && <RentedHouses houses={houses} confirming={confirming} onConfirm={(house, tenant) => void confirm(house, tenant)} />}
          {houses.length === 0 && housesLoaded && session.user.kind === 'resident' && (
            <LandlordPhoneCard verifiedPhone={session.user.phone} onVerified={phoneVerified} />
          )}
          {housesError && houses.length === 0 && (
            <View className='rs-hint' style={{ marginTop: '24px' }} id='houses-error'>
              {`出租房屋信息暂时无法加载：${housesError}`}
            </View>
          )}
        </>
      )}
    </View>
  )
}
