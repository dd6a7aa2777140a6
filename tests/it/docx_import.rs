//! `renja import LAST.docx --into PLAN`: a Renja written in Word, built here with docx-rs's
//! writer and real Word styles (styles.xml with the built-in heading ids, numbering.xml for a
//! numbered list), imported into the flagship; the flagship's own .docx imported back changes
//! nothing; every bad input is refused with its message and leaves the output as it was.

use std::io::Write;

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footnote, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Run, Start, Style, StyleType, Table, TableCell, TableRow,
};

use crate::support::{Dir, flagship_path};

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn styled(style: &str, text: &str) -> Paragraph {
    para(text).style(style)
}

fn item(text: &str) -> Paragraph {
    para(text).numbering(NumberingId::new(7), IndentLevel::new(0))
}

/// Last year's Renja as a planner writes it in Word.
fn renja_word() -> Vec<u8> {
    let table = Table::new(vec![
        TableRow::new(vec![
            TableCell::new().add_paragraph(para("No")),
            TableCell::new().add_paragraph(para("Program")),
        ]),
        TableRow::new(vec![
            TableCell::new().add_paragraph(para("1")),
            TableCell::new().add_paragraph(para("Kerja Sama")),
        ]),
    ]);
    let docx = Docx::new()
        // Word's built-in heading styles: ids "Heading1"/"Heading2", names "heading 1"/"heading 2";
        // the first with its outline level, the second known by its name alone.
        .add_style(
            Style::new("Heading1", StyleType::Paragraph).name("heading 1").based_on("Normal").outline_lvl(0).bold(),
        )
        .add_style(Style::new("Heading2", StyleType::Paragraph).name("heading 2").based_on("Normal").bold())
        .add_abstract_numbering(AbstractNumbering::new(5).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%1."),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(7, 5))
        // Chapter and section numbers from a multilevel list: "BAB %1" in capital Roman numerals
        // from III, "%1.%2" beneath it in legal (all-digit) numbering.
        .add_abstract_numbering(
            AbstractNumbering::new(6)
                .add_level(Level::new(
                    0,
                    Start::new(3),
                    NumberFormat::new("upperRoman"),
                    LevelText::new("BAB %1"),
                    LevelJc::new("center"),
                ))
                .add_level(
                    Level::new(
                        1,
                        Start::new(1),
                        NumberFormat::new("decimal"),
                        LevelText::new("%1.%2"),
                        LevelJc::new("left"),
                    )
                    .is_lgl(),
                ),
        )
        .add_numbering(Numbering::new(8, 6))
        .add_abstract_numbering(AbstractNumbering::new(9).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(10, 9))
        // Paragraphs 1–2: the cover.
        .add_paragraph(para("RENCANA KERJA BAGIAN ADMINISTRASI KERJA SAMA").align(AlignmentType::Center))
        .add_paragraph(para("KABUPATEN MALANG TAHUN 2019").align(AlignmentType::Center))
        // 3: BAB I; 4: prose before its first section, which no field holds.
        .add_paragraph(styled("Heading1", "BAB I PENDAHULUAN"))
        .add_paragraph(para("Paragraf pengantar bab yang tidak punya tempat."))
        // 5–7: 1.1 with two paragraphs, emphasis and years.
        .add_paragraph(styled("Heading2", "1.1 Latar Belakang"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Renja Tahun 2019 disusun dengan prinsip "))
                .add_run(Run::new().add_text("good governance").italic())
                .add_run(Run::new().add_text(" dan "))
                .add_run(Run::new().add_text("partisipatif").bold())
                .add_run(Run::new().add_text(".")),
        )
        .add_paragraph(
            para("Capaian tahun 2018 menjadi dasar, sesuai Peraturan Bupati Malang Nomor 44 Tahun 2017.")
                .add_run(Run::new().add_footnote_reference(
                    Footnote::new().add_content(para("Catatan kaki yang tidak masuk narasi.")),
                )),
        )
        // 8: "1.2 Landasan Hukum" typed bold in Normal; 9–11: a numbered list.
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("1.2 Landasan Hukum").bold()))
        .add_paragraph(item("Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara;"))
        .add_paragraph(item("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"))
        .add_paragraph(item("Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017."))
        // 12–15: 1.3 with a bulleted list, a table, 16: prose after it.
        .add_paragraph(styled("Heading2", "1.3 Maksud dan Tujuan"))
        .add_paragraph(para("Maksud penyusunan Renja adalah pedoman kerja, yaitu:"))
        .add_paragraph(para("acuan kegiatan;").numbering(NumberingId::new(10), IndentLevel::new(0)))
        .add_paragraph(para("dasar pengendalian.").numbering(NumberingId::new(10), IndentLevel::new(0)))
        .add_table(table)
        .add_paragraph(para("Tabel di atas hanya contoh."))
        // 17–20: 1.4 with an outline of chapters typed in, which renja prints itself.
        .add_paragraph(styled("Heading2", "1.4 Sistematika Penulisan"))
        .add_paragraph(para("Sistematika penulisan Renja sebagai berikut:"))
        .add_paragraph(para("BAB I PENDAHULUAN"))
        .add_paragraph(para("BAB II HASIL EVALUASI RENJA"))
        // 21–22: BAB II and its title in two centred paragraphs.
        .add_paragraph(para("BAB II").align(AlignmentType::Center))
        .add_paragraph(para("HASIL EVALUASI RENJA PERANGKAT DAERAH TAHUN LALU").align(AlignmentType::Center))
        // 23–24: 2.1.
        .add_paragraph(styled("Heading2", "2.1 Evaluasi Pelaksanaan Renja Perangkat Daerah Tahun Lalu"))
        .add_paragraph(para("Evaluasi menunjukkan capaian yang baik."))
        // 25–26: 2.2 under a title of another section.
        .add_paragraph(styled("Heading2", "2.2 Daftar Hadir Rapat Koordinasi"))
        .add_paragraph(para("Isi yang judulnya tidak cocok."))
        // 27–29: BAB III and 3.1 numbered by the list alone.
        .add_paragraph(para("TUJUAN DAN SASARAN").numbering(NumberingId::new(8), IndentLevel::new(0)))
        .add_paragraph(para("Telaahan terhadap Kebijakan Nasional").numbering(NumberingId::new(8), IndentLevel::new(1)))
        .add_paragraph(para("Kebijakan nasional menjadi acuan."))
        // 30–31: a first-level heading that is no chapter, and what stands under it.
        .add_paragraph(styled("Heading1", "DAFTAR PUSTAKA"))
        .add_paragraph(para("Buku rujukan yang tidak masuk narasi."));
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).unwrap();
    out.into_inner()
}

