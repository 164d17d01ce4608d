export default definePageConfig({
  navigationBarTitleText: '求助进度',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
