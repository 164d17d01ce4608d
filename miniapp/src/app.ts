// The app shell: global styles, the outbox (reports, complaints, help calls) retried whenever the app comes to the
// foreground, and the privacy consent (WeChat's privacy events, the account's consent) started at launch; pages render inside.
import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { startOutbox } from './services/outbox'
import { startPrivacy } from './services/privacy'
import './app.scss'

if (process.env.TARO_ENV === 'h5') {
  // In H5 Taro's components are web components whose look (buttons, inputs) comes from this stylesheet.
  require('@tarojs/components/dist/taro-components/taro-components.css')
}

function App({ children }: PropsWithChildren) {
  // Before any page can use a private interface: WeChat's onNeedPrivacyAuthorization goes to our prompt.
  useLaunch(() => startPrivacy())
  // Submissions queued while offline (or before the app was closed) go out as soon as it is back.
  useDidShow(() => startOutbox())
  return children
}

export default App
