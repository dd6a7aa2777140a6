//! SIPD-RI `sub_bl` records: a JSON array with one object per sub-kegiatan, carrying its
//! program and kegiatan, its pagu, and lists of indicators, funding sources, locations and
//! labels. The export is unofficial and changes without notice, so each list and field is read
//! under the names SIPD-RI's API uses (`tolok_ukur`/`tolak_ukur`, `target_teks`, `dana`,
//! `lokasi`) and those of wp-sipd's documented copy of it (`capaian_prog_sub_keg`,
//! `sub_keg_indikator`, `outputteks`, `targetoutputteks`, `sumber_dana`, `lokasi_sub_keg`).
//! A wp-sipd API answer (`{ "data": [ … ] }`) is read too.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde_json::error::Category;
use serde_json::{Map, Value};

use super::{
    IdentitasSumber, ImporSipd, PohonSumber, SimpulSumber, TingkatKode, angka, angka_json, bidang_unit, induk,
    lepas_kode_depan, nilai_bersatuan, pisah_kode, rapikan, rupiah_bulat, selesai, selesaikan_kode, seperti_kode,
};
use crate::diagnostic::{Diagnostic, Location};
use crate::format;
use crate::plan::{Indikator, Nilai};

/// Reads `sub_bl` records; `Err` holds every problem when there is an error.
pub fn baca_json(nama: &Path, isi: &[u8]) -> Result<ImporSipd, Vec<Diagnostic>> {
    baca_json_lengkap(nama, isi).and_then(ImporSipd::tanpa_galat)
}

/// Reads `sub_bl` records, keeping the tree read when they hold errors
/// ([`ImporSipd::galat`]); `Err` only when the JSON holds no records to read.
pub fn baca_json_lengkap(nama: &Path, isi: &[u8]) -> Result<ImporSipd, Vec<Diagnostic>> {
    // UTF-16 with its byte-order mark is decoded; UTF-8 loses its mark.
    let decoded: std::borrow::Cow<'_, [u8]> = match encoding_rs::Encoding::for_bom(isi) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            encoding.decode_without_bom_handling(&isi[bom..]).0.into_owned().into_bytes().into()
        }
        _ => isi.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(isi).into(),
    };
    let bytes: &[u8] = &decoded;
    let root: Value = serde_json::from_slice(bytes).map_err(|e| {
        let found = match e.classify() {
            Category::Eof => "JSON terpotong",
            Category::Io | Category::Syntax => "sintaks JSON salah, atau bukan teks UTF-8",
            Category::Data => "nilai JSON yang tidak sah",
        };
        let text = String::from_utf8_lossy(bytes);
        vec![
            Diagnostic::error("json.sintaks", format!("{} bukan JSON yang sah", nama.display()))
                .path("$")
                .at(Location::line_column(&text, e.line(), e.column()))
                .expected("larik JSON objek sub kegiatan SIPD-RI, dalam UTF-8")
                .found(format!("{found} (baris {}, kolom {})", e.line(), e.column()))
                .hint("simpan ulang ekspor SIPD-RI tanpa mengubahnya"),
        ]
    })?;
    let (records, base) = match &root {
        Value::Array(list) => (list, "$".to_owned()),
        Value::Object(o) if matches!(o.get("data"), Some(Value::Array(_))) => {
            let Some(Value::Array(list)) = o.get("data") else { unreachable!("matched above") };
            (list, "$.data".to_owned())
        }
        other => {
            return Err(vec![
                Diagnostic::error("json.bentuk", "JSON SIPD-RI bukan larik sub kegiatan")
                    .path("$")
                    .expected("larik objek sub kegiatan: [ { \"kode_sub_giat\": …, \"pagu\": … }, … ]")
                    .found(jenis(other))
                    .hint("ekspor sub kegiatan (renja/sub_bl) sebagai larik JSON"),
            ]);
        }
    };
    let mut baca = PembacaJson { out: Vec::new(), identitas: IdentitasSumber::default() };
    let mut pohon = PohonSumber::default();
    if records.is_empty() {
        baca.out.push(
            Diagnostic::error("laporan.kosong", "JSON SIPD-RI tanpa sub kegiatan")
                .path(base.clone())
                .expected("sedikitnya satu objek sub kegiatan")
                .found("[]")
                .hint("ekspor sub kegiatan perangkat daerah dari SIPD-RI"),
        );
    }
    // The Perangkat Daerah's bidang for `X.XX`: from the unit code, else the first real bidang.
    let bidang = records.iter().filter_map(Value::as_object).find_map(|o| {
        teks(o, &["kode_sub_skpd", "kode_skpd"])
            .and_then(|k| bidang_unit(&k))
            .or_else(|| teks(o, &["kode_bidang_urusan"]).filter(|k| crate::kode::periksa_bidang(k)))
    });
    baca.identitas.kode_bidang.clone_from(&bidang);
    baca.identitas.tahun = records
        .iter()
        .filter_map(Value::as_object)
        .find_map(|o| teks(o, &["tahun_anggaran", "tahun"]).and_then(|t| t.parse().ok()));
    baca.identitas.pemda = records
        .iter()
        .filter_map(Value::as_object)
        .find_map(|o| teks(o, &["nama_pemda", "pemda", "nama_daerah"]))
        .and_then(|t| super::report::pemda_dari_teks(&t).or(Some(rapikan(&t))));
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        let at = format!("{base}[{i}]");
        let Some(o) = record.as_object() else {
            baca.out.push(
                Diagnostic::error("json.bentuk", "unsur larik bukan objek sub kegiatan")
                    .path(at)
                    .expected("objek { \"kode_sub_giat\": …, … }")
                    .found(jenis(record)),
            );
            continue;
        };
        baca.rekam(o, &at, bidang.as_deref(), &mut pohon, &mut seen);
    }
    let PembacaJson { out, identitas } = baca;
    // Line and column of every JSON path, as `check` gives them.
    let text = String::from_utf8_lossy(bytes);
    let mut imported = selesai(identitas, pohon, out)?;
    crate::diagnostic::locate(&mut imported.peringatan, &text);
    crate::diagnostic::locate(&mut imported.galat, &text);
    Ok(imported)
}

