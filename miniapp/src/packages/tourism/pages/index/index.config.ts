export default definePageConfig({
  navigationBarTitleText: '游客服务',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
