// 我的: sign in with WeChat (a demo account in the H5 build), see the account, reach 我的上报, 我的居住, 居住申报, 社保查询, 消息
// (with the unread count from GET /me/inbox/unread-count, read again each time the tab shows, also on its tab badge in
// WeChat), 消息订阅 and 我的数据, sign out; 隐私保护指引 for everyone.

import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import ActionButton from '../../components/action-button'
import { useSession } from '../../hooks/use-session'
import { DEFAULT_DEMO_NAME, displayName } from '../../services/account'
import { me, signIn, signOut } from '../../services/auth'
import { fetchUnreadCount, INBOX_PAGES, showUnreadOnTabBar } from '../../services/inbox'
import { unreadBadgeLabel, unreadBadgeText } from '../../services/notice-view'
import { isApiError, showApiError } from '../../services/http'
import { PRIVACY_PAGES } from '../../services/privacy'
import './index.scss'

const isH5 = process.env.TARO_ENV === 'h5'

export default function Mine() {
  const session = useSession()
  const [name, setName] = useState(DEFAULT_DEMO_NAME)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [unread, setUnread] = useState<number | null>(null)

  function loadUnread() {
    fetchUnreadCount()
      .then((count) => {
        setUnread(count)
        showUnreadOnTabBar(count)
      })
      .catch(() => setUnread(null))
  }

  useDidShow(() => {
    // Refresh the account and the unread count quietly; a lost network or an expired session must not greet the person with a toast.
    if (session) {
      me().catch(() => undefined)
      loadUnread()
    }
  })

  useEffect(() => {
    if (session) loadUnread()
    else {
      setUnread(null)
      showUnreadOnTabBar(null)
    }
  }, [session?.user.id])

  async function handleSignIn() {
    setBusy(true)
    setError(null)
    try {
      await signIn(isH5 ? name : undefined)
      void Taro.showToast({ title: '登录成功', icon: 'success' })
    } catch (err) {
      setError(showApiError(err))
    } finally {
      setBusy(false)
    }
  }

  async function handleSignOut() {
    setBusy(true)
    setError(null)
    const confirmed = await signOut()
    setBusy(false)
    void Taro.showToast({ title: confirmed ? '已退出登录' : '已在本机退出登录', icon: 'none' })
  }

  return (
    <View className='page mine' role='main'>
      <View className='mine__title' role='heading' aria-level='1'>
        我的
      </View>

      {session && (
        <View className='mine__entries'>
          <ActionButton id='entry-my-reports' className='entry' onTap={() => void Taro.navigateTo({ url: '/pages/report/mine/index' })}>
            <Text className='entry__title'>我的上报</Text>
            <Text className='entry__desc'>随手拍的问题和办理进度</Text>
          </ActionButton>
          <ActionButton id='entry-my-residence' className='entry' onTap={() => void Taro.navigateTo({ url: '/packages/residence/pages/mine/index' })}>
            <Text className='entry__title'>我的居住</Text>
            <Text className='entry__desc'>居住登记、续期与搬离，出租房屋租客确认</Text>
          </ActionButton>
          <ActionButton id='entry-declare-residence' className='entry' onTap={() => void Taro.navigateTo({ url: '/packages/residence/pages/declare/index' })}>
            <Text className='entry__title'>居住申报</Text>
            <Text className='entry__desc'>扫描房屋二维码，登记居住信息</Text>
          </ActionButton>
          <ActionButton id='entry-fees' className='entry' onTap={() => void Taro.navigateTo({ url: '/packages/fees/pages/index/index' })}>
            <Text className='entry__title'>社保查询</Text>
            <Text className='entry__desc'>缴费、欠费、退费记录与缴费证明</Text>
          </ActionButton>
          <ActionButton
            id='entry-inbox'
            className='entry'
            onTap={() => void Taro.navigateTo({ url: INBOX_PAGES.list })}
          >
            <View className='entry__line'>
              <Text className='entry__title'>消息</Text>
              {unread ? (
                <Text className='entry__badge' id='inbox-unread-badge' aria-label={unreadBadgeLabel(unread)}>
                  {unreadBadgeText(unread)}
                </Text>
              ) : null}
            </View>
            <Text className='entry__desc'>办理进度通知和服务信息</Text>
          </ActionButton>
          <ActionButton id='entry-subscriptions' className='entry' onTap={() => void Taro.navigateTo({ url: INBOX_PAGES.subscriptions })}>
            <Text className='entry__title'>消息订阅</Text>
            <Text className='entry__desc'>选择关注的服务信息，开启微信通知</Text>
          </ActionButton>
          <ActionButton id='entry-my-data' className='entry' onTap={() => void Taro.navigateTo({ url: PRIVACY_PAGES.data })}>
            <Text className='entry__title'>我的数据</Text>
            <Text className='entry__desc'>查看、导出个人数据，注销账号</Text>
          </ActionButton>
        </View>
      )}

      {session ? (
        <View className='card'>
          <View className='card__heading' role='heading' aria-level='2'>
            {displayName(session.user)}
          </View>
          <View className='card__row'>
            <Text className='card__label'>账号 ID</Text>
            <Text className='card__value' id='account-id'>
              {session.user.id}
            </Text>
          </View>
          <View className='card__row'>
            <Text className='card__label'>昵称</Text>
            <Text className='card__value'>{session.user.kind === 'resident' ? session.user.nickname || '未设置' : session.user.displayName}</Text>
          </View>
          <View className='card__actions'>
            <ActionButton className='btn btn--secondary' loading={busy} onTap={() => void handleSignOut()}>
              退出登录
            </ActionButton>
          </View>
        </View>
      ) : (
        <View className='card'>
          <View className='card__heading' role='heading' aria-level='2'>
            登录 Weave
          </View>
          <Text className='card__hint'>登录后可以上报问题、申报居住信息并查看办理进度。</Text>

          {isH5 && (
            <View className='field'>
              <Text className='field__label' id='demo-name-label'>
                演示账号
              </Text>
              <Input
                id='demo-name'
                className='field__input'
                type='text'
                value={name}
                maxlength={64}
                aria-label='演示账号'
                nativeProps={{
                  id: 'demo-name-input',
                  'aria-label': '演示账号',
                  'aria-labelledby': 'demo-name-label',
                  'aria-describedby': 'demo-name-hint',
                  autoComplete: 'username',
                }}
                onInput={(event) => setName(event.detail.value)}
              />
              <Text className='field__hint' id='demo-name-hint'>
                H5 演示版使用演示账号登录
              </Text>
            </View>
          )}

          <View className='card__actions'>
            <ActionButton id='wechat-sign-in' className='btn btn--primary' loading={busy} onTap={() => void handleSignIn()}>
              微信登录
            </ActionButton>
          </View>

          {error && (
            <View className='alert' role='alert'>
              {error}
            </View>
          )}
        </View>
      )}

      <View className='mine__entries mine__entries--after'>
        <ActionButton id='entry-privacy-guide' className='entry' onTap={() => void Taro.navigateTo({ url: PRIVACY_PAGES.guide })}>
          <Text className='entry__title'>隐私保护指引</Text>
          <Text className='entry__desc'>我们收集哪些信息、为什么、保存多久，以及如何撤回同意</Text>
        </ActionButton>
      </View>
    </View>
  )
}
