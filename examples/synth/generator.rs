//! Deterministic synthetic plans: N programs × M kegiatan with Indonesian prose and table data,
//! valid for `renja check`, derived from a seed alone.
//!
//! Shared by `examples/synth.rs` (the command) and `benches/stages.rs` (through `#[path]`), so
//! the benchmarks measure exactly the plans the command writes.

#![allow(dead_code)]

use serde_json::{Value, json};

/// A small, fast, well-mixed generator (SplitMix64): the same seed always gives the same plan.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: unbiased enough for test data and free of division.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub program: usize,
    pub kegiatan: usize,
    pub seed: u64,
}

/// The rows of Tabel 2.1, 2.2, 2.3, 3.1 and 4.1 of a plan: one per program, kegiatan or
/// sub-kegiatan (Tabel 2.2 also one per Indikator Kinerja Utama); headings and totals are not
/// counted.
pub fn table_rows(plan: &Value) -> usize {
    let count = |items: &Value, below: &dyn Fn(&Value) -> usize| -> usize {
        items.as_array().map_or(0, |items| items.iter().map(|item| 1 + below(item)).sum())
    };
    let nested = |items: &Value| -> usize {
        count(items, &|program| count(&program["kegiatan"], &|k| k["sub_kegiatan"].as_array().map_or(0, Vec::len)))
    };
    let rencana = nested(&plan["rencana"]["program"]);
    let evaluasi = nested(&plan["evaluasi"]["program"]);
    let iku = plan["kinerja_pelayanan"]["indikator_utama"].as_array().map_or(0, Vec::len);
    let kinerja = iku + nested(&plan["kinerja_pelayanan"]["program"]);
    evaluasi + kinerja + 3 * rencana
}

/// Program and kegiatan counts that give about `rows` table rows (M = 9 kegiatan per program,
/// the size of a typical Perangkat Daerah program).
pub fn shape_for_rows(rows: usize) -> (usize, usize) {
    let kegiatan = 9;
    let program = (rows as f64 / (5.0 * (kegiatan as f64 + 1.0))).round().max(1.0) as usize;
    (program, kegiatan)
}

// ---------------------------------------------------------------------------------------------
// Word banks

const PEMDA: &[(&str, &str, &str)] = &[
    // (pemda, kepala daerah, ibu kota / tempat penandatanganan)
    ("Kabupaten Malang", "Bupati Malang", "Kepanjen"),
    ("Kabupaten Sleman", "Bupati Sleman", "Sleman"),
    ("Kabupaten Banyuwangi", "Bupati Banyuwangi", "Banyuwangi"),
    ("Kabupaten Gowa", "Bupati Gowa", "Sungguminasa"),
    ("Kabupaten Lombok Timur", "Bupati Lombok Timur", "Selong"),
    ("Kabupaten Kutai Kartanegara", "Bupati Kutai Kartanegara", "Tenggarong"),
    ("Kota Batu", "Wali Kota Batu", "Batu"),
    ("Kota Padang", "Wali Kota Padang", "Padang"),
    ("Kota Pontianak", "Wali Kota Pontianak", "Pontianak"),
    ("Kota Kupang", "Wali Kota Kupang", "Kupang"),
];

const PERANGKAT_DAERAH: &[(&str, &str, &str)] = &[
    // (nama, urusan kode, urusan nama)
    ("Dinas Kesehatan", "1.02", "Urusan Pemerintahan Bidang Kesehatan"),
    ("Dinas Pendidikan dan Kebudayaan", "1.01", "Urusan Pemerintahan Bidang Pendidikan"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "1.03", "Urusan Pemerintahan Bidang Pekerjaan Umum dan Penataan Ruang"),
    ("Dinas Sosial", "1.06", "Urusan Pemerintahan Bidang Sosial"),
    ("Dinas Lingkungan Hidup", "2.11", "Urusan Pemerintahan Bidang Lingkungan Hidup"),
    ("Dinas Komunikasi dan Informatika", "2.16", "Urusan Pemerintahan Bidang Komunikasi dan Informatika"),
    ("Dinas Pertanian dan Ketahanan Pangan", "3.27", "Urusan Pemerintahan Bidang Pertanian"),
    ("Badan Perencanaan Pembangunan Daerah", "5.01", "Perencanaan"),
];

const NAMA_DEPAN: &[&str] =
    &["AHMAD", "SITI", "BUDI", "DEWI", "HARI", "RINA", "AGUS", "ENDANG", "YUSUF", "NURUL", "BAMBANG", "WAHYU"];
const NAMA_BELAKANG: &[&str] =
    &["SANTOSO", "RAHAYU", "SETIAWAN", "HIDAYAT", "KURNIAWAN", "LESTARI", "PRASETYO", "WIBOWO", "HASANAH", "SAPUTRA"];

