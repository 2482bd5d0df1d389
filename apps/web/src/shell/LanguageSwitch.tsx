import { Segmented } from 'antd';
import { useI18n, type Locale } from '../i18n/I18nProvider';

/** The 中文 / English switch; the choice is remembered by the i18n provider. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('lang.switch')}
      value={locale}
      onChange={setLocale}
      options={[
        { value: 'zh-CN', label: t('lang.zh') },
        { value: 'en', label: t('lang.en') },
      ]}
    />
  );
}