fn plan_value(dir: &Dir, name: &str) -> serde_json::Value {
    serde_json::from_slice(&dir.read(name)).unwrap()
}

#[test]
fn a_word_renja_goes_into_the_right_fields() {
    let dir = Dir::new();
    dir.create("lalu.docx", renja_word());
    let flagship = flagship_path();
    let ran = dir.renja([
        "import".as_ref(),
        "lalu.docx".as_ref(),
        "--into".as_ref(),
        flagship.as_os_str(),
        "-o".as_ref(),
        "baru.json".as_ref(),
    ]);
    ran.exits(0);
    let plan = plan_value(&dir, "baru.json");
    // The flagship as renja writes it back (its defaults spelt out).
    let old = serde_json::to_value(&crate::support::load(&flagship).plan).unwrap();
    let bab_1 = &plan["bab_1"];
    assert_eq!(
        bab_1["latar_belakang"]["isi"],
        "Renja Tahun {{ tahun }} disusun dengan prinsip *good governance* dan **partisipatif**.\n\n\
         Capaian tahun {{ tahun_n1 }} menjadi dasar, sesuai Peraturan Bupati Malang Nomor 44 Tahun 2017."
    );
    // No insertion in the section: nothing after one.
    assert_eq!(bab_1["latar_belakang"]["isi_lanjutan"], "");
    assert_eq!(
        bab_1["landasan_hukum"]["isi"],
        "1. Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara;\n\n\
         2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;\n\n\
         3. Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017."
    );
    assert_eq!(
        bab_1["maksud_tujuan"]["isi"],
        "Maksud penyusunan Renja adalah pedoman kerja, yaitu:\n\n- acuan kegiatan;\n\n- dasar pengendalian."
    );
    assert_eq!(bab_1["maksud_tujuan"]["isi_lanjutan"], "Tabel di atas hanya contoh.");
    assert_eq!(plan["bab_2"]["evaluasi"]["isi"], "Evaluasi menunjukkan capaian yang baik.");
    // Placed by its number despite its title, and the mismatch said.
    assert_eq!(plan["bab_2"]["kinerja_pelayanan"]["isi"], "Isi yang judulnya tidak cocok.");
    // Sections the document lacks, titles and the tables stay as they were.
    // 1.4: its text imported as typed, the typed outline of chapters pointed out.
    assert_eq!(
        bab_1["sistematika"]["isi"],
        "Sistematika penulisan Renja sebagai berikut:\n\nBAB I PENDAHULUAN\n\nBAB II HASIL EVALUASI RENJA"
    );
    assert_eq!(bab_1["sistematika"]["judul"], old["bab_1"]["sistematika"]["judul"]);
    assert_eq!(plan["bab_3"]["telaahan_kebijakan"]["isi"], "Kebijakan nasional menjadi acuan.");
    assert_eq!(plan["bab_3"]["tujuan"], old["bab_3"]["tujuan"]);
    assert_eq!(plan["bab_2"]["judul"], old["bab_2"]["judul"]);
    assert_eq!(plan["rencana"], old["rencana"]);
    // BAB II's title paragraph is a title, not prose of any field.
    let text = serde_json::to_string(&plan).unwrap();
    assert!(!text.contains("HASIL EVALUASI RENJA PERANGKAT DAERAH TAHUN LALU"));
    assert!(!text.contains("Paragraf pengantar bab"));
    assert!(!text.contains("TUJUAN DAN SASARAN") && !text.contains("Telaahan terhadap Kebijakan Nasional"));
    assert!(!text.contains("DAFTAR PUSTAKA") && !text.contains("Buku rujukan") && !text.contains("Catatan kaki"));

    ran.says("tabel ke-1 tidak diimpor di 1.3")
        .says("tabel ke-1 (setelah paragraf 15)")
        .says("2 baris × 2 kolom, diawali \"No Program 1 Kerja Sama\"")
        .says("paragraf tidak masuk bagian mana pun dan tidak diimpor")
        .says("paragraf 4 (setelah judul \"BAB I PENDAHULUAN\", paragraf 3)")
        .says("paragraf 31 (setelah judul \"DAFTAR PUSTAKA\", paragraf 30)")
        .says("2 paragraf sebelum BAB I tidak diimpor")
        .says("judul 2.2 di dokumen berbeda dengan kerangka")
        .says("di: paragraf 25")
        .says("1.4 menyebut bab demi bab, padahal renja menyusunnya sendiri")
        .says("di: paragraf 19–20 ($.bab_1.sistematika.isi)")
        .says("1 catatan kaki tidak diimpor")
        .says("di: paragraf 7")
        .says("2 tahun harfiah ditulis relatif")
        .says("2019 → {{ tahun }}, 2018 → {{ tahun_n1 }}")
        .says("diisi: $.bab_1.landasan_hukum.isi");
}

