import type { Lexicon } from '../lexicon.ts';

/**
 * Portuguese (European and Brazilian).
 *
 * Left out: "política" (also "policy"), "padre" (Spanish and Italian for
 * "father"), "pastor" (a shepherd, a dog breed), "culto" (also
 * "educated"), "preso" ("cartão preso" = card stuck), "cadeia" (also
 * "chain"), "remédio" (Spanish "no hay remedio"), "deficiência" (Spanish
 * "deficiencia" = defect). "prisão de ventre" (constipation) is health and,
 * being longer, wins over "prisão".
 */
export const PT_LEXICON: Lexicon = {
  language: 'pt',
  normalization: 'fold',
  boundary: 'word',
  terms: {
    'user.demographic.religious_belief': [
      'religiao', 'religioes', 'minha fe', 'religios*', 'muculman*', 'islamismo', 'islam', 'islamic*', 'cristao', 'crista', 'cristaos', 'cristas', 'cristianismo',
      'catolic*', 'evangelic*', 'protestante*', 'judeu', 'judia', 'judeus', 'judaismo', 'hindu', 'budist*', 'ateu', 'ateia', 'igreja', 'igrejas',
      'mesquita', 'sinagoga', 'rezar', 'rezo', 'orar', 'oracao', 'oracoes', 'missa', 'halal', 'kosher', 'sacerdote', 'imam', 'rabino', 'biblia',
      'alcorao', 'batismo', 'batizado', 'primeira comunhao', 'umbanda', 'candomble', 'espirita', 'testemunha de jeova', 'testemunhas de jeova',
    ],
    'user.health': [
      'doente', 'doentes', 'doenca', 'doencas', 'hospital', 'hospitais', 'hospitalizado', 'hospitalizada', 'internado no hospital', 'clinica', 'medico',
      'medica', 'medicamento*', 'receita medica', 'farmacia', 'cancer', 'diabet*', 'gravida', 'gravidez', 'aborto espontaneo', 'pessoa com deficiencia',
      'cadeira de rodas', 'depressao', 'terapia', 'psiquiatr*', 'psicologo', 'psicologa', 'alergi*', 'cirurgia', 'gripe', 'febre',
      'atestado medico', 'baixa medica', 'prisao de ventre', 'covid positivo',
    ],
    'user.health.genetic': ['teste de dna', 'exame de dna', 'genetic*', 'hereditari*', 'teste de paternidade'],
    'user.demographic.race_ethnicity': ['racista*', 'racismo', 'racial*', 'etnia', 'etnico', 'etnica', 'cor da pele', 'cigano', 'cigana', 'ciganos'],
    'user.demographic.political_opinion': [
      'partido politico', 'opiniao politica', 'eleicao', 'eleicoes', 'votei', 'votar em', 'extrema direita', 'extrema esquerda', 'comunista*', 'socialista*',
      'fascista*',
    ],
    'user.demographic.union_membership': ['sindicato*', 'sindical*', 'sindicalizado*'],
    'user.demographic.sexual_orientation': [
      'gay', 'gays', 'lesbica*', 'bissexual*', 'homossexual*', 'heterossexual*', 'transgenero*', 'transexual*', 'sexual', 'sexuais', 'sexualidade',
    ],
    'user.criminal_history': ['antecedentes criminais', 'ficha criminal', 'registo criminal', 'prisao', 'presidio', 'encarcerado*', 'condenado', 'condenada', 'presidiario*'],
  },
  exceptions: ['banco islamico', 'conta islamica'],
};
