import type { Lexicon } from '../lexicon.ts';

/**
 * Vietnamese, matched with its tones (`exact`): without them words collapse
 * ("đạo" religion, "dao" knife). Text typed without diacritics is therefore
 * not covered; the English lexicon still applies to it.
 *
 * Left out: "đạo" and "chùa" alone ("xài chùa" = use for free), "ăn chay"
 * (vegetarian diet), "sốt" ("sốt ruột" = impatient), "ốm" alone (also thin).
 */
export const VI_LEXICON: Lexicon = {
  language: 'vi',
  normalization: 'exact',
  boundary: 'word',
  terms: {
    'user.demographic.religious_belief': [
      'tôn giáo', 'đạo phật', 'phật giáo', 'phật tử', 'công giáo', 'thiên chúa giáo', 'đạo thiên chúa', 'tin lành', 'đạo tin lành', 'hồi giáo',
      'do thái giáo', 'người do thái', 'nhà thờ', 'đi chùa', 'lên chùa', 'ngôi chùa', 'thánh đường', 'cầu nguyện', 'đi lễ', 'halal', 'linh mục',
      'mục sư', 'nhà sư', 'hòa thượng', 'kinh thánh', 'vô thần', 'theo đạo', 'rửa tội',
    ],
    'user.health': [
      'bệnh viện', 'nằm viện', 'nhập viện', 'bị ốm', 'bị bệnh', 'căn bệnh', 'bệnh nhân', 'phòng khám', 'bác sĩ', 'ung thư', 'tiểu đường', 'huyết áp cao',
      'mang thai', 'có thai', 'có bầu', 'mang bầu', 'sảy thai', 'khuyết tật', 'xe lăn', 'trầm cảm', 'tâm thần', 'điều trị', 'phẫu thuật', 'dị ứng',
      'uống thuốc', 'đơn thuốc', 'bị cúm', 'dương tính',
    ],
    'user.health.genetic': ['xét nghiệm adn', 'xét nghiệm dna', 'di truyền'],
    'user.demographic.race_ethnicity': ['phân biệt chủng tộc', 'chủng tộc', 'dân tộc thiểu số', 'sắc tộc', 'màu da'],
    'user.demographic.political_opinion': ['chính trị', 'đảng phái', 'bầu cử', 'bỏ phiếu', 'cộng sản', 'phản động', 'đối lập'],
    'user.demographic.union_membership': ['công đoàn'],
    'user.demographic.sexual_orientation': ['đồng tính', 'song tính', 'chuyển giới', 'lgbt', 'tình dục'],
    'user.criminal_history': ['tiền án', 'tiền sự', 'ngồi tù', 'nhà tù', 'đi tù', 'bị bắt giam', 'phạm nhân', 'tù nhân', 'lý lịch tư pháp'],
  },
};