const PROGRAM: &[(&str, &str)] = &[
    // (nama program, indikator outcome in %)
    (
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "Persentase pemenuhan layanan administrasi dan operasional perkantoran",
    ),
    (
        "Program Peningkatan Kapasitas Sumber Daya Aparatur",
        "Persentase aparatur yang memenuhi standar kompetensi jabatan",
    ),
    (
        "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
        "Persentase dokumen perencanaan yang ditetapkan tepat waktu",
    ),
    (
        "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        "Persentase fasilitas pelayanan kesehatan yang terakreditasi",
    ),
    ("Program Pengelolaan Pendidikan", "Angka partisipasi murni pendidikan dasar"),
    ("Program Penyelenggaraan Jalan", "Persentase panjang jalan kabupaten dalam kondisi mantap"),
    ("Program Pengelolaan Sumber Daya Air", "Persentase daerah irigasi dalam kondisi baik"),
    ("Program Perlindungan dan Jaminan Sosial", "Persentase penyandang masalah kesejahteraan sosial yang tertangani"),
    ("Program Pengendalian Pencemaran dan Kerusakan Lingkungan Hidup", "Persentase sampah yang terkelola"),
    ("Program Pengelolaan Aplikasi Informatika", "Persentase layanan publik yang terintegrasi secara elektronik"),
    (
        "Program Penyediaan dan Pengembangan Sarana Pertanian",
        "Persentase kelompok tani yang menerima bantuan sarana produksi",
    ),
    ("Program Pemberdayaan Masyarakat Desa", "Persentase desa berstatus mandiri dan maju"),
    ("Program Peningkatan Kualitas Pelayanan Publik", "Indeks kepuasan masyarakat terhadap pelayanan publik"),
    ("Program Pengembangan Ekonomi Kreatif", "Persentase pelaku ekonomi kreatif yang meningkat omzetnya"),
];

/// (nama kegiatan, indikator output, satuan, min, max, kumulatif)
const KEGIATAN: &[(&str, &str, &str, u64, u64, bool)] = &[
    (
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Jumlah dokumen perencanaan perangkat daerah yang tersusun",
        "Dokumen",
        2,
        8,
        true,
    ),
    ("Administrasi Keuangan Perangkat Daerah", "Jumlah bulan pelayanan gaji dan tunjangan ASN", "Bulan", 12, 12, true),
    ("Penyediaan Jasa Surat Menyurat", "Jumlah registrasi surat masuk dan surat keluar", "Surat", 600, 2400, true),
    (
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        "Jumlah kendaraan dinas dan gedung kantor yang dipelihara",
        "Unit",
        8,
        60,
        true,
    ),
    (
        "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
        "Jumlah pegawai yang mengikuti pendidikan dan pelatihan",
        "Orang",
        10,
        120,
        true,
    ),
    (
        "Penyelenggaraan Musyawarah Perencanaan Pembangunan",
        "Jumlah forum musyawarah perencanaan yang diselenggarakan",
        "Kegiatan",
        2,
        24,
        true,
    ),
    (
        "Monitoring dan Evaluasi Pelaksanaan Rencana Kerja",
        "Jumlah laporan monitoring dan evaluasi kinerja",
        "Laporan",
        4,
        12,
        true,
    ),
    ("Rehabilitasi Gedung Puskesmas Pembantu", "Jumlah Puskesmas Pembantu yang direhabilitasi", "Unit", 1, 12, true),
    (
        "Pelatihan Kader Posyandu",
        "Jumlah kader Posyandu yang dilatih tentang pemantauan pertumbuhan balita",
        "Orang",
        30,
        400,
        true,
    ),
    (
        "Pengadaan Obat dan Bahan Medis Habis Pakai",
        "Persentase ketersediaan obat esensial di Puskesmas",
        "%",
        80,
        100,
        false,
    ),
    (
        "Penyediaan Biaya Operasional Sekolah Daerah",
        "Jumlah peserta didik penerima bantuan operasional",
        "Siswa",
        800,
        9000,
        true,
    ),
    ("Pembangunan Ruang Kelas Baru", "Jumlah ruang kelas baru yang dibangun", "Ruang", 2, 30, true),
    ("Peningkatan Jalan Kabupaten", "Panjang jalan kabupaten yang ditingkatkan", "Km", 2, 45, true),
    ("Rehabilitasi Jaringan Irigasi Tersier", "Luas daerah irigasi yang direhabilitasi", "Ha", 50, 1200, true),
    (
        "Penyaluran Bantuan Sosial bagi Keluarga Miskin",
        "Jumlah keluarga miskin penerima bantuan sosial",
        "KK",
        100,
        3500,
        true,
    ),
    (
        "Pengelolaan Sampah Terpadu Berbasis Masyarakat",
        "Persentase sampah rumah tangga yang terangkut ke TPA",
        "%",
        55,
        95,
        false,
    ),
    (
        "Pengembangan Layanan Aplikasi Pemerintahan Berbasis Elektronik",
        "Jumlah aplikasi layanan publik yang terintegrasi",
        "Aplikasi",
        2,
        20,
        true,
    ),
    (
        "Penyediaan Benih dan Pupuk Bersubsidi",
        "Jumlah kelompok tani penerima benih dan pupuk",
        "Kelompok",
        10,
        160,
        true,
    ),
    ("Pendampingan Badan Usaha Milik Desa", "Jumlah BUMDes yang didampingi", "BUMDes", 5, 80, true),
    (
        "Survei Kepuasan Masyarakat",
        "Jumlah unit layanan yang disurvei kepuasan masyarakatnya",
        "Unit Layanan",
        4,
        40,
        true,
    ),
    ("Fasilitasi Kerja Sama Daerah", "Jumlah naskah kerja sama daerah yang ditandatangani", "Naskah", 3, 40, true),
    (
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "Jumlah bulan penyediaan jasa komunikasi, air dan listrik kantor",
        "Bulan",
        12,
        12,
        true,
    ),
];

