import { localeOf } from '#lib/i18n.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ cookies }) => ({ locale: localeOf(cookies.get('meridian_locale')) });
