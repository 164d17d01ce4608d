// The app shell: global styles; pages render inside.
import type { PropsWithChildren } from 'react'
import './app.scss'

if (process.env.TARO_ENV === 'h5') {
  // In H5 Taro's components are web components whose look (buttons, inputs) comes from this stylesheet.
  require('@tarojs/components/dist/taro-components/taro-components.css')
}

function App({ children }: PropsWithChildren) {
  return children
}

export default App
