// Taro build configuration for both targets (weapp and H5); each target writes to its own dist/<target>.
import { defineConfig } from '@tarojs/cli'
import type { UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const target = process.env.TARO_ENV ?? 'weapp'

// The H5 build is served by the API itself under /h5/, so it calls the API on the same origin.
// The mini-program needs an absolute origin (a legal domain in production, localhost in the dev tool).
const apiBase = target === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://localhost:3000').replace(/\/+$/, '')

const base: UserConfigExport<'webpack5'> = {
  projectName: 'weave-miniapp',
  date: '2026-11-23',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${target}`,
  plugins: [],
  // Becomes `process.env.TARO_APP_API_BASE` in the bundle (values are source text, hence JSON.stringify).
  env: { TARO_APP_API_BASE: JSON.stringify(apiBase) },
  defineConstants: {},
  copy: { patterns: [], options: {} },
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
    },
  },
  h5: {
    publicPath: '/h5/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    imageUrlLoaderOption: { limit: 5000, name: 'static/images/[name].[contenthash:8].[ext]' },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
    },
  },
}

export default defineConfig<'webpack5'>(async (merge) => {
  const overrides = process.env.NODE_ENV === 'development' ? devConfig : prodConfig
  return merge({}, base, overrides) as typeof base
})
