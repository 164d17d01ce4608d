export default definePageConfig({
  navigationBarTitleText: '事件详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
