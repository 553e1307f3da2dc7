import type { Lexicon } from '../lexicon.ts';

/**
 * French.
 *
 * Left out: "politique" (also "policy": "politique de remboursement"),
 * "prier" ("je vous prie de" = please), "jeûne"/"jeune" (young), "voile"
 * (sail), "messe" (a German word for trade fair), "pasteur" (a surname),
 * bare "enceinte" ("enceinte Bluetooth" = speaker: only first-person phrases
 * and "grossesse" count).
 */
export const FR_LEXICON: Lexicon = {
  language: 'fr',
  normalization: 'fold',
  boundary: 'word',
  terms: {
    'user.demographic.religious_belief': [
      'religion', 'religions', 'religieux', 'religieuse', 'religieuses', 'musulman*', 'islam', 'islamique*', 'chretien*', 'catholique*', 'protestant*',
      'juif', 'juive', 'juifs', 'juives', 'judaisme', 'hindou*', 'bouddhist*', 'athee', 'athees', 'eglise', 'eglises', 'mosquee*', 'synagogue*',
      'priere', 'prieres', 'halal', 'casher', 'kasher', 'pretre', 'imam', 'rabbin', 'bible', 'coran', 'bapteme', 'baptise', 'premiere communion',
      'temoin de jehovah', 'temoins de jehovah',
    ],
    'user.health': [
      'malade', 'malades', 'maladie*', 'hopital', 'hopitaux', 'hospitalise*', 'hospitalisation', 'clinique', 'medecin*', 'medical*', 'medicament*',
      'ordonnance', 'pharmacie', 'cancer', 'diabet*', 'suis enceinte', 'est enceinte', 'etant enceinte', 'tombee enceinte', 'grossesse', 'fausse couche',
      'handicap', 'handicape*', 'fauteuil roulant', 'depression', 'therapie', 'psychiatr*', 'psychologue', 'allergi*', 'arret de travail', 'chirurgie',
      'blesse', 'blessee', 'blesses', 'grippe', 'fievre', 'covid positif', 'sclerose', 'alzheimer',
    ],
    'user.health.genetic': ['test adn', 'test genetique', 'genetique*', 'hereditaire*', 'test de paternite'],
    'user.demographic.race_ethnicity': ['raciste*', 'racisme', 'racial*', 'ethnique*', 'origine ethnique', 'couleur de peau'],
    'user.demographic.political_opinion': [
      'parti politique', 'opinion politique', 'opinions politiques', 'election', 'elections', 'voter pour', 'vote pour', "j'ai vote", 'extreme droite',
      'extreme gauche', 'communiste*', 'socialiste*', 'fasciste*', 'militant politique', 'homme politique', 'femme politique',
    ],
    'user.demographic.union_membership': ['syndicat', 'syndicats', 'syndical*', 'syndique', 'syndiquee', 'syndiques'],
    'user.demographic.sexual_orientation': [
      'gay', 'gays', 'lesbienne*', 'bisexuel*', 'homosexuel*', 'heterosexuel*', 'transgenre*', 'sexuel', 'sexuelle', 'sexuels', 'sexuelles', 'sexualite',
    ],
    'user.criminal_history': ['casier judiciaire', 'prison', 'incarcere*', 'condamne pour', 'garde a vue', 'ex detenu'],
  },
  exceptions: ['priere de', 'banque islamique', 'compte islamique', 'syndicat de copropriete', 'syndic de copropriete'],
};
