import type { Lexicon } from '../lexicon.ts';

/**
 * Malay. The enclitics -nya, -ku, -mu, -lah, -kah may follow any term.
 *
 * Left out, beyond the Indonesian choices: "MC" (medical certificate, but
 * also "master of ceremonies"), "mengandung" (also "contains"), "kaum" and
 * "bangsa" (community, nation), "OKU" (an abbreviation with other uses).
 */
export const MS_LEXICON: Lexicon = {
  language: 'ms',
  normalization: 'fold',
  boundary: 'word',
  suffix: 'nya|ku|mu|lah|kah',
  terms: {
    'user.demographic.religious_belief': [
      'agama', 'keagamaan', 'beragama', 'muslim', 'muslimah', 'islam', 'kristian', 'katolik', 'yahudi', 'hindu', 'buddha', 'masjid', 'surau', 'gereja',
      'kuil', 'tokong', 'solat', 'sembahyang', 'berdoa', 'doa', 'puasa', 'halal', 'haram', 'ustaz', 'ustazah', 'imam', 'paderi', 'haji', 'umrah',
      'zakat', 'al quran', 'quran', 'tudung', 'hijab', 'mualaf', 'murtad', 'kafir',
    ],
    'user.health': [
      'sakit', 'hospital', 'klinik', 'doktor', 'ubat', 'farmasi', 'kanser', 'kencing manis', 'darah tinggi', 'hamil', 'keguguran', 'kurang upaya',
      'kerusi roda', 'kemurungan', 'terapi', 'psikiatri', 'alahan', 'demam', 'selsema', 'cuti sakit', 'positif covid',
    ],
    'user.health.genetic': ['ujian dna', 'genetik', 'penyakit keturunan'],
    'user.demographic.race_ethnicity': ['perkauman', 'rasis', 'etnik', 'warna kulit'],
    'user.demographic.political_opinion': ['politik', 'parti politik', 'pilihan raya', 'mengundi', 'undi', 'pembangkang', 'komunis'],
    'user.demographic.union_membership': ['kesatuan sekerja', 'ahli kesatuan'],
    'user.demographic.sexual_orientation': ['gay', 'lesbian', 'biseksual', 'homoseksual', 'lgbt', 'transgender', 'mak nyah', 'seksual'],
    'user.criminal_history': ['penjara', 'dipenjara', 'banduan', 'rekod jenayah', 'ditangkap polis', 'lokap'],
  },
  exceptions: ['sakit hati', 'perbankan islam', 'akaun islam'],
};
