export default definePageConfig({
  navigationBarTitleText: '社保查询',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