const LOKASI: &[&str] = &[
    "Kecamatan Kepanjen",
    "Kecamatan Singosari",
    "Kecamatan Lawang",
    "Kecamatan Dau",
    "Kecamatan Pakis",
    "Kecamatan Tumpang",
    "Kecamatan Turen",
    "Kecamatan Dampit",
    "Kecamatan Bululawang",
    "Kecamatan Karangploso",
    "Seluruh Kecamatan",
];

const SUMBER_DANA: &[&str] =
    &["DAU", "PAD", "DAK Fisik", "DAK Non Fisik", "DAU, PAD", "BLUD", "Bantuan Keuangan Provinsi"];

const CATATAN: &[&str] = &[
    "Kegiatan yang Responsif Gender",
    "Mendukung percepatan penurunan stunting",
    "Prioritas pembangunan daerah",
    "Mendukung Standar Pelayanan Minimal",
    "Lanjutan tahun sebelumnya",
];

const ASAS: &[&str] = &[
    "Asas Kepastian Hukum, yaitu asas yang mengutamakan landasan peraturan perundang-undangan, kepatutan, dan keadilan dalam setiap kebijakan penyelenggara negara;",
    "Asas Tertib Penyelenggara Negara, yaitu asas yang menjadi landasan keteraturan, keserasian, dan keseimbangan dalam pengendalian penyelenggara negara;",
    "Asas Kepentingan Umum, yaitu asas yang mendahulukan kesejahteraan umum dengan cara yang aspiratif, akomodatif, dan selektif;",
    "Asas Keterbukaan, yaitu asas yang membuka diri terhadap hak masyarakat untuk memperoleh informasi yang benar, jujur, dan tidak diskriminatif;",
    "Asas Proporsionalitas, yaitu asas yang mengutamakan keseimbangan antara hak dan kewajiban penyelenggara negara;",
    "Asas Profesionalitas, yaitu asas yang mengutamakan keahlian yang berlandaskan kode etik dan ketentuan peraturan perundang-undangan;",
    "Asas Akuntabilitas, yaitu asas yang menentukan bahwa setiap kegiatan dan hasil akhir kegiatan penyelenggara negara harus dapat dipertanggungjawabkan kepada masyarakat;",
    "Asas Efisiensi, yaitu asas yang berorientasi pada minimalisasi penggunaan sumber daya untuk mencapai hasil kerja yang terbaik;",
    "Asas Efektivitas, yaitu asas yang berorientasi pada tujuan yang tepat guna dan berdaya guna;",
    "Asas Keadilan, yaitu bahwa setiap tindakan dalam penyelenggaraan negara harus mencerminkan keadilan secara proporsional bagi setiap warga negara.",
];

const REGULASI: &[&str] = &[
    "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara;",
    "Undang-Undang Nomor 1 Tahun 2004 tentang Perbendaharaan Negara;",
    "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional;",
    "Undang-Undang Nomor 17 Tahun 2007 tentang Rencana Pembangunan Jangka Panjang Nasional Tahun 2005–2025;",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah diubah beberapa kali;",
    "Peraturan Pemerintah Nomor 8 Tahun 2008 tentang Tahapan, Tata Cara Penyusunan, Pengendalian, dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah;",
    "Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah;",
    "Peraturan Pemerintah Nomor 2 Tahun 2018 tentang Standar Pelayanan Minimal;",
    "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah;",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah;",
    "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah;",
    "Peraturan Daerah tentang Rencana Pembangunan Jangka Menengah Daerah;",
    "Peraturan Daerah tentang Pembentukan dan Susunan Perangkat Daerah;",
    "Peraturan Kepala Daerah tentang Rencana Kerja Pemerintah Daerah.",
];

const KALIMAT: &[&str] = &[
    "Perencanaan pembangunan daerah disusun secara sistematis, terarah, terpadu, dan berkelanjutan untuk menjamin keterkaitan antara perencanaan, penganggaran, pelaksanaan, dan pengawasan.",
    "Penyusunan dokumen ini memadukan pendekatan teknokratis, partisipatif, politis, serta *top-down* dan *bottom-up* agar program yang dirumuskan sesuai dengan kebutuhan masyarakat.",
    "Keterbatasan kapasitas fiskal daerah menuntut setiap perangkat daerah menetapkan prioritas secara cermat dan memastikan setiap rupiah anggaran menghasilkan keluaran yang terukur.",
    "Koordinasi lintas perangkat daerah terus diperkuat melalui forum perangkat daerah, rapat koordinasi teknis, dan pertemuan berkala dengan para pemangku kepentingan (*stakeholders*).",
    "Capaian kinerja tahun sebelumnya menjadi dasar penetapan target tahun rencana, dengan memperhatikan faktor pendorong dan penghambat yang dihadapi selama pelaksanaan.",
    "Pemanfaatan teknologi informasi dalam perencanaan dan penganggaran meningkatkan transparansi serta memudahkan pengendalian dan evaluasi pelaksanaan program.",
    "Kualitas sumber daya aparatur masih perlu ditingkatkan, terutama pada kompetensi teknis perencanaan, pengelolaan keuangan, dan pengelolaan data kinerja.",
    "Partisipasi masyarakat diwujudkan melalui musyawarah perencanaan pembangunan di tingkat desa, kecamatan, dan kabupaten yang menghasilkan usulan prioritas.",
    "Sinkronisasi program dengan prioritas nasional dan provinsi dilakukan agar sumber pendanaan dari berbagai tingkat pemerintahan saling melengkapi.",
    "Pelaksanaan kegiatan fisik dijadwalkan sejak awal tahun anggaran sehingga pengadaan barang dan jasa dapat diselesaikan tepat waktu.",
    "Hasil evaluasi menunjukkan bahwa sebagian besar target kinerja telah tercapai, meskipun beberapa kegiatan masih memerlukan perbaikan mekanisme pelaksanaan.",
    "Penerapan prinsip tata kelola pemerintahan yang baik (*good governance*) menjadi landasan dalam setiap tahap penyelenggaraan pemerintahan daerah.",
    "Data dan informasi pembangunan yang akurat dan mutakhir sangat diperlukan untuk merumuskan kebijakan yang tepat sasaran.",
    "Pengendalian pelaksanaan rencana kerja dilakukan setiap triwulan untuk memastikan kesesuaian antara realisasi fisik dan realisasi keuangan.",
    "Inovasi pelayanan publik didorong agar masyarakat memperoleh layanan yang lebih cepat, mudah, terjangkau, dan terukur.",
    "Peningkatan kualitas belanja daerah diarahkan pada belanja yang produktif dan berdampak langsung pada kesejahteraan masyarakat.",
];