fn jenis(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "boolean".into(),
        Value::Number(n) => format!("angka {n}"),
        Value::String(s) => format!("teks \"{s}\""),
        Value::Array(_) => "larik".into(),
        Value::Object(_) => "objek".into(),
    }
}

/// The first of `keys` present as a non-empty string or number, as text.
fn teks(o: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match o.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// The first of `keys` holding an array.
fn larik<'v>(o: &'v Map<String, Value>, keys: &[&str]) -> (&'v [Value], String) {
    keys.iter()
        .find_map(|k| match o.get(*k) {
            Some(Value::Array(list)) => Some((list.as_slice(), (*k).to_owned())),
            _ => None,
        })
        .unwrap_or((&[], String::new()))
}

const CAPAIAN: [&str; 4] = ["capaian_prog", "capaian_program", "capaian_prog_sub_keg", "capaian"];
const OUTPUT_GIAT: [&str; 3] = ["output_giat", "keluaran_giat", "output_kegiatan"];
const HASIL_GIAT: [&str; 4] = ["hasil_giat", "hasil_kegiatan", "outcome_giat", "sub_keg_indikator_hasil"];
const OUTPUT_SUB: [&str; 4] = ["output_sub_giat", "keluaran_sub_giat", "indikator_sub_giat", "sub_keg_indikator"];
const DANA: [&str; 3] = ["dana", "sumber_dana", "dana_sub_giat"];
const LOKASI: [&str; 3] = ["lokasi", "lokasi_sub_keg", "lokasi_sub_giat"];

struct PembacaJson {
    out: Vec<Diagnostic>,
    identitas: IdentitasSumber,
}

