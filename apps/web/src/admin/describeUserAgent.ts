/** Browsers to recognise, most specific first (Edge and the Chinese browsers also say "Chrome"). */
const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\//, 'Edge'],
  [/QQBrowser\//, 'QQ'],
  [/360SE|360EE|QIHU/, '360'],
  [/SE 2\.X MetaSr/, 'Sogou'],
  [/Firefox\//, 'Firefox'],
  [/(?:Headless)?Chrom(?:e|ium)\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Android/, 'Android'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/Linux/, 'Linux'],
];

/** A user agent as an administrator recognises it, e.g. "Chrome · Windows"; null when it names nothing known. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const parts = [browser, system].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : null;
}
