// The islands (GET /islands) and the phone's position, as the tourist pages need them: where the person is, which
// island is nearest, and the words to say when the position cannot be had.

import { useEffect, useRef, useState } from 'react'
import { userMessage } from '../../../services/http'
import { locate } from '../../../services/media'
import { fetchIslands } from '../../../services/tourism'
import type { Located } from '../../../services/tourism-form'
import { ISLAND_REACH_M, nearestIsland, type Island } from '../../../services/tourism-view'

export type PositionState =
  | { state: 'idle' }
  | { state: 'locating' }
  | { state: 'located'; located: Located }
  | { state: 'failed'; message: string; denied: boolean }

export function useIslands() {
  const [islands, setIslands] = useState<Island[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function load() {
    setError(null)
    try {
      setIslands(await fetchIslands())
    } catch (err) {
      setError(userMessage(err))
    }
  }

  useEffect(() => {
    void load()
  }, [])

  return { islands, error, reload: load }
}

/** The first half of a sentence: each page says what to do instead (choose the island, type the place). */
function failureMessage(denied: boolean, refused: boolean): string {
  if (refused) return '未同意隐私保护指引，无法获取位置'
  return denied ? '未获得定位权限' : '暂时无法获取当前位置'
}

/**
 * The phone's position; `auto` asks for it once when the page opens (after a refusal of the privacy guide in this run
 * the page does not ask again by itself: a tap on 「获取当前位置」 does).
 */
export function usePosition(auto: boolean) {
  const [position, setPosition] = useState<PositionState>({ state: auto ? 'locating' : 'idle' })
  const latest = useRef(0)

  async function find(options: { auto?: boolean } = {}) {
    const mine = ++latest.current
    setPosition({ state: 'locating' })
    const result = await locate(options)
    if (mine !== latest.current) return
    if (result.ok) {
      setPosition({ state: 'located', located: { lat: result.lat, lng: result.lng, coordSystem: result.coordSystem, accuracyM: result.accuracy } })
    } else {
      setPosition({ state: 'failed', message: failureMessage(result.denied, result.refused), denied: result.denied })
    }
  }

  /** The person chose to give the place by hand instead. */
  function forget(message = '已改为手动填写位置') {
    latest.current++
    setPosition({ state: 'failed', message, denied: false })
  }

  useEffect(() => {
    if (auto) void find({ auto: true })
  }, [])

  return { position, locate: () => find(), forget }
}

/** The nearest island to where the phone is, when it is within the islands' reach (30 km). */
export function islandNear(islands: Island[] | null, position: PositionState): { island: Island; distanceM: number } | null {
  if (!islands || position.state !== 'located') return null
  const { located } = position
  const nearest = nearestIsland(islands, located, located.coordSystem)
  return nearest && nearest.distanceM <= ISLAND_REACH_M ? nearest : null
}