impl PembacaJson {
    fn rekam(
        &mut self,
        o: &Map<String, Value>,
        at: &str,
        bidang: Option<&str>,
        pohon: &mut PohonSumber,
        seen: &mut HashMap<String, String>,
    ) {
        if self.identitas.perangkat_daerah.is_none() {
            self.identitas.perangkat_daerah =
                teks(o, &["nama_skpd", "nama_sub_skpd"]).map(|n| rapikan(pisah_kode(&n).1));
        }
        if self.identitas.kode_unit.is_none() {
            self.identitas.kode_unit = teks(o, &["kode_skpd", "kode_sub_skpd"]);
        }
        let Some(kode_sub) = self.kode(o, at, "kode_sub_giat", "nama_sub_giat", TingkatKode::SubKegiatan, bidang)
        else {
            return;
        };
        let kode_giat = self.kode_opsional(o, "kode_giat", "nama_giat", bidang).unwrap_or_else(|| induk(&kode_sub, 5));
        let kode_program =
            self.kode_opsional(o, "kode_program", "nama_program", bidang).unwrap_or_else(|| induk(&kode_sub, 3));
        if kode_sub.starts_with(['X', 'x']) {
            self.out.push(super::report::bidang_tak_diketahui(&kode_sub, format!("{at}.kode_sub_giat")));
            return;
        }
        let tahun = self.identitas.tahun;
        let kode_sub = super::lengkapi_kode(
            kode_sub,
            TingkatKode::SubKegiatan,
            tahun,
            &format!("{at}.kode_sub_giat"),
            &mut self.out,
        );
        let kode_giat =
            super::lengkapi_kode(kode_giat, TingkatKode::Kegiatan, tahun, &format!("{at}.kode_giat"), &mut self.out);
        let kode_program = super::lengkapi_kode(
            kode_program,
            TingkatKode::Program,
            tahun,
            &format!("{at}.kode_program"),
            &mut self.out,
        );
        let here = format!("{at}.kode_sub_giat");
        match seen.get(&kode_sub) {
            // The same sub-kegiatan at two places or by two sub-units: two records, two rows.
            Some(first) => self.out.push(super::report::kode_ganda(&kode_sub, &here, first)),
            None => {
                seen.insert(kode_sub.clone(), here);
            }
        }
        for (kode_key, nama_key) in [("kode_urusan", "nama_urusan"), ("kode_bidang_urusan", "nama_bidang_urusan")] {
            // A shared record's `X`/`X.XX` headings name no urusan of this Perangkat Daerah.
            let shared = teks(o, &[kode_key]).is_some_and(|k| k.contains(['X', 'x']));
            if let Some(kode) = self.kode_opsional(o, kode_key, nama_key, bidang).filter(|_| !shared) {
                let raw = teks(o, &[kode_key]).unwrap_or_default();
                let nama =
                    teks(o, &[nama_key]).map(|n| rapikan(lepas_kode_depan(pisah_kode(&n).1, &raw))).unwrap_or_default();
                pohon.tambah_judul(&kode, &nama);
            }
        }
        // Every record repeats its program's capaian and its kegiatan's keluaran and hasil, not
        // always the same ones: each distinct indicator is kept, in first-seen order.
        let i = match pohon.cari_program(&kode_program) {
            Some(i) => {
                let more = self.indikator_list(o, at, &CAPAIAN);
                tambah_indikator(&mut pohon.program[i].0.indikator, more, &mut self.out);
                i
            }
            None => {
                let mut p = self.simpul(o, at, &kode_program, "nama_program");
                let list = self.indikator_list(o, at, &CAPAIAN);
                tambah_indikator(&mut p.indikator, list, &mut self.out);
                p.letak_target = format!("{at}.{}", larik_nama(o, &CAPAIAN, "capaian_prog"));
                pohon.program.push((p, Vec::new()));
                pohon.program.len() - 1
            }
        };
        let j = match pohon.program[i].1.iter().position(|(k, _)| k.kode == kode_giat) {
            Some(j) => {
                let keluaran = self.indikator_list(o, at, &OUTPUT_GIAT);
                let hasil = self.indikator_list(o, at, &HASIL_GIAT);
                let k = &mut pohon.program[i].1[j].0;
                tambah_indikator(&mut k.indikator, keluaran, &mut self.out);
                tambah_indikator(&mut k.hasil, hasil, &mut self.out);
                j
            }
            None => {
                let mut k = self.simpul(o, at, &kode_giat, "nama_giat");
                let keluaran = self.indikator_list(o, at, &OUTPUT_GIAT);
                let hasil = self.indikator_list(o, at, &HASIL_GIAT);
                tambah_indikator(&mut k.indikator, keluaran, &mut self.out);
                tambah_indikator(&mut k.hasil, hasil, &mut self.out);
                k.letak_target = format!("{at}.{}", larik_nama(o, &OUTPUT_GIAT, "output_giat"));
                k.kelompok_sasaran = teks(o, &["sasaran", "kelompok_sasaran"]).map(|t| rapikan(&t)).unwrap_or_default();
                k.penanggung_jawab = teks(o, &["nama_sub_skpd"]).map(|t| rapikan(&t)).unwrap_or_default();
                pohon.program[i].1.push((k, Vec::new()));
                pohon.program[i].1.len() - 1
            }
        };
        let mut s = self.simpul(o, at, &kode_sub, "nama_sub_giat");
        let keluaran = self.indikator_list(o, at, &OUTPUT_SUB);
        tambah_indikator(&mut s.indikator, keluaran, &mut self.out);
        s.pagu = self.rupiah(o, at, &["pagu_indikatif", "pagu"]);
        s.pagu_maju = self.rupiah(o, at, &["pagu_n_depan", "pagu_maju"]);
        s.kelompok_sasaran = teks(o, &["sasaran", "kelompok_sasaran"]).map(|t| rapikan(&t)).unwrap_or_default();
        s.penanggung_jawab = teks(o, &["nama_sub_skpd"]).map(|t| rapikan(&t)).unwrap_or_default();
        s.waktu_pelaksanaan = waktu(o);
        s.prioritas.nasional = teks(o, &["label_pusat"]).map(|t| rapikan(&t)).unwrap_or_default();
        s.prioritas.provinsi = teks(o, &["label_prov"]).map(|t| rapikan(&t)).unwrap_or_default();
        s.prioritas.daerah = teks(o, &["label_kokab"]).map(|t| rapikan(&t)).unwrap_or_default();
        s.lokasi = lokasi(o);
        s.dana = self.dana(o, at, s.pagu);
        pohon.program[i].1[j].1.push(s);
    }

