import type { Lexicon } from '../lexicon.ts';

/**
 * German. Compounds are reached with a leading or trailing `*`
 * ("Herzkrankheit", "Krankenhausaufenthalt").
 *
 * Left out: "glaube" ("ich glaube" = I think), "gebeten" (asked) via a bare
 * "gebet*", "Politik" (also "policy": "Preispolitik"), "Wahl"/"wählen"
 * (choice, dialling), "fasten" (an English word too), "Bete" (beetroot),
 * "Diagnose" (an English support word), "verletzt" (also "violated").
 */
export const DE_LEXICON: Lexicon = {
  language: 'de',
  normalization: 'fold',
  boundary: 'word',
  terms: {
    'user.demographic.religious_belief': [
      'religion', 'religionen', 'mein glaube', 'meinen glauben', 'religios*', 'glaubensgemeinschaft', 'muslim*', 'moslem*', 'islam', 'islamisch*', 'christlich*', 'christen',
      'ich bin christ', 'katholisch*', 'katholik*', 'evangelisch*', 'protestant*', 'judisch*', 'jude', 'juden', 'judin', 'judentum', 'hindu*',
      'buddhist*', 'buddhismus', 'atheist*', 'kirche', 'kirchen', 'kirchensteuer', 'kirchenaustritt', 'kirchenmitglied*', 'moschee*', 'synagoge*',
      'beten', 'betet', 'gebet', 'gebete', 'gebetszeit*', 'gebetsraum', 'halal', 'koscher', 'kopftuch', 'pfarrer', 'priester', 'imam', 'rabbiner',
      'bibel', 'koran', 'taufe', 'getauft', 'konfirmation', 'gottesdienst*', 'zeugen jehovas',
    ],
    'user.health': [
      'krank', 'kranke', 'kranken', 'krankheit*', '*krankheit', '*erkrankung', 'erkrankt*', 'krankenhaus*', 'krankenschein', 'krankgeschrieben',
      'krankmeldung', 'klinik*', 'arzt', 'arztin', 'arzte', 'arzten', 'arzttermin', 'hausarzt*', 'facharzt*', 'diagnostiziert', 'medikament*',
      'apotheke*', 'krebs', 'diabet*', 'schwanger*', 'schwangerschaft', 'fehlgeburt', 'behinderung', 'schwerbehindert*', 'rollstuhl*', 'depression*',
      'depressiv*', 'psychotherap*', 'therapie', 'psychiater*', 'reha', 'allergi*', 'gesundheitlich*', 'grippe', 'fieber', 'corona positiv', 'operiert',
    ],
    'user.health.genetic': ['gentest*', 'genetisch*', 'dna test*', 'erbkrankheit*', 'vaterschaftstest*'],
    'user.demographic.race_ethnicity': ['rassist*', 'rassismus', 'rassisch*', 'ethnisch*', 'hautfarbe', 'migrationshintergrund'],
    'user.demographic.political_opinion': [
      'politisch*', 'partei', 'parteimitglied*', 'bundestagswahl', 'landtagswahl', 'europawahl', 'wahlkampf', 'rechtsextrem*', 'linksextrem*',
      'rechtsradikal*', 'linksradikal*', 'kommunist*', 'sozialist*', 'faschist*', 'nazi', 'nazis',
    ],
    'user.demographic.union_membership': ['gewerkschaft*'],
    'user.demographic.sexual_orientation': [
      'schwul*', 'lesbisch*', 'lesbe', 'lesben', 'bisexuell*', 'homosexuell*', 'heterosexuell*', 'transgender', 'transsexuell*', 'queer',
      'sexuell*', 'sexualleben', 'gleichgeschlechtlich*',
    ],
    'user.criminal_history': [
      'vorstrafe*', 'vorbestraft', 'gefangnis*', 'haftstrafe*', 'verhaftet', 'festgenommen', 'straffallig', 'inhaftiert', 'knast', 'verurteilt',
    ],
  },
  exceptions: ['islamische bank', 'islamisches konto', 'partei ergreifen'],
};