#[test]
fn the_flagships_own_docx_imported_back_changes_nothing() {
    let dir = Dir::new();
    let flagship = flagship_path();
    dir.renja([
        "build".as_ref(),
        flagship.as_os_str(),
        "--format".as_ref(),
        "docx".as_ref(),
        "-o".as_ref(),
        "f.docx".as_ref(),
    ])
    .exits(0);
    let into = |out: &str| {
        dir.renja([
            "import".as_ref(),
            "f.docx".as_ref(),
            "--into".as_ref(),
            flagship.as_os_str(),
            "-o".as_ref(),
            out.as_ref(),
        ])
    };
    into("kembali.json").exits(0).says("0 bidang narasi diisi, 31 sama dengan rencana");
    dir.renja(["diff".as_ref(), flagship.as_os_str(), "kembali.json".as_ref()]).exits(0);

    // Not vacuous: one sentence edited in Word changes that field alone.
    let docx = dir.read("f.docx");
    dir.create("asli.docx", &docx);
    let before = "Penyelenggaraan otonomi daerah dilaksanakan";
    let edited = replace_in_part(&docx, "word/document.xml", before, "Otonomi daerah diselenggarakan");
    dir.create("f.docx", edited);
    into("ubah.json")
        .exits(0)
        .says("1 bidang narasi diisi, 30 sama dengan rencana")
        .says("diisi: $.bab_1.latar_belakang.isi");
    let ran =
        dir.renja(["diff".as_ref(), flagship.as_os_str(), "ubah.json".as_ref(), "--format".as_ref(), "json".as_ref()]);
    ran.exits(1);
    let diff: serde_json::Value = serde_json::from_str(&ran.stdout()).unwrap();
    let prosa = diff["perubahan"]["prosa"].as_array().unwrap();
    let paths: Vec<&str> = prosa.iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["$.bab_1.latar_belakang.isi"]);
    let menjadi = prosa[0]["menjadi"].as_str().unwrap();
    assert!(menjadi.starts_with("Otonomi daerah diselenggarakan dengan memberikan"), "{menjadi}");

    // Last year's .docx into the plan `next-year` rolled on: every field last year's plan held
    // stays as written (placeholders and all), but 2.1, whose Tabel 2.1 facts moved a year.
    dir.renja(["next-year".as_ref(), flagship.as_os_str(), "-o".as_ref(), "p2020.json".as_ref()]).exits(0);
    dir.renja(["import", "asli.docx", "--into", "p2020.json", "-o", "p2020-narasi.json"])
        .exits(0)
        .says("1 bidang narasi diisi, 30 sama dengan rencana")
        .says("diisi: $.bab_2.evaluasi.isi");
    let (lama, baru) = (plan_value(&dir, "p2020.json"), plan_value(&dir, "p2020-narasi.json"));
    assert_eq!(baru["bab_1"], lama["bab_1"]);
    assert_ne!(baru["bab_2"]["evaluasi"]["isi"], lama["bab_2"]["evaluasi"]["isi"]);
}