    /// A node with its kode and name (the code in front of the name taken off).
    fn simpul(&self, o: &Map<String, Value>, at: &str, kode: &str, nama_key: &str) -> SimpulSumber {
        let raw = nama_key.strip_prefix("nama_").and_then(|key| teks(o, &[&format!("kode_{key}")])).unwrap_or_default();
        let nama = teks(o, &[nama_key]).map(|n| rapikan(lepas_kode_depan(pisah_kode(&n).1, &raw))).unwrap_or_default();
        SimpulSumber { kode: kode.to_owned(), nama, letak: format!("{at}.{nama_key}"), ..SimpulSumber::default() }
    }

    /// A required code: the field, else the code in front of the name.
    fn kode(
        &mut self,
        o: &Map<String, Value>,
        at: &str,
        key: &str,
        nama_key: &str,
        tingkat: TingkatKode,
        bidang: Option<&str>,
    ) -> Option<String> {
        let raw = teks(o, &[key]).or_else(|| teks(o, &[nama_key]).and_then(|n| pisah_kode(&n).0.map(str::to_owned)));
        match raw {
            Some(k) if seperti_kode(&k) && TingkatKode::dari_kode(&k) == Some(tingkat) => {
                Some(selesaikan_kode(&k, bidang))
            }
            other => {
                self.out.push(
                    Diagnostic::error("kode.tidak_dikenali", format!("kode {} tidak dikenali", tingkat.label()))
                        .path(format!("{at}.{key}"))
                        .expected("kode sub kegiatan bertitik, mis. 1.03.02.2.01.0001")
                        .found(other.map_or_else(|| "tidak ada".to_owned(), |k| format!("\"{k}\"")))
                        .hint(format!("setiap objek memerlukan {key}")),
                );
                None
            }
        }
    }

    fn kode_opsional(&self, o: &Map<String, Value>, key: &str, nama_key: &str, bidang: Option<&str>) -> Option<String> {
        teks(o, &[key])
            .or_else(|| teks(o, &[nama_key]).and_then(|n| pisah_kode(&n).0.map(str::to_owned)))
            .filter(|k| seperti_kode(k))
            .map(|k| selesaikan_kode(&k, bidang))
    }

    fn indikator_list(&mut self, o: &Map<String, Value>, at: &str, keys: &[&str]) -> Vec<(Indikator, String)> {
        let (list, key) = larik(o, keys);
        let mut out = Vec::new();
        for (n, item) in list.iter().enumerate() {
            let Some(item) = item.as_object() else { continue };
            let path = format!("{at}.{key}[{n}]");
            let uraian = teks(
                item,
                &["tolok_ukur", "tolak_ukur", "capaianteks", "outputteks", "hasilteks", "indikator", "uraian"],
            )
            .map(|t| rapikan(super::lepas_label(&t).1))
            .unwrap_or_default();
            let satuan_field =
                teks(item, &["satuan", "satuancapaian", "satuanoutput", "satuanhasil"]).unwrap_or_default();
            let target = self.target(item, &path);
            let maju = ["target_n_depan", "target_maju"].iter().find_map(|k| match item.get(*k) {
                Some(Value::Number(n)) => angka_json(n).map(|n| (n, String::new())),
                Some(Value::String(t)) => nilai_bersatuan(t).ok().flatten(),
                _ => None,
            });
            if uraian.is_empty() && target.is_none() {
                continue;
            }
            let satuan = if satuan_field.is_empty() {
                target.as_ref().map(|(_, u)| u.clone()).unwrap_or_default()
            } else {
                rapikan(&satuan_field)
            };
            out.push((
                Indikator {
                    uraian,
                    satuan,
                    target: target.map(|(n, _)| Nilai::new(n)),
                    target_maju: maju.map(|(n, _)| Nilai::new(n)),
                    ..Indikator::default()
                },
                path,
            ));
        }
        out
    }

