/**
 * Given and family names common in each name pool, combined at random for
 * synthetic customers. Any resemblance of a combination to a real person is
 * coincidence; no list entry names anyone. Entries in a non-Latin script
 * carry the transliteration used for the e-mail address.
 */
export type NameEntry = string | readonly [native: string, latin: string];

export interface NamePool {
  readonly given: readonly NameEntry[];
  readonly family: readonly NameEntry[];
  /** Vietnamese and (formally) Thai-Chinese put the family name first. */
  readonly order: 'given-family' | 'family-given';
}

export const DEMO_NAMES = {
  de: {
    order: 'given-family',
    given: ['Lena', 'Jonas', 'Mia', 'Lukas', 'Hannah', 'Felix', 'Leonie', 'Paul', 'Sophie', 'Maximilian', 'Laura', 'Tobias', 'Katharina', 'Niklas', 'Anna', 'Florian', 'Julia', 'Stefan', 'Sabine', 'Jürgen'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann'],
  },
  fr: {
    order: 'given-family',
    given: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Gabriel', 'Manon', 'Arthur', 'Inès', 'Jules', 'Élodie', 'Théo', 'Sarah', 'Nathan', 'Margaux', 'Mathis', 'Juliette', 'Antoine', 'Océane', 'Benoît'],
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier'],
  },
  es: {
    order: 'given-family',
    given: ['Lucía', 'Hugo', 'Martina', 'Mateo', 'Sofía', 'Alejandro', 'Paula', 'Daniel', 'Valeria', 'Pablo', 'Carmen', 'Álvaro', 'Julia', 'Javier', 'Elena', 'Adrián', 'Nerea', 'Sergio', 'Irene', 'Iñaki'],
    family: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Navarro', 'Torres'],
  },
  it: {
    order: 'given-family',
    given: ['Giulia', 'Francesco', 'Sofia', 'Alessandro', 'Aurora', 'Lorenzo', 'Ginevra', 'Matteo', 'Alice', 'Leonardo', 'Chiara', 'Andrea', 'Martina', 'Riccardo', 'Elisa', 'Davide', 'Federica', 'Niccolò', 'Beatrice', 'Tommaso'],
    family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti'],
  },
  pt: {
    order: 'given-family',
    given: ['Maria', 'João', 'Beatriz', 'Rodrigo', 'Leonor', 'Tomás', 'Matilde', 'Duarte', 'Inês', 'Gonçalo', 'Carolina', 'Francisco', 'Mariana', 'Afonso', 'Ana', 'Tiago', 'Sofia', 'Diogo', 'Catarina', 'Rui'],
    family: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins', 'Jesus', 'Sousa', 'Fernandes', 'Gonçalves', 'Gomes', 'Lopes', 'Marques', 'Alves', 'Almeida', 'Ribeiro', 'Pinto', 'Carvalho'],
  },
  'en-IE': {
    order: 'given-family',
    given: ['Aoife', 'Seán', 'Niamh', 'Conor', 'Ciara', 'Darragh', 'Emma', 'Jack', 'Saoirse', 'Cian', 'Grace', 'Oisín', 'Róisín', 'James', 'Sarah', 'Liam', 'Chloe', 'Eoin', 'Orla', 'Daniel'],
    family: ['Murphy', 'Kelly', "O'Sullivan", 'Walsh', 'Smith', "O'Brien", 'Byrne', 'Ryan', "O'Connor", "O'Neill", 'Reilly', 'Doyle', 'McCarthy', 'Gallagher', 'Doherty', 'Kennedy', 'Lynch', 'Murray', 'Quinn', 'Moore'],
  },
  'en-SG': {
    order: 'given-family',
    given: ['Wei Ling', 'Jun Hao', 'Hui Min', 'Zhi Wei', 'Rachel', 'Marcus', 'Priya', 'Arjun', 'Nurul', 'Hafiz', 'Shu Fen', 'Kai Xiang', 'Jasmine', 'Ryan', 'Siti', 'Ravi', 'Mei Ling', 'Darren', 'Aisyah', 'Bryan'],
    family: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Chan', 'Koh', 'Teo', 'Ang', 'Yeo', 'Tay', 'Ho', 'Low', 'Kumar', 'Nair', 'Rahman', 'Ismail'],
  },
  th: {
    order: 'given-family',
    given: [['สมชาย', 'Somchai'], ['สมศรี', 'Somsri'], ['ณัฐพล', 'Nattapon'], ['ศิริพร', 'Siriporn'], ['ธนากร', 'Thanakorn'], ['กมลวรรณ', 'Kamonwan'], ['วีระพงษ์', 'Weerapong'], ['พิมพ์ชนก', 'Pimchanok'], ['อนุชา', 'Anucha'], ['สุภาวดี', 'Supawadee'], ['ปิยะพงษ์', 'Piyapong'], ['นภัสสร', 'Napatsorn'], ['ชัยวัฒน์', 'Chaiwat'], ['วรรณา', 'Wanna'], ['กิตติพงษ์', 'Kittipong'], ['อรุณี', 'Arunee']],
    family: [['ใจดี', 'Jaidee'], ['ศรีสุข', 'Srisuk'], ['วงศ์สวัสดิ์', 'Wongsawat'], ['แสงทอง', 'Saengthong'], ['บุญมา', 'Boonma'], ['สุขสวัสดิ์', 'Suksawat'], ['ทองดี', 'Thongdee'], ['รัตนพันธ์', 'Rattanapan'], ['ชัยประเสริฐ', 'Chaiprasert'], ['พรหมมา', 'Promma'], ['กิตติศักดิ์', 'Kittisak'], ['มณีรัตน์', 'Maneerat'], ['ศักดิ์ดี', 'Sakdee'], ['เพชรสุวรรณ', 'Phetsuwan']],
  },
  id: {
    order: 'given-family',
    given: ['Putri', 'Budi', 'Siti', 'Agus', 'Dewi', 'Rizky', 'Ayu', 'Andi', 'Fitri', 'Dimas', 'Intan', 'Hendra', 'Nur', 'Eko', 'Ratna', 'Bayu', 'Wulan', 'Arif', 'Indah', 'Yoga'],
    family: ['Santoso', 'Wijaya', 'Saputra', 'Hidayat', 'Pratama', 'Kusuma', 'Nugroho', 'Lestari', 'Setiawan', 'Rahmawati', 'Siregar', 'Harahap', 'Simanjuntak', 'Gunawan', 'Wibowo', 'Sari', 'Halim', 'Susanto', 'Utami', 'Purnomo'],
  },
  ms: {
    order: 'given-family',
    given: ['Nur Aisyah', 'Muhammad Haziq', 'Siti Nurhaliza', 'Ahmad Faiz', 'Nurul Izzah', 'Amirul', 'Farah', 'Syafiq', 'Aina', 'Hakim', 'Balqis', 'Danial', 'Sofea', 'Irfan', 'Alya', 'Zulkifli'],
    family: ['bin Abdullah', 'binti Ismail', 'bin Hassan', 'binti Ahmad', 'bin Rahman', 'binti Yusof', 'bin Ibrahim', 'binti Omar', 'bin Salleh', 'binti Razak', 'bin Hamid', 'binti Aziz'],
  },
  vi: {
    order: 'family-given',
    given: ['Văn An', 'Thị Lan', 'Minh Anh', 'Ngọc Hân', 'Đức Minh', 'Thanh Hương', 'Quốc Bảo', 'Thu Trang', 'Hoàng Long', 'Bảo Ngọc', 'Gia Huy', 'Phương Linh', 'Tuấn Kiệt', 'Khánh Vy', 'Văn Hùng', 'Thị Mai'],
    family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'],
  },
  ar: {
    order: 'given-family',
    given: [['محمد', 'Mohammed'], ['فاطمة', 'Fatima'], ['أحمد', 'Ahmed'], ['مريم', 'Maryam'], ['عبدالله', 'Abdullah'], ['نورة', 'Noura'], ['خالد', 'Khalid'], ['سارة', 'Sara'], ['عمر', 'Omar'], ['ريم', 'Reem'], ['يوسف', 'Yousef'], ['لطيفة', 'Latifa'], ['سلطان', 'Sultan'], ['هند', 'Hind'], ['فيصل', 'Faisal'], ['شيخة', 'Shaikha'], ['راشد', 'Rashid'], ['دانة', 'Dana']],
    family: [['الكعبي', 'Al Kaabi'], ['المنصوري', 'Al Mansoori'], ['الشامسي', 'Al Shamsi'], ['العتيبي', 'Al Otaibi'], ['القحطاني', 'Al Qahtani'], ['الغامدي', 'Al Ghamdi'], ['الزهراني', 'Al Zahrani'], ['الحربي', 'Al Harbi'], ['النعيمي', 'Al Nuaimi'], ['الظاهري', 'Al Dhaheri'], ['الدوسري', 'Al Dosari'], ['السبيعي', 'Al Subaie'], ['المهيري', 'Al Muhairi'], ['الشهري', 'Al Shehri']],
  },
} as const satisfies Readonly<Record<string, NamePool>>;

export type NamePoolId = keyof typeof DEMO_NAMES;
