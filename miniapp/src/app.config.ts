// The mini-program's pages and window. The main package keeps the tab pages and the report flow (随手拍 is
// what most people open the app for, so it never waits for a subpackage download); every other capability is
// a subpackage of its own (WeChat caps each package at 2 MB and the whole at 20 MB: `npm run check:weapp`).
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/mine/index', 'pages/report/new/index', 'pages/report/mine/index', 'pages/report/detail/index'],
  subPackages: [
    {
      // 消息: the inbox, one message, 消息订阅 (topics and WeChat notices).
      root: 'packages/notices',
      pages: ['pages/inbox/index', 'pages/inbox-detail/index', 'pages/subscriptions/index'],
    },
    {
      // 居住申报 (self-declaration of residence): declare by a house's QR code, my declarations and rented houses.
      root: 'packages/residence',
      pages: ['pages/declare/index', 'pages/mine/index'],
    },
    {
      // 社保查询 (social-security fees): binding the insured person, a year's fees month by month, payment certificates.
      root: 'packages/fees',
      pages: ['pages/index/index'],
    },
    {
      // 游客服务 (island tourist services): nearby places and the on-duty number, complaints, help calls and their progress.
      root: 'packages/tourism',
      pages: ['pages/index/index', 'pages/complain/index', 'pages/help/index', 'pages/status/index'],
    },
    {
      // 隐私保护指引 (the privacy guide, 撤回同意) and 我的数据 (see, export, 注销账号).
      root: 'packages/privacy',
      pages: ['pages/guide/index', 'pages/data/index'],
    },
  ],
  window: {
    navigationBarTitleText: 'Weave 城市服务',
    navigationBarBackgroundColor: '#0b6e4f',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f8',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#5b6270',
    selectedColor: '#0b6e4f',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  // The private interfaces the mini-program calls (location only; chooseLocation is not used). Each waits for the
  // resident's consent to our privacy guide: services/privacy.ts answers wx.onNeedPrivacyAuthorization.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确定您上报问题的位置和查找附近服务' },
  },
  // Always on since 2023-09-15; kept so older base libraries check privacy too.
  __usePrivacyCheck__: true,
})
