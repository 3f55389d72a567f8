import type { ThemeConfig } from 'antd';

// The app's Ant Design theme. Every text colour reaches WCAG 2.1 AA (4.5:1) on white and on the
// greys the screens lay under text (#fafafa table headers, #f5f5f5 page background): Ant Design's
// default greys (#8c8c8c secondary text, 3.36:1; #bfbfbf placeholders) and its status colours
// (#ff4d4f, 3.3:1 under the badge's white count) do not. The ratios are in docs/accessibility.md;
// the tags' text colours are in lib/a11y.css.
export const A11Y_COLORS = {
  /** Typography type="secondary", descriptions, form help, table sort icons: #666 (5.7:1 on white, 5.6:1 on #f5f5f5). */
  textTertiary: 'rgba(0, 0, 0, 0.6)',
  /** Placeholders: #6b6b6b (5.3:1 on white); disabled controls are exempt (WCAG 1.4.3) and keep Ant Design's grey. */
  textPlaceholder: 'rgba(0, 0, 0, 0.58)',
  /** Errors, the badge behind the white unread count: #cf1322 (5.6:1). */
  error: '#cf1322',
  /** Success text: #237804 (5.6:1). */
  success: '#237804',
  /** Warning text: #ad4e00 (5.4:1). */
  warning: '#ad4e00',
  /** Links and link buttons, the 'processing' status: blue-7 #0958d9 (6.2:1; Ant Design's #1677ff is 4.1:1). */
  link: '#0958d9',
} as const;

export function appTheme(motion: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: '#b71c1c',
      borderRadius: 6,
      motion,
      colorTextTertiary: A11Y_COLORS.textTertiary,
      colorTextDescription: A11Y_COLORS.textTertiary,
      colorTextPlaceholder: A11Y_COLORS.textPlaceholder,
      colorError: A11Y_COLORS.error,
      colorSuccess: A11Y_COLORS.success,
      colorWarning: A11Y_COLORS.warning,
      colorLink: A11Y_COLORS.link,
      colorInfo: A11Y_COLORS.link,
      // The status backgrounds and borders stay Ant Design's light ones: derived from the darker
      // status colours they would turn grey-green or brown, and the text on them below 4.5:1.
      colorSuccessBg: '#f6ffed',
      colorSuccessBorder: '#b7eb8f',
      colorWarningBg: '#fffbe6',
      colorWarningBorder: '#ffe58f',
      colorErrorBg: '#fff2f0',
      colorErrorBorder: '#ffccc7',
      colorInfoBg: '#e6f4ff',
      colorInfoBorder: '#91caff',
    },
  };
}