const ISU: &[&str] = &[
    "belum optimalnya kualitas data kinerja sebagai dasar perencanaan;",
    "terbatasnya jumlah dan kompetensi sumber daya aparatur pada bidang teknis;",
    "belum meratanya kualitas sarana dan prasarana pelayanan antarwilayah;",
    "masih adanya keterlambatan pelaksanaan kegiatan fisik akibat proses pengadaan;",
    "rendahnya integrasi sistem informasi antarperangkat daerah;",
    "meningkatnya tuntutan masyarakat terhadap pelayanan publik yang cepat dan transparan;",
    "terbatasnya kapasitas fiskal daerah dibandingkan kebutuhan pembangunan;",
    "belum optimalnya peran serta dunia usaha dan masyarakat dalam pembangunan.",
];

// ---------------------------------------------------------------------------------------------
// Prose

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    let mut used: Vec<usize> = Vec::with_capacity(sentences);
    let mut out = String::new();
    while used.len() < sentences.min(KALIMAT.len()) {
        let i = rng.below(KALIMAT.len() as u64) as usize;
        if used.contains(&i) {
            continue;
        }
        used.push(i);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(KALIMAT[i]);
    }
    out
}

fn paragraphs(rng: &mut Rng, count: usize) -> Vec<String> {
    (0..count)
        .map(|_| {
            let n = rng.range(3, 5) as usize;
            paragraph(rng, n)
        })
        .collect()
}

fn numbered(items: &[&str]) -> String {
    items.iter().enumerate().map(|(i, item)| format!("{}. {item}", i + 1)).collect::<Vec<_>>().join("\n")
}

fn join(blocks: Vec<String>) -> String {
    blocks.into_iter().filter(|b| !b.is_empty()).collect::<Vec<_>>().join("\n\n")
}

/// Prose fields must stay far below the 20,000-character cell limit.
const PROSA_MAKS: usize = 15_000;

fn capped(blocks: Vec<String>) -> String {
    let mut kept = Vec::new();
    let mut length = 0;
    for block in blocks {
        if length + block.len() > PROSA_MAKS {
            break;
        }
        length += block.len() + 2;
        kept.push(block);
    }
    join(kept)
}

// ---------------------------------------------------------------------------------------------
// The plan

/// One kegiatan drawn from the bank, with its figures.
struct Keg {
    kode: String,
    nama: &'static str,
    indikator: &'static str,
    satuan: &'static str,
    kumulatif: bool,
    target: u64,
    pagu: u64,
    lokasi: &'static str,
    sumber_dana: &'static str,
}

fn rupiah_round(value: u64) -> u64 {
    // Budgets are planned in thousands of rupiah.
    value / 1000 * 1000
}

