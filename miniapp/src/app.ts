// The app shell: global styles, and the outbox (reports, complaints, help calls) retried whenever the app comes to the
// foreground; pages render inside.
import type { PropsWithChildren } from 'react'
import { useDidShow } from '@tarojs/taro'
import { startOutbox } from './services/outbox'
import './app.scss'

if (process.env.TARO_ENV === 'h5') {
  // In H5 Taro's components are web components whose look (buttons, inputs) comes from this stylesheet.
  require('@tarojs/components/dist/taro-components/taro-components.css')
}

function App({ children }: PropsWithChildren) {
  // Submissions queued while offline (or before the app was closed) go out as soon as it is back.
  useDidShow(() => startOutbox())
  return children
}

export default App