/// The package with `from` replaced by `to` in one part.
fn replace_in_part(docx: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        if name == part {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{from:?} not in {part}");
            data = text.replacen(from, to, 1).into_bytes();
        }
        writer.start_file(name, options).unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A package of the given parts, deflated.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn every_bad_input_is_refused_located_and_leaves_the_output_untouched() {
    let dir = Dir::new();
    let flagship = flagship_path();
    const GOOD: &str = "{\"baik\": true}\n";
    let document_ok = br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>BAB I</w:t></w:r></w:p></w:body></w:document>"#;
    // A deflated part whose stored bytes are damaged after the zip was written.
    let mut damaged = package(&[("word/document.xml", &document_ok.repeat(50))]);
    let at = damaged.windows(17).position(|w| w == b"word/document.xml").unwrap() + 17 + 10;
    for b in &mut damaged[at..at + 40] {
        *b ^= 0x5A;
    }
    let bomb = package(&[("word/document.xml", &vec![b' '; 65 * 1024 * 1024])]);
    // A readable document whose text the plan would refuse: an unknown placeholder.
    let mut placeholder = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1").outline_lvl(0))
        .add_style(Style::new("Heading2", StyleType::Paragraph).name("heading 2").outline_lvl(1))
        .add_paragraph(styled("Heading1", "BAB I PENDAHULUAN"))
        .add_paragraph(styled("Heading2", "1.1 Latar Belakang"))
        .add_paragraph(para("Pada {{ tahn }} renja disusun."))
        .build()
        .pack(&mut placeholder)
        .unwrap();
    let cases: Vec<(&str, Vec<u8>, i32, Vec<&str>)> = vec![
        ("placeholder.docx", placeholder.into_inner(), 1, vec![
            "placeholder tidak dikenal {{ tahn }}",
            "di: paragraf 3 ($.bab_1.latar_belakang.isi)",
        ]),
        ("teks.docx", b"ini bukan dokumen Word".to_vec(), 2, vec![
            "berkas bukan dokumen Word (.docx)",
            "di: bait 0",
            "berkas yang tidak diawali tanda arsip zip (PK)",
        ]),
        ("lama.docx", vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], 2, vec![
            "berkas bukan dokumen Word (.docx)",
            "dokumen Word 97-2003 (.doc)",
        ]),
        ("putus.docx", b"PK\x03\x04 potongan arsip yang terputus".to_vec(), 2, vec![
            "arsip .docx rusak",
            "di: direktori arsip zip",
        ]),
        ("lain.docx", package(&[("isi.txt", b"halo")]), 2, vec![
            "arsip zip ini bukan dokumen Word",
            "di: word/document.xml",
            "arsip zip tanpa word/document.xml",
        ]),
        ("xml.docx", package(&[("word/document.xml", b"<w:document xmlns:w=\"x\"><w:body><w:p></w:body>")]), 2, vec![
            "XML bagian word/document.xml tidak sah",
            "di: word/document.xml baris 1 kolom",
        ]),
        (
            "entitas.docx",
            package(&[(
                "word/document.xml",
                b"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><d>&b;</d>",
            )]),
            2,
            vec!["XML bagian word/document.xml tidak sah", "di: word/document.xml baris 1 kolom"],
        ),
        ("rusak.docx", damaged, 2, vec![
            "bagian word/document.xml rusak dan tidak dapat diekstrak",
            "di: word/document.xml",
        ]),
        ("bom.docx", bomb, 2, vec![
            "bagian word/document.xml terlalu besar setelah diekstrak",
            "paling banyak 64 MB",
            "sedikitnya 65 MB",
        ]),
    ];
    for (name, bytes, code, messages) in cases {
        dir.create(name, &bytes);
        dir.create("hasil.json", GOOD);
        let ran = dir.renja([
            "import".as_ref(),
            name.as_ref(),
            "--into".as_ref(),
            flagship.as_os_str(),
            "-o".as_ref(),
            "hasil.json".as_ref(),
        ]);
        ran.exits(code).says("tidak ada berkas yang ditulis, `hasil.json` tidak diubah");
        for m in messages {
            ran.says(m);
        }
        assert!(!ran.stderr().contains("panicked"), "{name}: {}", ran.stderr());
        assert_eq!(String::from_utf8(dir.read("hasil.json")).unwrap(), GOOD, "{name}");
    }
    // Without --into there is nothing to put the narrative in.
    dir.create("lalu.docx", renja_word());
    dir.renja(["import", "lalu.docx", "-o", "hasil.json"])
        .exits(2)
        .says("dokumen Word hanya membawa narasi; sebutkan rencana tujuannya dengan --into");
    assert_eq!(String::from_utf8(dir.read("hasil.json")).unwrap(), GOOD);
}