/// Generates a plan.
pub fn generate(options: Options) -> Value {
    let Options { program: n_program, kegiatan: n_kegiatan, seed } = options;
    let n_program = n_program.max(1);
    let n_kegiatan = n_kegiatan.clamp(1, 99);
    let mut rng = Rng::new(seed);
    let (pemda, kepala, tempat) = *rng.pick(PEMDA);
    let (pd_nama, urusan_kode, urusan_nama) = *rng.pick(PERANGKAT_DAERAH);
    let tahun = 2019 + rng.below(7) as i64;
    let awal = tahun - 1 - rng.below(3) as i64;
    let periode = (awal, awal + 5);
    let desimal = rng.below(2);
    let jenis_urusan_kode = urusan_kode.split('.').next().unwrap_or("1");
    let jenis_urusan = match jenis_urusan_kode {
        "1" => "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
        "2" => "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar",
        "3" => "Urusan Pemerintahan Pilihan",
        _ => "Unsur Pendukung Urusan Pemerintahan",
    };

    // The plan of year n, with its figures; every other table derives from the same draw.
    let mut programs: Vec<(String, &'static str, &'static str, Vec<Keg>)> = Vec::new();
    let mut offset = rng.below(KEGIATAN.len() as u64) as usize;
    for p in 0..n_program {
        let (nama, indikator) = PROGRAM[(p + seed as usize) % PROGRAM.len()];
        let kode = format!("{urusan_kode}.{:02}", p + 1);
        let mut kegiatan = Vec::with_capacity(n_kegiatan);
        for k in 0..n_kegiatan {
            let (k_nama, k_indikator, satuan, lo, hi, kumulatif) = KEGIATAN[(offset + k) % KEGIATAN.len()];
            kegiatan.push(Keg {
                kode: format!("{kode}.2.{:02}", k + 1),
                nama: k_nama,
                indikator: k_indikator,
                satuan,
                kumulatif,
                target: rng.range(lo, hi),
                pagu: rupiah_round(rng.range(25_000_000, 2_500_000_000)),
                lokasi: rng.pick::<&str>(LOKASI),
                sumber_dana: rng.pick::<&str>(SUMBER_DANA),
            });
        }
        offset += n_kegiatan % KEGIATAN.len() + 1;
        programs.push((kode, nama, indikator, kegiatan));
    }

    let rencana_program: Vec<Value> = programs
        .iter()
        .map(|(kode, nama, indikator, kegiatan)| {
            let items: Vec<Value> = kegiatan
                .iter()
                .map(|k| {
                    let maju =
                        (k.target + rng.range(0, k.target / 10 + 1)).min(if k.satuan == "%" { 100 } else { u64::MAX });
                    let mut item = json!({
                        "kode": k.kode,
                        "nama": k.nama,
                        "indikator": k.indikator,
                        "satuan": k.satuan,
                        "target": k.target,
                        "lokasi": k.lokasi,
                        "pagu": k.pagu,
                        "sumber_dana": k.sumber_dana,
                        "target_maju": maju,
                        "pagu_maju": rupiah_round(k.pagu + k.pagu * rng.range(0, 15) / 100),
                        "rkpd": { "pagu": rupiah_round(k.pagu + k.pagu * rng.range(0, 20) / 100) },
                    });
                    if rng.chance(15) {
                        item["catatan"] = json!(*rng.pick(CATATAN));
                    }
                    if rng.chance(30) {
                        item["hasil_analisis"] = json!({ "lokasi": pemda });
                    }
                    item
                })
                .collect();
            json!({
                "kode": kode,
                "nama": nama,
                "indikator": indikator,
                "satuan": "%",
                "target": rng.range(75, 100),
                "target_maju": rng.range(80, 100),
                "lokasi": pd_nama,
                "sumber_dana": "DAU, PAD",
                "kegiatan": items,
            })
        })
        .collect();
    let total_pagu: u64 = programs.iter().flat_map(|p| &p.3).map(|k| k.pagu).sum();

    // Tabel 2.1: the same programs and kegiatan as evaluated for n-2.
    let evaluasi_program: Vec<Value> = programs
        .iter()
        .map(|(_, nama, indikator, kegiatan)| {
            let items: Vec<Value> = kegiatan
                .iter()
                .map(|k| {
                    let target_n2 = (k.target * rng.range(85, 100) / 100).max(1);
                    let realisasi_n2 = if k.satuan == "%" {
                        (target_n2 * rng.range(88, 100) / 100).max(1)
                    } else {
                        (target_n2 * rng.range(70, 115) / 100).max(1)
                    };
                    let target_n1 = (k.target * rng.range(92, 102) / 100).max(1);
                    let realisasi_sd_n3 = if k.kumulatif { target_n2 * rng.range(1, 3) } else { realisasi_n2 };
                    let target_renstra = if k.kumulatif { k.target * 5 } else { k.target.max(target_n1) };
                    json!({
                        "nama": k.nama,
                        "indikator": {
                            "uraian": k.indikator,
                            "satuan": k.satuan,
                            "kumulatif": k.kumulatif,
                            "target_renstra": target_renstra,
                            "realisasi_sd_n3": realisasi_sd_n3,
                            "target_n2": target_n2,
                            "realisasi_n2": realisasi_n2,
                            "target_n1": target_n1,
                        }
                    })
                })
                .collect();
            let realisasi = rng.range(80, 100);
            json!({
                "nama": nama,
                "indikator": {
                    "uraian": indikator,
                    "satuan": "%",
                    "kumulatif": false,
                    "target_renstra": 100,
                    "realisasi_sd_n3": rng.range(70, 95),
                    "target_n2": realisasi.max(90),
                    "realisasi_n2": realisasi,
                    "target_n1": 95,
                },
                "kegiatan": items,
            })
        })
        .collect();

    // Tabel 2.2: two Indikator Kinerja Utama, then every program with its kegiatan.
    let nilai_line = |rng: &mut Rng, satuan: &str, base: u64| {
        let step = base / 20;
        let cap = if satuan == "%" { 100 } else { u64::MAX };
        let t: Vec<u64> = (0..4).map(|i| (base + i * step).min(cap)).collect();
        json!({
            "satuan": satuan,
            "target": t,
            "realisasi": [t[0] * rng.range(85, 100) / 100, t[1] * rng.range(85, 100) / 100],
            "proyeksi": [t[2], t[3]],
        })
    };
    let iku_names = [
        format!("Indeks kepuasan masyarakat terhadap layanan {pd_nama}"),
        format!("Persentase capaian sasaran strategis {pd_nama}"),
    ];
    let indikator_utama: Vec<Value> = iku_names
        .iter()
        .map(|name| {
            let base = rng.range(70, 90);
            let line = nilai_line(&mut rng, "%", base);
            json!({ "indikator": name, "nilai": [line], "catatan": "Sesuai Renstra perangkat daerah" })
        })
        .collect();
    let kinerja_program: Vec<Value> = programs
        .iter()
        .map(|(_, _, indikator, kegiatan)| {
            let items: Vec<Value> = kegiatan
                .iter()
                .map(|k| {
                    let mut row = json!({
                        "indikator": k.indikator,
                        "nilai": [nilai_line(&mut rng, k.satuan, k.target.max(1))],
                    });
                    if rng.chance(20) {
                        row["spm"] = json!("100%");
                    }
                    row
                })
                .collect();
            let base = rng.range(70, 90);
            json!({ "indikator": indikator, "nilai": [nilai_line(&mut rng, "%", base)], "kegiatan": items })
        })
        .collect();

    let usulan: Vec<Value> = (0..n_program.div_ceil(2))
        .map(|i| {
            let k = &programs[i % programs.len()].3[0];
            json!({
                "program_kegiatan": format!("Usulan masyarakat: {}", k.nama.to_lowercase()),
                "lokasi": *rng.pick(LOKASI),
                "indikator": k.indikator,
                "volume": format!("{} {}", rng.range(1, 40), k.satuan),
                "catatan": format!("Diakomodasi pada Kegiatan {}", k.nama),
            })
        })
        .collect();

    let pohon: Vec<Value> = vec![json!({
        "uraian": format!("Meningkatkan kualitas penyelenggaraan urusan {} di {pemda}", urusan_nama.to_lowercase()),
        "sasaran": [{
            "uraian": format!("Meningkatnya kinerja {pd_nama} yang efektif, efisien, dan akuntabel"),
            "program": programs.iter().map(|(_, nama, indikator, _)| json!({
                "nama": nama,
                "indikator": indikator,
                "rumus": { "pembilang": format!("Jumlah capaian {}", indikator.to_lowercase()), "penyebut": "Jumlah sasaran yang ditetapkan" },
            })).collect::<Vec<_>>(),
        }],
    })];

    // Narrative, with placeholders where a fact is computed.
    let bab_1 = json!({
        "latar_belakang": {
            "isi": join(vec![
                format!("Rencana Kerja (Renja) {{{{ perangkat_daerah }}}} {{{{ pemda }}}} Tahun {{{{ tahun }}}} merupakan dokumen perencanaan tahunan yang menjabarkan Rencana Strategis periode {{{{ periode_renstra }}}} dan mengacu pada Rancangan Awal RKPD {pemda} Tahun {{{{ tahun }}}}."),
                paragraph(&mut rng, 4),
                "Penyusunan Renja memperhatikan 10 (sepuluh) asas penyelenggaraan pemerintahan daerah, yaitu:".to_owned(),
                numbered(ASAS),
                paragraph(&mut rng, 3),
            ]),
            "isi_lanjutan": join(paragraphs(&mut rng, 1)),
        },
        "landasan_hukum": {
            "isi": join(vec![
                "Landasan hukum penyusunan Renja ini adalah sebagai berikut:".to_owned(),
                numbered(REGULASI),
            ]),
        },
        "maksud_tujuan": {
            "isi": join(vec![
                format!("Maksud penyusunan Renja adalah menyediakan pedoman pelaksanaan program dan kegiatan {{{{ perangkat_daerah }}}} selama Tahun {{{{ tahun }}}}. Adapun tujuannya adalah:"),
                numbered(&[
                    "menjabarkan Renstra ke dalam program dan kegiatan tahunan;",
                    "menjadi acuan penyusunan Rencana Kerja dan Anggaran;",
                    "menjadi tolok ukur evaluasi kinerja pada akhir tahun anggaran.",
                ]),
            ]),
        },
        "sistematika": { "isi": "Renja ini disusun dengan sistematika sebagai berikut:" },
    });
    let mut evaluasi_isi = vec![
        "Pada Tahun {{ tahun_n2 }} {{ perangkat_daerah }} melaksanakan {{ jumlah_program_evaluasi }} ({{ jumlah_program_evaluasi_terbilang }}) program dan {{ jumlah_kegiatan_evaluasi }} ({{ jumlah_kegiatan_evaluasi_terbilang }}) kegiatan yang dievaluasi terhadap target Renja dan Renstra.".to_owned(),
    ];
    for (p, (_, nama, _, _)) in programs.iter().enumerate() {
        let n = p + 1;
        evaluasi_isi.push(format!(
            "{nama} mencapai tingkat realisasi {{{{ tingkat_realisasi_program_{n} }}}} dengan realisasi {{{{ realisasi_program_{n} }}}} dari target {{{{ target_program_{n} }}}}; kegiatan pertamanya terealisasi {{{{ tingkat_realisasi_kegiatan_{n}_1 }}}}. {}",
            KALIMAT[rng.below(KALIMAT.len() as u64) as usize]
        ));
    }
    let isu: Vec<&str> = ISU.to_vec();
    let bab_2 = json!({
        "evaluasi": { "isi": capped(evaluasi_isi), "isi_lanjutan": join(paragraphs(&mut rng, 1)) },
        "kinerja_pelayanan": { "isi": join(paragraphs(&mut rng, 2)), "isi_lanjutan": join(paragraphs(&mut rng, 1)) },
        "isu_penting": { "isi": join(vec![
            "Isu-isu penting penyelenggaraan tugas dan fungsi {{ perangkat_daerah }} adalah:".to_owned(),
            numbered(&isu),
            paragraph(&mut rng, 3),
        ]) },
        "review_rkpd": {
            "isi": "Hasil review terhadap Rancangan Awal RKPD Tahun {{ tahun }} disajikan pada **Tabel 2.3** berikut.",
            "isi_lanjutan": "Pagu indikatif Rancangan Awal RKPD sebesar Rp{{ total_pagu_rkpd }}, sedangkan hasil analisis kebutuhan sebesar Rp{{ total_pagu }}.",
        },
        "usulan_masyarakat": { "isi": join(paragraphs(&mut rng, 1)) },
    });
    let mut program_list =
        vec!["Program dan kegiatan Tahun {{ tahun }} disusun berdasarkan prioritas berikut:".to_owned()];
    program_list.extend(programs.iter().map(|(_, nama, indikator, _)| {
        format!("- {nama}, dengan sasaran {} yang terus meningkat.", indikator.to_lowercase())
    }));
    let bab_3 = json!({
        "telaahan_kebijakan": { "isi": join(paragraphs(&mut rng, 3)) },
        "tujuan_sasaran": { "isi": join(paragraphs(&mut rng, 1)) },
        "tujuan": { "isi": format!("Tujuan {{{{ perangkat_daerah }}}} adalah meningkatkan kualitas penyelenggaraan urusan {} di {{{{ pemda }}}}.", urusan_nama.to_lowercase()) },
        "sasaran": { "isi": format!("Sasaran yang hendak dicapai adalah meningkatnya kinerja {pd_nama} yang efektif, efisien, dan akuntabel.") },
        "program_kegiatan": {
            "isi": capped(program_list),
            "isi_lanjutan": "Rumusan rencana program dan kegiatan beserta prakiraan majunya disajikan pada **Tabel 3.1**.",
        },
    });
    let bab_4 = json!({
        "isi": join(vec![paragraph(&mut rng, 3), "Rumusan rencana kerja dan pendanaan Tahun {{ tahun }} disajikan pada **Tabel 4.1** berikut.".to_owned()]),
        "isi_lanjutan": "Total kebutuhan pendanaan Tahun {{ tahun }} sebesar Rp{{ total_pagu }} ({{ total_pagu_terbilang }} rupiah), dengan prakiraan maju Tahun {{ tahun_maju }} sebesar Rp{{ total_pagu_maju }}.",
    });
    let bab_5 = json!({
        "isi": join(vec![
            "Renja {{ perangkat_daerah }} {{ pemda }} Tahun {{ tahun }} memuat {{ jumlah_program }} ({{ jumlah_program_terbilang }}) program dan {{ jumlah_kegiatan }} ({{ jumlah_kegiatan_terbilang }}) kegiatan.".to_owned(),
            paragraph(&mut rng, 3),
        ]),
        "penutup": "Demikian untuk dilaksanakan sebagaimana mestinya.",
    });

    let nama_ttd = format!("{} {}", rng.pick(NAMA_DEPAN), rng.pick(NAMA_BELAKANG));
    json!({
        "identitas": {
            "pemda": pemda,
            "kepala_daerah": kepala,
            "perangkat_daerah": pd_nama,
            "tahun": tahun,
            "tahap": "rancangan_akhir",
            "periode_renstra": { "awal": periode.0, "akhir": periode.1 },
        },
        "keputusan": {
            "jenis": format!("Keputusan {kepala}"),
            "nomor": format!("188.45/ /KEP/35.{:02}.{:03}/{}", rng.range(1, 79), rng.range(1, 999), tahun - 1),
            "tentang": "Penetapan Rencana Kerja {{ perangkat_daerah }} {{ pemda }} Tahun {{ tahun }}",
        },
        "penandatangan": {
            "jabatan": kepala,
            "nama": nama_ttd,
            "tempat": tempat,
            "tanggal": format!("{}-11-{:02}", tahun - 1, rng.range(1, 28)),
        },
        "pengaturan": { "desimal_persen": desimal, "kertas": "a4" },
        "bab_1": bab_1,
        "bab_2": bab_2,
        "bab_3": bab_3,
        "bab_4": bab_4,
        "bab_5": bab_5,
        "evaluasi": { "jenis_urusan": jenis_urusan, "urusan": urusan_nama, "program": evaluasi_program },
        "kinerja_pelayanan": { "indikator_utama": indikator_utama, "program": kinerja_program },
        "usulan_masyarakat": usulan,
        "rencana": {
            "urusan": [
                { "kode": jenis_urusan_kode, "nama": jenis_urusan },
                { "kode": urusan_kode, "nama": urusan_nama },
            ],
            "program": rencana_program,
            "pagu_batas": rupiah_round(total_pagu + total_pagu / 10),
        },
        "pohon_kinerja": pohon,
        "indikator_kinerja_utama": iku_names.iter().map(|name| json!({
            "indikator": name,
            "rumus": { "pembilang": "Jumlah capaian indikator", "penyebut": "Jumlah target indikator" },
        })).collect::<Vec<_>>(),
    })
}

