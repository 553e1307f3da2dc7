import type { Lexicon } from '../lexicon.ts';

/**
 * English. Also applied to every message whose language is known, because
 * customers in all three regions mix English into their own language.
 *
 * Choices beyond the policy in {@link Lexicon}:
 * - "christian" alone is a common given name; only phrases and plurals count.
 * - "disabled" means a blocked card far more often than a person; only
 *   "disability" counts. "ill" is mostly "I'll" typed without an apostrophe.
 * - "diagnose" is a support word ("diagnose the app"); only "diagnosed",
 *   "diagnosis" count.
 * - "union" alone is "European Union", "Western Union", "UnionPay".
 * - "church" in a street name is an address, not a belief.
 * - Words that are ordinary words in the regions' other languages are left
 *   out, because with no language tag every lexicon runs: "parole"
 *   (Italian/French "words"), "latino" (Italian/Spanish "Latin").
 */
export const EN_LEXICON: Lexicon = {
  language: 'en',
  normalization: 'fold',
  boundary: 'word',
  terms: {
    'user.demographic.religious_belief': [
      'religion', 'religions', 'religious', 'my faith', 'muslim', 'muslims', 'moslem', 'moslems', 'islam', 'islamic',
      'christians', 'christianity', 'i am christian', "i'm christian", 'im christian', 'a christian', 'as a christian',
      'catholic', 'catholics', 'protestant', 'protestants', 'evangelical', 'mormon', 'mormons', "jehovah's witness*", 'jehovahs witness*',
      'jewish', 'judaism', 'jew', 'jews', 'hindu', 'hindus', 'hinduism', 'buddhist', 'buddhists', 'buddhism', 'sikh', 'sikhs', 'sikhism',
      'atheist', 'atheists', 'agnostic', 'church', 'churches', 'mosque', 'mosques', 'synagogue', 'synagogues', 'gurdwara',
      'pray', 'prayed', 'praying', 'prayer', 'prayers', 'halal', 'kosher', 'fasting', 'hajj', 'umrah', 'zakat', 'tithe', 'tithing',
      'bible', 'quran', 'koran', 'torah', 'imam', 'priest', 'rabbi', 'vicar', 'bar mitzvah', 'bat mitzvah', 'baptism', 'baptised', 'baptized',
      'first communion', 'sabbath', 'shabbat', 'hijab', 'niqab', 'burqa', 'kippah', 'yarmulke',
    ],
    'user.health': [
      'hospital', 'hospitals', 'hospitalised', 'hospitalized', 'hospitalisation', 'hospitalization', 'sick', 'sickness', 'sick leave', 'sick note',
      'illness', 'illnesses', 'ill health', 'seriously ill', 'terminally ill', 'fell ill', 'i am ill', "i'm ill", 'disease', 'diseases',
      'diagnosed', 'diagnosis', 'my doctor', 'the doctor', "doctor's", 'doctors appointment', 'my gp', 'gp appointment', 'medical', 'medication', 'medications',
      'medicine', 'medicines', 'prescription', 'prescriptions', 'pharmacy', 'surgery', 'clinic', 'cancer', 'chemo', 'chemotherapy', 'tumour', 'tumor',
      'diabetes', 'diabetic', 'insulin', 'asthma', 'asthmatic', 'epilepsy', 'epileptic', 'hiv', 'hepatitis', 'tested positive', 'have covid', 'had covid',
      'got covid', 'pregnant', 'pregnancy', 'miscarriage', 'ivf', 'maternity leave', 'disability', 'disabilities', 'wheelchair', 'deaf', 'hearing aid',
      'hearing aids', 'visually impaired', 'hearing impaired', 'mental health', 'depression', 'anxiety disorder', 'panic attack', 'panic attacks',
      'bipolar', 'schizophrenia', 'schizophrenic', 'ptsd', 'adhd', 'autism', 'autistic', 'dementia', "alzheimer's", 'alzheimers', "parkinson's",
      'therapist', 'therapy', 'psychiatrist', 'psychiatric', 'psychologist', 'rehab', 'dialysis', 'heart attack', 'allergy', 'allergies', 'allergic',
      'injury', 'injured', 'broken leg', 'broken arm', 'dentist', 'dental', 'physiotherapy', 'chronic pain', 'migraine', 'migraines', 'flu', 'influenza', 'fever',
    ],
    'user.health.genetic': ['dna test', 'dna tests', 'dna testing', 'genetic', 'genetics', 'genome', 'hereditary', 'ancestry test'],
    'user.demographic.race_ethnicity': [
      'racist', 'racism', 'racial', 'racially', 'ethnicity', 'ethnic', 'my race', 'skin colour', 'skin color', 'african american', 'hispanic',
      'gypsy', 'aboriginal', 'caucasian', 'person of colour', 'person of color', 'people of colour', 'people of color',
    ],
    'user.demographic.political_opinion': [
      'political', 'politics', 'politician', 'politicians', 'election', 'elections', 'voted', 'vote for', 'voting for', 'my vote',
      'left wing', 'right wing', 'communist', 'communism', 'socialist', 'socialism', 'fascist', 'fascism', 'marxist', 'anarchist',
      'democrats', 'republicans', 'conservative party', 'labour party', 'green party', 'tory', 'tories', 'activist', 'activists',
    ],
    'user.demographic.union_membership': [
      'trade union', 'trade unions', 'labour union', 'labor union', 'union member', 'union members', 'union membership', 'union dues',
      'union fee', 'union fees', 'union rep', 'union representative', 'shop steward', 'unionised', 'unionized', 'my union',
    ],
    'user.demographic.sexual_orientation': [
      'gay', 'lesbian', 'lesbians', 'bisexual', 'homosexual', 'heterosexual', 'transgender', 'trans woman', 'trans man', 'non binary', 'nonbinary',
      'queer', 'lgbt', 'lgbtq', 'lgbtq+', 'lgbtqia', 'same sex', 'sex life', 'sexual', 'sexually', 'sexual orientation', 'sex toy', 'sex toys',
    ],
    'user.criminal_history': [
      'criminal record', 'criminal records', 'criminal conviction', 'criminal background', 'convicted', 'prison', 'jail', 'jailed', 'imprisoned',
      'incarcerated', 'arrested', 'police record', 'felony', 'felon', 'ex offender', 'sentenced', 'probation officer',
    ],
  },
  exceptions: [
    'sick of', 'sick and tired', 'sick to death', 'church street', 'church st', 'church road', 'church rd', 'church lane',
    'islamic bank', 'islamic banking', 'islamic account', 'islamic finance', 'retail therapy', 'the doctor who',
  ],
};
