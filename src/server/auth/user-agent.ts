// A short name for the device behind a User-Agent, for the session list of 我的账号: enough for a
// person to tell "my office PC" from "my phone", not a full parser.

const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger\/([\d.]+)/, '微信'],
  [/DingTalk\/([\d.]+)/, '钉钉'],
  [/Edg\/([\d.]+)/, 'Edge'],
  [/(?:OPR|Opera)\/([\d.]+)/, 'Opera'],
  [/QQBrowser\/([\d.]+)/, 'QQ浏览器'],
  [/360SE|360EE/, '360浏览器'],
  [/Firefox\/([\d.]+)/, 'Firefox'],
  [/(?:Chrome|Chromium|CriOS)\/([\d.]+)/, 'Chrome'],
  [/Version\/([\d.]+).*Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/HarmonyOS|OpenHarmony/, '鸿蒙'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows NT/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/UOS|Deepin/, '统信UOS'],
  [/Kylin/, '麒麟'],
  [/Linux/, 'Linux'],
];

export function deviceLabel(userAgent: string | null): string {
  if (!userAgent) return '未知设备';
  let browser = '';
  for (const [re, name] of BROWSERS) {
    const m = re.exec(userAgent);
    if (m) {
      const major = m[1]?.split('.')[0];
      browser = major ? `${name} ${major}` : name;
      break;
    }
  }
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1] ?? '';
  const label = [browser, system].filter(Boolean).join(' · ');
  return label || userAgent.slice(0, 40);
}
