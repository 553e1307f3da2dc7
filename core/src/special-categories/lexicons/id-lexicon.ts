import type { Lexicon } from '../lexicon.ts';

/**
 * Indonesian. The enclitics -nya, -ku, -mu, -lah, -kah may follow any term
 * ("agamanya", "dokternya").
 *
 * Left out: "syariah" (a banking product line), "Lebaran" (a public
 * holiday), "Allah" alone and formulas ("insya allah", "alhamdulillah"),
 * "cacat" ("barang cacat" = defective goods), "pura" ("pura-pura" =
 * pretend), "dirawat" (also "maintained"), "ditahan" ("dana ditahan" =
 * funds on hold), "kampanye" (marketing campaigns), "ras" (dog breeds).
 * "suku" (ethnic group) is listed with its non-ethnic compounds as
 * exceptions: "suku bunga" (interest rate), "suku cadang" (spare parts).
 */
export const ID_LEXICON: Lexicon = {
  language: 'id',
  normalization: 'fold',
  boundary: 'word',
  suffix: 'nya|ku|mu|lah|kah',
  terms: {
    'user.demographic.religious_belief': [
      'agama', 'keagamaan', 'beragama', 'muslim', 'muslimah', 'islam', 'islami', 'kristen', 'kristiani', 'katolik', 'protestan', 'yahudi', 'hindu',
      'buddha', 'budha', 'konghucu', 'ateis', 'masjid', 'musholla', 'mushola', 'gereja', 'vihara', 'klenteng', 'sholat', 'shalat', 'salat', 'solat',
      'sembahyang', 'berdoa', 'doa', 'pengajian', 'ngaji', 'mengaji', 'puasa', 'halal', 'haram', 'ustadz', 'ustad', 'ustadzah', 'ulama', 'kyai',
      'pendeta', 'biksu', 'haji', 'umroh', 'umrah', 'zakat', 'al quran', 'alquran', 'quran', 'alkitab', 'jilbab', 'hijab', 'kerudung', 'mualaf',
      'kafir', 'murtad', 'pesantren', 'santri',
    ],
    'user.health': [
      'sakit', 'rumah sakit', 'dokter', 'klinik', 'puskesmas', 'rawat inap', 'opname', 'obat', 'resep dokter', 'apotek', 'kanker', 'diabetes',
      'kencing manis', 'darah tinggi', 'hamil', 'kehamilan', 'keguguran', 'disabilitas', 'difabel', 'kursi roda', 'depresi', 'gangguan jiwa', 'terapi',
      'psikiater', 'psikolog', 'alergi', 'demam', 'flu', 'positif covid', 'batuk', 'pilek', 'diare', 'cuti sakit',
    ],
    'user.health.genetic': ['tes dna', 'genetik', 'penyakit turunan'],
    'user.demographic.race_ethnicity': ['rasis', 'rasisme', 'suku', 'etnis', 'pribumi', 'tionghoa', 'keturunan cina', 'warna kulit'],
    'user.demographic.political_opinion': [
      'politik', 'partai', 'pemilu', 'pilpres', 'pilkada', 'capres', 'cawapres', 'caleg', 'golput', 'nyoblos', 'mencoblos', 'komunis', 'oposisi',
      'rezim',
    ],
    'user.demographic.union_membership': ['serikat pekerja', 'serikat buruh', 'anggota serikat'],
    'user.demographic.sexual_orientation': ['gay', 'lesbian', 'biseksual', 'homoseksual', 'lgbt', 'lgbtq', 'transgender', 'waria', 'seksual', 'seksualitas'],
    'user.criminal_history': [
      'penjara', 'dipenjara', 'dipenjarakan', 'narapidana', 'napi', 'mantan napi', 'catatan kriminal', 'ditangkap polisi', 'tersangka', 'terpidana',
    ],
  },
  exceptions: ['suku bunga', 'suku cadang', 'suku kata', 'sakit hati', 'bank syariah'],
};
