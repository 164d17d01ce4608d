export default definePageConfig({
  navigationBarTitleText: '我的居住',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