const SUB_KEGIATAN: &[(&str, &str, &str)] = &[
    // (nama, indikator keluaran, satuan)
    ("Penyusunan Dokumen Perencanaan", "Jumlah dokumen perencanaan yang disusun", "Dokumen"),
    ("Koordinasi dan Sinkronisasi Pelaksanaan Program", "Jumlah laporan hasil koordinasi", "Laporan"),
    ("Penyediaan Bahan Logistik Kantor", "Jumlah paket bahan logistik kantor yang disediakan", "Paket"),
    ("Pemeliharaan Sarana dan Prasarana Pelayanan", "Jumlah sarana dan prasarana yang dipelihara", "Unit"),
    ("Penyelenggaraan Bimbingan Teknis Aparatur", "Jumlah aparatur yang mengikuti bimbingan teknis", "Orang"),
    ("Pengelolaan Data dan Informasi Sektoral", "Jumlah dataset sektoral yang dimutakhirkan", "Dataset"),
    ("Fasilitasi Kelompok Masyarakat Penerima Manfaat", "Jumlah kelompok masyarakat yang difasilitasi", "Kelompok"),
    ("Pembangunan Sarana Pelayanan Dasar", "Jumlah sarana pelayanan dasar yang dibangun", "Unit"),
    ("Monitoring dan Evaluasi Pelaksanaan Kegiatan", "Jumlah laporan monitoring dan evaluasi", "Laporan"),
];

