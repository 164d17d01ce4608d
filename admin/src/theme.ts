// antd theme tuned for WCAG 2.1 AA: antd's default blue (#1677ff, 4.1:1 on white), red, light grey text
// (45 % black, 3.4:1) and dark-menu disabled items (25 % white, 2.2:1) are all below 4.5:1, so they are
// replaced here with the nearest shades that pass. Ratios are against white or the Sider's #001529.
import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9', // 6.2:1; white text on it 6.2:1
    // antd would derive lighter hover shades, on which white text falls to 3:1; go darker instead.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    // antd draws focus outlines in colorPrimaryBorder (#91caff by default, 1.7:1); focus rings need 3:1.
    colorPrimaryBorder: '#1677ff',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#cf1322', // 5.6:1
    colorErrorText: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)', // 5.7:1; also colorTextDescription (help text, Statistic titles)
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)', // 5.3:1; Select draws its placeholder as real text
    // antd's focus glow on inputs is 10 % blue, which few people can see; make the ring plain (WCAG 2.4.7).
    controlOutline: 'rgba(9, 88, 217, 0.45)',
    controlOutlineWidth: 2,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#001529', headerPadding: '0 24px' },
    Menu: {
      darkItemBg: '#001529',
      darkItemColor: 'rgba(255, 255, 255, 0.85)', // 10.6:1
      darkGroupTitleColor: 'rgba(255, 255, 255, 0.7)', // 8.9:1
      darkItemDisabledColor: 'rgba(255, 255, 255, 0.6)', // 7.0:1: "coming soon" must stay readable
      darkItemSelectedBg: '#0958d9',
    },
  },
};
