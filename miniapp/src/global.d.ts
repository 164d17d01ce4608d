/// <reference types="@tarojs/taro" />

// Stylesheets and images imported from TypeScript.
declare module '*.scss'
declare module '*.css'
declare module '*.png'
declare module '*.svg'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the Taro CLI from `--type`. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn'
    /** API origin, defined at build time in config/index.ts ('' in H5: same origin). */
    TARO_APP_API_BASE: string
  }
}
