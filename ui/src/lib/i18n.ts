/** Interface languages of the console: English, Arabic (right to left) and Thai. */
export const LOCALES = ['en', 'ar', 'th'] as const;
export type Locale = (typeof LOCALES)[number];

export const DIRECTION: Record<Locale, 'ltr' | 'rtl'> = { en: 'ltr', ar: 'rtl', th: 'ltr' };
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ar: 'العربية', th: 'ไทย' };

const STRINGS = {
  requests: { en: 'Requests', ar: 'الطلبات', th: 'คำขอ' },
  consent: { en: 'Consent', ar: 'الموافقة', th: 'ความยินยอม' },
  dataMap: { en: 'Data map', ar: 'خريطة البيانات', th: 'แผนที่ข้อมูล' },
  nodes: { en: 'Nodes', ar: 'العُقد', th: 'โหนด' },
  training: { en: 'Training', ar: 'التدريب', th: 'การฝึกโมเดล' },
  checkpoints: { en: 'Checkpoints', ar: 'نقاط التحقق', th: 'จุดตรวจสอบ' },
  verify: { en: 'Verify a bundle', ar: 'تحقق من حزمة', th: 'ตรวจสอบชุดหลักฐาน' },
  users: { en: 'Users', ar: 'المستخدمون', th: 'ผู้ใช้' },
  signOut: { en: 'Sign out', ar: 'تسجيل الخروج', th: 'ออกจากระบบ' },
  skip: { en: 'Skip to content', ar: 'انتقل إلى المحتوى', th: 'ข้ามไปยังเนื้อหา' },
  language: { en: 'Language', ar: 'اللغة', th: 'ภาษา' },
  loading: { en: 'Loading…', ar: 'جارٍ التحميل…', th: 'กำลังโหลด…' },
  nothing: { en: 'Nothing here yet.', ar: 'لا شيء هنا بعد.', th: 'ยังไม่มีข้อมูล' },
} as const satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

/**
 * A console string in the given language.
 *
 * @example
 * t('ar', 'requests'); // 'الطلبات'
 */
export function t(locale: Locale, key: StringKey): string {
  return STRINGS[key][locale];
}

/** The locale named by a cookie value, English otherwise. */
export function localeOf(value: string | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : 'en';
}