/// A part of a package, as text.
fn part_text(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn damaged_documents_are_refused_or_read_never_a_panic() {
    let plan = crate::support::load(&flagship_path()).plan;
    let word = renja_word();
    let document = part_text(&word, "word/document.xml");
    let styles = part_text(&word, "word/styles.xml");
    let numbering = part_text(&word, "word/numbering.xml");
    // Well-formed fragments, each put before a tag; the rest of the edits damage the XML.
    const PIECES: [&str; 14] = [
        "<w:p/>",
        "<w:p><w:r><w:t>BAB V</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>1.1 İİ 2019</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:numPr><w:numId w:val=\"7\"/><w:ilvl w:val=\"8\"/></w:numPr></w:pPr><w:r><w:t>butir</w:t></w:r></w:p>",
        "<w:br/>",
        "<w:tab/>",
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>2.1 Evaluasi</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"4294967295\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1.%9\"/></w:lvl>",
        "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
        "<w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:basedOn w:val=\"Normal\"/><w:rPr><w:b/></w:rPr></w:style>",
        "<w:r><w:t>İ 2016-2021 Nomor 4 Tahun 2018</w:t></w:r>",
        "<w:outlineLvl w:val=\"200\"/>",
        "<w:ind w:left=\"2147483647\"/>",
        "<w:p><w:pPr><w:ind w:left=\"-2147483648\"/></w:pPr><w:r><w:t>1.\tx</w:t></w:r></w:p>",
    ];
    // A fixed sequence (xorshift): the same cases on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let (mut read, mut refused) = (0, 0);
    for _ in 0..120 {
        let mut parts = [document.clone(), styles.clone(), numbering.clone()];
        let which = next(3);
        for _ in 0..1 + next(4) {
            let text = &mut parts[which];
            let mut at = next(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match next(3) {
                0 | 1 if text[at..].contains('<') => {
                    let tag = at + text[at..].find('<').unwrap_or(0);
                    text.insert_str(tag, PIECES[next(PIECES.len())]);
                }
                0 => {}
                1 => {
                    let mut end = (at + next(80)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => {
                    let copy = text[at..].chars().take(200).collect::<String>();
                    text.insert_str(at, &copy);
                }
            }
        }
        let bytes = package(&[
            ("word/document.xml", parts[0].as_bytes()),
            ("word/styles.xml", parts[1].as_bytes()),
            ("word/numbering.xml", parts[2].as_bytes()),
        ]);
        match renja::import::docx::impor(&bytes, &plan) {
            Ok(_) => read += 1,
            Err(errors) => {
                refused += 1;
                assert!(!errors.is_empty());
                for e in &errors {
                    assert!(e.path.is_some() || e.location.is_some(), "unlocated: {e:?}");
                }
            }
        }
    }
    // Both outcomes were exercised.
    assert!(read > 10 && refused > 10, "read {read}, refused {refused}");
}
