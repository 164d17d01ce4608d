export default definePageConfig({
  navigationBarTitleText: '居住申报',
})