    /// An indicator's target: the number field, else the text (`"12 Dokumen"`).
    fn target(&mut self, item: &Map<String, Value>, path: &str) -> Option<(Decimal, String)> {
        for key in ["target", "targetcapaian", "targetoutput", "targethasil"] {
            let Some(value) = item.get(key) else { continue };
            let text = match value {
                // A JSON number is the decimal it writes: 0.125 and 1.275 stay what they are.
                Value::Number(n) => match angka_json(n) {
                    Some(n) => return Some((n, String::new())),
                    None => n.to_string(),
                },
                Value::String(s) => s.trim().to_owned(),
                _ => continue,
            };
            if text.is_empty() {
                continue;
            }
            return match angka(&text) {
                Some(n) => {
                    if super::ambigu(&text) {
                        self.out.push(super::peringatan_ambigu(format!("{path}.{key}"), &text, n));
                    }
                    Some((n, String::new()))
                }
                None => {
                    self.out.push(
                        Diagnostic::error("angka.teks", "target berisi teks, bukan angka")
                            .path(format!("{path}.{key}"))
                            .expected("angka, mis. 12 atau \"94,5\"")
                            .found(format!("\"{text}\""))
                            .hint("tulis target sebagai angka; satuannya di \"satuan\""),
                    );
                    None
                }
            };
        }
        let text = teks(item, &["target_teks", "targetcapaianteks", "targetoutputteks", "targethasilteks"])?;
        match nilai_bersatuan(&text) {
            Ok(v) => v,
            Err(()) => {
                self.out.push(
                    Diagnostic::error("angka.teks", "target berisi teks, bukan angka")
                        .path(format!("{path}.target_teks"))
                        .expected("angka dengan satuannya, mis. \"12 Dokumen\"")
                        .found(format!("\"{text}\""))
                        .hint("tulis target sebagai angka"),
                );
                None
            }
        }
    }

    fn rupiah(&mut self, o: &Map<String, Value>, at: &str, keys: &[&str]) -> Option<Decimal> {
        let (key, value) = keys.iter().find_map(|k| match o.get(*k) {
            Some(Value::Null) | None => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(v) => Some((*k, v)),
        })?;
        let (text, read) = match value {
            Value::Number(n) => (n.to_string(), angka_json(n)),
            Value::String(s) => (s.trim().to_owned(), angka(s.trim())),
            other => (jenis(other), None),
        };
        let problem = match read.map(rupiah_bulat) {
            Some(Ok(n)) => return Some(n),
            Some(Err(why)) => format!("angka {why}"),
            None => "teks, bukan angka".to_owned(),
        };
        self.out.push(
            Diagnostic::error("angka.teks", format!("{key} berisi {problem}"))
                .path(format!("{at}.{key}"))
                .expected("rupiah bulat, mis. 296187500")
                .found(format!("\"{text}\""))
                .hint("tulis pagu sebagai angka tanpa huruf"),
        );
        None
    }

    /// Funding sources with their amounts; the amounts must add up to the pagu.
    fn dana(&mut self, o: &Map<String, Value>, at: &str, pagu: Option<Decimal>) -> Vec<(String, Option<Decimal>)> {
        let (list, key) = larik(o, &DANA);
        let mut out = Vec::new();
        for (n, item) in list.iter().enumerate() {
            let Some(item) = item.as_object() else { continue };
            let Some(nama) = teks(item, &["nama_dana", "namadana", "nama"]) else { continue };
            // "[DANA UMUM] - PENDAPATAN ASLI DAERAH (PAD)": the group label goes, as SIPD prints it.
            let nama = nama.split_once("] - ").map_or(nama.as_str(), |(_, n)| n).to_owned();
            let amount = self.rupiah(item, &format!("{at}.{key}[{n}]"), &["pagu_dana", "pagudana", "pagu"]);
            out.push((rapikan(&nama), amount));
        }
        let stated: Vec<Decimal> = out.iter().filter_map(|(_, p)| *p).collect();
        if let Some(pagu) = pagu
            && !stated.is_empty()
            && stated.len() == out.len()
        {
            let total: Decimal = stated.iter().sum();
            if total != pagu {
                let (arah, selisih) = if total > pagu { ("lebih", total - pagu) } else { ("kurang", pagu - total) };
                self.out.push(
                    Diagnostic::error("dana.tidak_sama", "jumlah pagu_dana tidak sama dengan pagu sub kegiatan")
                        .path(format!("{at}.{key}"))
                        .expected(format!("jumlah {} (pagu)", format::rupiah(pagu)))
                        .found(format!("{} ({arah} {})", format::rupiah(total), format::rupiah(selisih)))
                        .hint("periksa pagu tiap sumber dana di SIPD-RI"),
                );
            }
        }
        out
    }
}

