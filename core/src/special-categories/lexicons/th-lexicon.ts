import type { Lexicon } from '../lexicon.ts';

/**
 * Thai, written without spaces between words, so terms match as substrings
 * and precision comes from choosing long, specific terms plus exceptions for
 * the words that contain them.
 *
 * Left out: "วัด" (temple; also "to measure"), "พระ" (monk; prefix of
 * "พระจันทร์" moon, "พระราชา" king), "หมอ" (doctor; inside "หมอน" pillow,
 * "หมอก" fog), "ยา" (medicine; inside "ยาก" difficult), "ท้อง" (pregnant;
 * also belly), "รถเข็น" (wheelchair; also shopping cart), "ทอม" (inside
 * transliterations), "สหภาพ" alone (Soviet/European Union), "โควิด" alone
 * (news about the pandemic), "ไม่สบาย" (unwell, but also "uncomfortable":
 * "นั่งไม่สบาย" a seat that is uncomfortable).
 */
export const TH_LEXICON: Lexicon = {
  language: 'th',
  normalization: 'exact',
  boundary: 'none',
  terms: {
    'user.demographic.religious_belief': [
      'ศาสนา', 'ชาวพุทธ', 'คริสต์', 'คริสเตียน', 'คาทอลิก', 'อิสลาม', 'มุสลิม', 'มัสยิด', 'ละหมาด', 'โบสถ์', 'ฮาลาล', 'สวดมนต์', 'ไหว้พระ', 'ทำบุญ',
      'ใส่บาตร', 'บวชพระ', 'บวชเณร', 'พระสงฆ์', 'พระภิกษุ', 'ถือศีล', 'กินเจ', 'ไบเบิล', 'อัลกุรอาน', 'ฮิญาบ', 'ฮิจาบ',
    ],
    'user.health': [
      'โรงพยาบาล', 'รพ.', 'ป่วย', 'หาหมอ', 'แพทย์', 'คลินิก', 'มะเร็ง', 'เบาหวาน', 'ความดันสูง', 'ความดันโลหิต', 'ตั้งครรภ์', 'ตั้งท้อง',
      'แท้งลูก', 'พิการ', 'ซึมเศร้า', 'จิตแพทย์', 'ผ่าตัด', 'แพ้ยา', 'กินยา', 'ยารักษา', 'ใบสั่งยา', 'เป็นไข้', 'ไข้หวัด', 'ติดโควิด', 'ติดเชื้อ',
    ],
    'user.health.genetic': ['ดีเอ็นเอ', 'พันธุกรรม'],
    'user.demographic.race_ethnicity': ['เหยียดผิว', 'เหยียดเชื้อชาติ', 'เชื้อชาติ', 'ชาติพันธุ์'],
    'user.demographic.political_opinion': ['การเมือง', 'พรรค', 'เลือกตั้ง', 'ประชาธิปไตย', 'เผด็จการ', 'ฝ่ายค้าน', 'คอมมิวนิสต์'],
    'user.demographic.union_membership': ['สหภาพแรงงาน'],
    'user.demographic.sexual_orientation': ['เกย์', 'เลสเบี้ยน', 'ไบเซ็กชวล', 'รักร่วมเพศ', 'คนข้ามเพศ', 'สาวประเภทสอง', 'กะเทย', 'เพศสัมพันธ์'],
    'user.criminal_history': ['ติดคุก', 'เข้าคุก', 'ประวัติอาชญากรรม', 'นักโทษ', 'ต้องโทษ', 'ถูกจับกุม'],
  },
  exceptions: ['คริสต์มาส', 'ป่วยการ', 'กินยาก', 'พรรคพวก'],
};