/// The same plan written as a Renja of the SIPD-RI era (Permendagri 90/2019): year 2027 (the
/// Renstra period and every other year moved with it), `sub_kegiatan` under every kegiatan
/// carrying its pagu (the kegiatan's, split), several locations and funding sources with
/// amounts on some, priority labels, and Bab IV in the 17-column SIPD-RI layout. Figures only
/// move down a level: every kegiatan total stays what it was.
pub fn sipd_era(plan: &mut Value, sub_kegiatan: usize, seed: u64) {
    let mut rng = Rng::new(seed ^ 0x5151_D0D0);
    let sub_kegiatan = sub_kegiatan.clamp(1, 99);
    let tahun = plan["identitas"]["tahun"].as_i64().unwrap_or(2027);
    let geser = 2027 - tahun;
    plan["identitas"]["tahun"] = json!(2027);
    for ujung in ["awal", "akhir"] {
        let v = plan["identitas"]["periode_renstra"][ujung].as_i64().unwrap_or(2025);
        plan["identitas"]["periode_renstra"][ujung] = json!(v + geser);
    }
    if let Some(tanggal) = plan["penandatangan"]["tanggal"].as_str() {
        plan["penandatangan"]["tanggal"] = json!(format!("2026{}", &tanggal[4..]));
    }
    let bidang = plan["rencana"]["urusan"][1]["kode"].as_str().unwrap_or("1.02").to_owned();
    plan["identitas"]["nomenklatur"] = json!("90/2019");
    plan["identitas"]["kode_bidang"] = json!(bidang);
    plan["pengaturan"]["tabel_bab_4"] = json!("sipd-ri");
    let Some(programs) = plan["rencana"]["program"].as_array_mut() else { return };
    for program in programs {
        let Some(kegiatan) = program["kegiatan"].as_array_mut() else { continue };
        for k in kegiatan {
            let kode = k["kode"].as_str().unwrap_or_default().to_owned();
            let pagu = k["pagu"].as_u64().unwrap_or(0);
            let pagu_maju = k["pagu_maju"].as_u64().unwrap_or(pagu);
            let obj = k.as_object_mut().expect("a kegiatan is an object");
            obj.remove("pagu");
            obj.remove("pagu_maju");
            obj.insert("kelompok_sasaran".into(), json!("Masyarakat dan aparatur pelaksana"));
            // Split the pagu in thousands of rupiah; the last sub-kegiatan takes the rest.
            let mut sisa = pagu;
            let mut sisa_maju = pagu_maju;
            let subs: Vec<Value> = (0..sub_kegiatan)
                .map(|s| {
                    let (nama, indikator, satuan) = SUB_KEGIATAN[(s + rng.below(3) as usize) % SUB_KEGIATAN.len()];
                    let terakhir = s + 1 == sub_kegiatan;
                    let bagian = |rng: &mut Rng, total: u64, sisa: u64| {
                        if terakhir {
                            sisa
                        } else {
                            rupiah_round(total / sub_kegiatan as u64 * rng.range(80, 110) / 100).min(sisa)
                        }
                    };
                    let p = bagian(&mut rng, pagu, sisa);
                    let pm = bagian(&mut rng, pagu_maju, sisa_maju);
                    sisa -= p;
                    sisa_maju -= pm;
                    let target = rng.range(1, 40);
                    let mut sub = json!({
                        "kode": format!("{kode}.{:04}", s + 1),
                        "nama": nama,
                        "indikator": {
                            "uraian": indikator,
                            "satuan": satuan,
                            "target": target,
                            "target_maju": target + rng.range(0, 3),
                            "target_renstra": target * 5,
                            "realisasi_n2": target.saturating_sub(rng.range(0, 2)).max(1),
                            "prakiraan_n1": target,
                        },
                        "lokasi": [*rng.pick(LOKASI)],
                        "sumber_dana": *rng.pick(&["DAU", "PAD", "DAK Fisik"]),
                        "pagu": p,
                        "pagu_maju": pm,
                    });
                    if rng.chance(30) {
                        sub["lokasi"] = json!([*rng.pick(LOKASI), *rng.pick(LOKASI)]);
                    }
                    if rng.chance(25) && p >= 2000 {
                        let dau = rupiah_round(p / 2);
                        sub["sumber_dana"] =
                            json!([{ "nama": "DAU", "pagu": dau }, { "nama": "PAD", "pagu": p - dau }]);
                    }
                    if rng.chance(40) {
                        sub["prioritas"] = json!({ "daerah": "Prioritas 2: Peningkatan Kualitas Pelayanan Publik" });
                    }
                    sub
                })
                .collect();
            obj.insert("sub_kegiatan".into(), Value::Array(subs));
        }
    }
}
