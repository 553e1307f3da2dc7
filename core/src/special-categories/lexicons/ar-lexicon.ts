import type { Lexicon } from '../lexicon.ts';

/**
 * Arabic (MSA and the Gulf and Levantine forms customers write). Terms are
 * written after normalisation (ة → ه, ى → ي, no hamza seat). The proclitics
 * و ف, ب ك ل and the article (ال, لل) may precede any term; suffixes are
 * listed per term, because a blanket suffix rule turns "الحج" (pilgrimage)
 * into "الحجه" (the argument).
 *
 * Left out, because a banking or shopping message uses the same letters for
 * something else: "دين" (debt as often as religion), "اصلي" (original),
 * "حامل" alone (cardholder), "مرضي" (satisfactory), "عمليه" (transaction), "اشتراكي" (my subscription, not socialist), "علاج" alone (also "remedy"
 * for a problem), "جيني" (Levantine "comes to me"),
 * "جنسيه" (nationality), "مثلي" (like me), "سني" (my age, my tooth), "عمره"
 * (his age), "القبض" alone (receiving money), "نفسي" (myself).
 * Formulas used by everyone ("ان شاء الله", "الحمد لله", "والله") and
 * "رمضان" as a date are not evidence; "صائم" (I am fasting) is.
 */
export const AR_LEXICON: Lexicon = {
  language: 'ar',
  normalization: 'arabic',
  boundary: 'word',
  prefix: '[وف]?(?:لل|[بكل]?ال|[بكل])',
  terms: {
    'user.demographic.religious_belief': [
      'ديانه', 'ديانتي', 'ديانات', 'متدين', 'متدينه', 'مسلم', 'مسلمه', 'مسلمين', 'مسلمون', 'اسلام', 'اسلامي', 'مسيحي', 'مسيحيه', 'مسيحيين', 'نصراني',
      'كاثوليكي', 'يهودي', 'يهوديه', 'يهود', 'هندوسي', 'بوذي', 'ملحد', 'ملحده', 'شيعي', 'شيعه', 'مسجد', 'مساجد', 'كنيسه', 'كنائس', 'كنيس', 'صلاه',
      'صلاتي', 'صليت', 'اصلي الفجر', 'صوم', 'صيام', 'صائم', 'صائمه', 'صايم', 'حلال', 'الحج', 'حجاج', 'معتمر', 'العمره', 'زكاه', 'زكاتي',
      'القران الكريم', 'مصحف', 'انجيل', 'توراه', 'امام المسجد', 'قسيس', 'كاهن', 'حاخام', 'حجاب', 'نقاب', 'صوفي',
    ],
    'user.health': [
      'مستشفي', 'مستشفيات', 'مريض', 'مريضه', 'مرض', 'امراض', 'طبيب', 'طبيبي', 'طبيبه', 'عياده', 'دواء', 'ادويه', 'علاجي', 'علاج طبي', 'تلقي العلاج',
      'جلسات علاج', 'علاج كيماوي', 'وصفه طبيه', 'صيدليه',
      'سرطان', 'مرض السكري', 'السكري', 'ضغط الدم', 'انا حامل', 'زوجتي حامل', 'حامل في الشهر', 'اجهاض', 'اعاقه', 'معاق', 'ذوي الاعاقه', 'كرسي متحرك',
      'اكتئاب', 'طبيب نفسي', 'عمليه جراحيه', 'حساسيه', 'مصاب بكورونا', 'انفلونزا', 'زكام', 'اجازه مرضيه',
    ],
    'user.health.genetic': ['الحمض النووي', 'وراثي', 'وراثيه', 'جينات'],
    'user.demographic.race_ethnicity': ['عنصري', 'عنصريه', 'عرقي', 'عرقيه', 'لون البشره'],
    'user.demographic.political_opinion': [
      'سياسي', 'سياسيه', 'سياسيين', 'حزب', 'احزاب', 'انتخابات', 'معارضه', 'شيوعي', 'شيوعيه', 'اشتراكيه', 'الاخوان المسلمين',
    ],
    'user.demographic.union_membership': ['نقابه', 'نقابي', 'نقابات', 'عضو نقابه'],
    'user.demographic.sexual_orientation': ['مثلي الجنس', 'مثليه الجنس', 'مثليين', 'المثليه', 'متحول جنسيا', 'ثنائي الجنس', 'علاقه جنسيه'],
    'user.criminal_history': ['سجن', 'مسجون', 'سجين', 'سوابق', 'سجل جنائي', 'سجل اجرامي', 'محكوم عليه', 'اعتقال', 'معتقل', 'القي القبض'],
  },
  exceptions: ['ابن الحلال', 'بنت الحلال', 'حلال عليك', 'بنك اسلامي', 'حساب اسلامي', 'تمويل اسلامي', 'مصرف اسلامي', 'الصيرفه الاسلاميه'],
};
