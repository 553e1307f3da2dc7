import type { Lexicon } from '../lexicon.ts';

/**
 * Spanish.
 *
 * Left out: "política" (also "policy": "política de devoluciones"),
 * "Cristian"/"cristiano" alone (given names), "oración" (also "sentence"),
 * "cura" (also "cure"), "detenido" (also "stopped": "pago detenido"),
 * "ansiedad" (ordinary worry), "hospital*" as a prefix ("hospitalidad").
 */
export const ES_LEXICON: Lexicon = {
  language: 'es',
  normalization: 'fold',
  boundary: 'word',
  terms: {
    'user.demographic.religious_belief': [
      'religion', 'religiones', 'mi fe', 'religios*', 'musulman*', 'islam', 'islamic*', 'soy cristiano', 'soy cristiana', 'cristianos', 'cristianismo',
      'catolic*', 'evangelic*', 'protestante*', 'judio', 'judia', 'judios', 'judias', 'judaismo', 'hindu', 'hindues', 'budista*', 'ateo', 'atea',
      'iglesia', 'iglesias', 'mezquita*', 'sinagoga*', 'rezar', 'rezo', 'rezando', 'misa', 'halal', 'kosher', 'sacerdote', 'imam', 'rabino', 'biblia',
      'coran', 'bautizo', 'bautismo', 'primera comunion', 'testigo de jehova', 'testigos de jehova',
    ],
    'user.health': [
      'enfermo', 'enferma', 'enfermos', 'enfermas', 'enfermedad*', 'hospital', 'hospitales', 'hospitalizado', 'hospitalizada', 'hospitalizacion',
      'clinica', 'medico', 'medica', 'medicos', 'medicamento*', 'receta medica', 'farmacia', 'cancer', 'diabet*', 'embarazada*', 'embarazo', 'aborto',
      'discapacidad', 'minusvalido*', 'silla de ruedas', 'depresion', 'terapia', 'psiquiatr*', 'psicologo', 'psicologa', 'alergi*', 'baja medica',
      'cirugia', 'gripe', 'fiebre', 'covid positivo',
    ],
    'user.health.genetic': ['prueba de adn', 'test de adn', 'genetic*', 'hereditari*', 'prueba de paternidad'],
    'user.demographic.race_ethnicity': ['racista*', 'racismo', 'racial*', 'etnia', 'etnico', 'etnica', 'color de piel', 'gitano', 'gitana', 'gitanos'],
    'user.demographic.political_opinion': [
      'partido politico', 'opinion politica', 'ideas politicas', 'elecciones', 'votar por', 'vote por', 'vote a', 'ultraderecha', 'extrema derecha',
      'extrema izquierda', 'comunista*', 'socialista*', 'fascista*', 'franquista*', 'independentista*',
    ],
    'user.demographic.union_membership': ['sindicato*', 'sindical*', 'sindicalista*', 'afiliado al sindicato'],
    'user.demographic.sexual_orientation': [
      'gay', 'gays', 'lesbiana*', 'bisexual*', 'homosexual*', 'heterosexual*', 'transgenero*', 'transexual*', 'sexual', 'sexuales', 'sexualidad',
    ],
    'user.criminal_history': ['antecedentes penales', 'carcel', 'prision', 'encarcelado*', 'condenado', 'condenada', 'arrestado*', 'presidiario*'],
  },
  exceptions: ['banco islamico', 'cuenta islamica'],
};
