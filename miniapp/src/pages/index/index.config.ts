export default definePageConfig({
  navigationBarTitleText: 'Weave 城市服务',
})
