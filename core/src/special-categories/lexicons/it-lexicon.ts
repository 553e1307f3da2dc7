import type { Lexicon } from '../lexicon.ts';

/**
 * Italian.
 *
 * Left out: "politica" (also "policy": "politica di reso"), "prego"
 * (please, you're welcome), "messa" (also "put": "messa in funzione"),
 * "Cristiano" alone (a given name), "influenza" (also "influence"),
 * "disabil*" ("disabilitare" = to disable an account), "detenuto" (also
 * "held"), "rom" (memory), "operato" (also "the work done": "l'operato del governo").
 */
export const IT_LEXICON: Lexicon = {
  language: 'it',
  normalization: 'fold',
  boundary: 'word',
  terms: {
    'user.demographic.religious_belief': [
      'religione', 'religioni', 'la mia fede', 'religios*', 'musulman*', 'islam', 'islamic*', 'sono cristiano', 'sono cristiana', 'cristiani', 'cristianesimo',
      'cattolic*', 'protestant*', 'ebreo', 'ebrea', 'ebrei', 'ebraic*', 'induista', 'induisti', 'buddist*', 'ateo', 'atea', 'chiesa', 'chiese',
      'moschea', 'moschee', 'sinagoga', 'pregare', 'preghiera', 'preghiere', 'halal', 'kosher', 'prete', 'sacerdote', 'imam', 'rabbino', 'bibbia',
      'corano', 'battesimo', 'battezzat*', 'prima comunione', 'cresima', 'testimone di geova', 'testimoni di geova',
    ],
    'user.health': [
      'malato', 'malata', 'malati', 'malattia', 'malattie', 'ospedale', 'ospedali', 'ricoverat*', 'ricovero', 'clinica', 'medico', 'medici', 'farmaco',
      'farmaci', 'farmacia', 'ricetta medica', 'cancro', 'tumore', 'diabet*', 'incinta', 'gravidanza', 'aborto spontaneo', 'disabile', 'disabili',
      'invalidita', 'sedia a rotelle', 'depressione', 'terapia', 'psichiatr*', 'psicologo', 'psicologa', 'allergi*', 'chirurgia',
      'febbre', 'covid positivo', 'certificato medico',
    ],
    'user.health.genetic': ['test del dna', 'test dna', 'test genetico', 'genetic*', 'ereditari*', 'test di paternita'],
    'user.demographic.race_ethnicity': ['razzist*', 'razzismo', 'razziale', 'razziali', 'etnia', 'etnic*', 'colore della pelle'],
    'user.demographic.political_opinion': [
      'partito politico', 'opinione politica', 'idee politiche', 'elezioni', 'votato per', 'votare per', 'comunist*', 'socialist*', 'fascist*',
      'estrema destra', 'estrema sinistra',
    ],
    'user.demographic.union_membership': ['sindacato', 'sindacati', 'sindacal*', 'iscritto al sindacato'],
    'user.demographic.sexual_orientation': [
      'gay', 'lesbica', 'lesbiche', 'bisessual*', 'omosessual*', 'eterosessual*', 'transgender', 'transessual*', 'sessuale', 'sessuali', 'sessualita',
    ],
    'user.criminal_history': [
      'casellario giudiziale', 'fedina penale', 'precedenti penali', 'carcere', 'prigione', 'arrestato', 'arrestata', 'condannato', 'condannata',
    ],
  },
  exceptions: ['banca islamica', 'conto islamico'],
};
