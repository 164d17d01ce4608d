// 首页: who is signed in, and the resident services as large entries. Each time it shows, the unread count of 消息 is
// read again for the 我的 tab's badge (WeChat only).

import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import ActionButton from '../../components/action-button'
import { useSession } from '../../hooks/use-session'
import { greeting } from '../../services/account'
import { sessions } from '../../services/http'
import { fetchUnreadCount, showUnreadOnTabBar } from '../../services/inbox'
import { SERVICES, type ServiceEntry } from './services'
import './index.scss'

function open(service: ServiceEntry) {
  if (service.path) {
    void Taro.navigateTo({ url: service.path })
    return
  }
  void Taro.showToast({ title: '该服务即将开放', icon: 'none' })
}

export default function Index() {
  const session = useSession()

  useDidShow(() => {
    // Only the tab bar needs it here; the count itself is written on 我的. Quiet on failure.
    if (process.env.TARO_ENV !== 'weapp') return
    // Storage, not the hook's state: the state catches up with a sign-in on another tab only after this show.
    if (!sessions.get()) {
      showUnreadOnTabBar(null)
      return
    }
    fetchUnreadCount()
      .then(showUnreadOnTabBar)
      .catch(() => undefined)
  })

  return (
    <View className='page home' role='main'>
      <View className='home__header'>
        <View className='home__title' role='heading' aria-level='1'>
          Weave 城市服务
        </View>
        <Text className='home__intro'>身边的城市事务，在这里一站办理</Text>
        <View className='home__account'>
          {session ? (
            <Text className='home__greeting'>{greeting(session.user)}</Text>
          ) : (
            <ActionButton className='btn btn--secondary btn--small' onTap={() => void Taro.switchTab({ url: '/pages/mine/index' })}>
              登录
            </ActionButton>
          )}
        </View>
      </View>

      <View className='home__section-title' role='heading' aria-level='2'>
        全部服务
      </View>
      <View className='home__services'>
        {SERVICES.map((service) => (
          <ActionButton
            key={service.key}
            id={`service-${service.key}`}
            className='service'
            onTap={() => open(service)}
          >
            <View className={`service__badge service__badge--${service.key}`} aria-hidden='true'>
              {service.glyph}
            </View>
            <View className='service__text'>
              <Text className='service__title'>{service.title}</Text>
              <Text className='service__desc'>{service.description}</Text>
            </View>
          </ActionButton>
        ))}
      </View>
    </View>
  )
}
