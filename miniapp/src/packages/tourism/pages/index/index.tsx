// 游客服务: the island the tourist is on (the nearest to the phone, or chosen by hand when the position cannot be had),
// its on-duty number, 「紧急求助」 and 「我要投诉」, and the places nearby (GET /places/nearby, 3 km) filtered by kind, each
// with its opening state, complaints, 「拨打电话」 and 「投诉」.

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import PrivacyPrompt from '../../../../components/privacy-prompt'
import { formatDistance } from '../../../../services/events'
import { userMessage } from '../../../../services/http'
import { fetchNearbyPlaces, pageUrl, rememberedIsland, rememberIsland, TOURISM_PAGES, type NearbyQuery } from '../../../../services/tourism'
import { PLACE_KINDS, type Place, type PlaceKind } from '../../../../services/tourism-view'
import ChoiceChips from '../../components/choice-chips'
import DutyPhone from '../../components/duty-phone'
import PlaceCard from '../../components/place-card'
import QueueIndicator from '../../components/queue-indicator'
import { islandNear, useIslands, usePosition } from '../../hooks/use-islands'
import '../../styles/tourism.scss'

const NEARBY_RADIUS_M = 3000

type KindChoice = 'all' | PlaceKind

const KIND_OPTIONS: readonly { value: KindChoice; name: string }[] = [{ value: 'all', name: '全部' }, ...PLACE_KINDS]