/// Adds the indicators of one record to a node's list: one equal to an indicator already there
/// (the same uraian, satuan and target, as every record repeats them) is the same indicator;
/// one whose uraian differs only in spacing, case or punctuation ("Aplikasidan" for "Aplikasi
/// dan") is kept, with a warning naming both.
fn tambah_indikator(list: &mut Vec<Indikator>, more: Vec<(Indikator, String)>, out: &mut Vec<Diagnostic>) {
    for (ind, place) in more {
        if list.iter().any(|i| sama_indikator(i, &ind)) {
            continue;
        }
        if let Some(twin) = list.iter().find(|i| inti(&i.uraian) == inti(&ind.uraian)) {
            out.push(
                Diagnostic::warning("indikator.mirip", "dua indikator hampir sama")
                    .path(place.clone())
                    .expected(format!("indikator yang sama ditulis sama dengan yang sudah ada: \"{}\"", twin.uraian))
                    .found(format!("\"{}\"", ind.uraian))
                    .hint("keduanya diimpor; bila keduanya satu indikator, samakan tulisannya di SIPD-RI atau hapus salah satunya di rencana"),
            );
        }
        list.push(ind);
    }
}

fn sama_indikator(a: &Indikator, b: &Indikator) -> bool {
    a.uraian.to_lowercase() == b.uraian.to_lowercase()
        && a.satuan.to_lowercase() == b.satuan.to_lowercase()
        && a.target.as_ref().map(|n| n.angka) == b.target.as_ref().map(|n| n.angka)
}

/// An uraian's letters and digits only, lowercase: what two spellings of one indicator share.
pub(crate) fn inti(uraian: &str) -> String {
    uraian.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn larik_nama(o: &Map<String, Value>, keys: &[&str], default: &str) -> String {
    let (_, key) = larik(o, keys);
    if key.is_empty() { default.to_owned() } else { key }
}

/// Locations as the report prints them: "Kab. X, Kec. Y, Desa Z", or "Semua Kecamatan".
fn lokasi(o: &Map<String, Value>) -> Vec<String> {
    let (list, _) = larik(o, &LOKASI);
    list.iter()
        .filter_map(Value::as_object)
        .filter_map(|item| {
            let daerah = teks(item, &["daerahteks", "nama_daerah"]);
            let camat = teks(item, &["camatteks", "nama_kecamatan"]);
            let lurah = teks(item, &["lurahteks", "nama_kelurahan"]);
            let mut parts: Vec<String> = daerah.into_iter().map(|t| rapikan(&t)).collect();
            match camat {
                Some(c) if c.to_lowercase().starts_with("kec") || c.to_lowercase().starts_with("semua") => {
                    parts.push(rapikan(&c))
                }
                Some(c) => parts.push(format!("Kec. {}", rapikan(&c))),
                None => parts.push("Semua Kecamatan".to_owned()),
            }
            if let Some(l) = lurah {
                parts.push(rapikan(&l));
            }
            (!parts.is_empty()).then(|| parts.join(", "))
        })
        .collect()
}

/// `waktu_awal` … `waktu_akhir` (month numbers) as "Januari-Desember".
fn waktu(o: &Map<String, Value>) -> String {
    let month = |k: &str| teks(o, &[k]).and_then(|t| t.parse::<usize>().ok()).filter(|m| (1..=12).contains(m));
    match (month("waktu_awal"), month("waktu_akhir")) {
        (Some(a), Some(b)) if a == b => crate::format::BULAN[a - 1].to_owned(),
        (Some(a), Some(b)) => format!("{}-{}", crate::format::BULAN[a - 1], crate::format::BULAN[b - 1]),
        _ => String::new(),
    }
}