export default function TourismHome() {
  const { islands, error: islandsError, reload: reloadIslands } = useIslands()
  const { position, locate } = usePosition(true)
  /** Chosen by hand; null follows the phone's position. */
  const [chosenCode, setChosenCode] = useState<string | null>(null)
  const [kind, setKind] = useState<KindChoice>('all')
  const [places, setPlaces] = useState<Place[] | null>(null)
  const [placesError, setPlacesError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const latest = useRef(0)

  const near = islandNear(islands, position)
  // Without a usable position, the island chosen last time (or the only one) is offered.
  const fallbackCode = position.state === 'failed' || (position.state === 'located' && !near) ? (rememberedIsland() ?? (islands?.length === 1 ? islands[0].code : null)) : null
  const island = islands?.find((i) => i.code === (chosenCode ?? near?.island.code ?? fallbackCode)) ?? null
  const byHand = island !== null && island.code !== near?.island.code

  // Where "nearby" is: the phone itself while it is on the island shown, else the chosen island's centre.
  const centre: Omit<NearbyQuery, 'radius'> | null =
    !byHand && near && position.state === 'located'
      ? { lat: position.located.lat, lng: position.located.lng, coordSystem: position.located.coordSystem }
      : island
        ? { lat: island.gcj02.lat, lng: island.gcj02.lng, coordSystem: 'gcj02' }
        : null
  const centreKey = centre ? `${centre.lat},${centre.lng},${centre.coordSystem}` : ''

  async function loadPlaces() {
    if (!centre) return
    const mine = ++latest.current
    setLoading(true)
    setPlacesError(null)
    try {
      const found = await fetchNearbyPlaces({ ...centre, radius: NEARBY_RADIUS_M, kind: kind === 'all' ? undefined : kind })
      if (mine === latest.current) setPlaces(found)
    } catch (error) {
      if (mine === latest.current) setPlacesError(userMessage(error))
    } finally {
      if (mine === latest.current) setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }

  useEffect(() => {
    void loadPlaces()
  }, [centreKey, kind])

  usePullDownRefresh(() => {
    if (!islands) void reloadIslands()
    if (centre) void loadPlaces()
    else Taro.stopPullDownRefresh()
  })

  function chooseIsland(code: string) {
    setChosenCode(code)
    rememberIsland(code)
  }

  const islandQuery = { island: island?.code }
  const openHelp = () => void Taro.navigateTo({ url: pageUrl(TOURISM_PAGES.help, islandQuery) })
  const openComplain = (place?: Place) =>
    void Taro.navigateTo({ url: pageUrl(TOURISM_PAGES.complain, { ...islandQuery, placeCode: place?.code, placeName: place?.name }) })

  return (
    <View className='page tourism-home' role='main'>
      <PrivacyPrompt />
      <View className='tr-title' role='heading' aria-level='1'>
        游客服务
      </View>
      <QueueIndicator />

      <View className='tr-big-actions'>
        <ActionButton id='open-help' className='btn tr-big tr-sos' onTap={openHelp}>
          <Text>紧急求助</Text>
          <Text className='tr-big__sub'>医疗、走失、滞留</Text>
        </ActionButton>
        <ActionButton id='open-complain' className='btn tr-big tr-complain' onTap={() => openComplain()}>
          <Text>我要投诉</Text>
          <Text className='tr-big__sub'>价格、卫生、服务</Text>
        </ActionButton>
      </View>

      <View className='tr-card' role='group' aria-labelledby='island-heading'>
        <View className='tr-heading' role='heading' aria-level='2' id='island-heading'>
          {island ? `所在海岛：${island.name}` : '所在海岛'}
        </View>
        <View role='status'>
          {position.state === 'locating' && <Text className='tr-hint'>正在获取当前位置…</Text>}
          {position.state === 'located' && near && !byHand && (
            <Text className='tr-hint'>{`已根据定位选择最近的海岛（距岛中心${formatDistance(near.distanceM)}）。`}</Text>
          )}
          {position.state === 'located' && !near && <Text className='tr-hint'>您当前不在任何海岛附近，请选择要查看的海岛。</Text>}
          {position.state === 'failed' && <Text className='tr-hint'>{`${position.message}，请选择所在海岛。`}</Text>}
        </View>
        {islandsError ? (
          <View className='tr-warning' role='alert'>
            {`海岛列表加载失败：${islandsError}`}
          </View>
        ) : !islands ? (
          <Text className='tr-hint'>正在加载海岛…</Text>
        ) : islands.length === 0 ? (
          <Text className='tr-hint'>暂无开放游客服务的海岛。</Text>
        ) : (
          <ChoiceChips id='island-picker' label='选择海岛' options={islands.map((i) => ({ value: i.code, name: i.name }))} value={island?.code ?? null} onChange={chooseIsland} />
        )}
        <View className='tr-actions'>
          {islandsError && (
            <ActionButton className='btn btn--secondary' onTap={() => void reloadIslands()}>
              重新加载
            </ActionButton>
          )}
          {position.state !== 'locating' && (
            <ActionButton id='relocate' className='btn btn--secondary btn--small' onTap={() => {
              setChosenCode(null)
              void locate()
            }}>
              {position.state === 'located' ? '重新定位' : '获取当前位置'}
            </ActionButton>
          )}
        </View>
      </View>

      <DutyPhone id='index-duty' island={island} />

      <View className='tr-section-title' role='heading' aria-level='2' id='places-heading'>
        周边服务
      </View>
      <ChoiceChips id='place-kind' label='按类型筛选' options={KIND_OPTIONS} value={kind} onChange={setKind} />
      <View role='status' className='tr-hint' style={{ margin: '8px 0 16px' }}>
        {!centre
          ? position.state === 'locating'
            ? ''
            : '选择海岛后显示周边服务。'
          : loading
            ? '正在加载周边服务…'
            : places
              ? `${byHand || !near ? `${island?.name ?? '海岛'}中心` : '您'}周边 3 公里内共 ${places.length} 处`
              : ''}
      </View>
      {placesError && (
        <View className='tr-card'>
          <View className='alert' role='alert'>
            {placesError}
          </View>
          <View className='tr-actions'>
            <ActionButton className='btn btn--secondary' onTap={() => void loadPlaces()}>
              重新加载
            </ActionButton>
          </View>
        </View>
      )}
      {centre && places && places.length === 0 && !loading && <View className='tr-empty'>附近暂无此类场所</View>}
      {places && places.length > 0 && (
        <View role='list' aria-labelledby='places-heading'>
          {places.map((place) => (
            <PlaceCard key={place.code} place={place} onComplain={openComplain} />
          ))}
        </View>
      )}
    </View>
  )
}
