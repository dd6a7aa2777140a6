//! Numbers and dates as a plan writes them: whole rupiah, exact decimals, calendar dates.

use std::fmt;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// An amount in whole rupiah. Written as a JSON integer or a string of digits, never with
/// separators; loaded exactly into a [`Decimal`]. Negative or fractional strings load, so that
/// `check` can report them together with every other problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rupiah(pub Decimal);

impl Serialize for Rupiah {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_angka(self.0, s)
    }
}

/// A number as the plan writes it: a JSON number where that keeps it exactly as written
/// (`5067000`, `80.5`), else a decimal string (`"80.50"`, 30 digits), which loads the same.
fn serialize_angka<S: serde::Serializer>(value: Decimal, s: S) -> Result<S::Ok, S::Error> {
    let text = value.to_string();
    if value.scale() == 0
        && let Ok(whole) = text.parse::<i64>()
    {
        return s.serialize_i64(whole);
    }
    match text.parse::<f64>() {
        Ok(float) if float.is_finite() && float.to_string() == text => s.serialize_f64(float),
        _ => s.serialize_str(&text),
    }
}

/// A target or realisation value: a JSON number or a decimal string ("80.5"), loaded exactly
/// into a [`Decimal`], in its indicator's `satuan`. Where a source states the unit of one value,
/// write `{ "nilai": 2, "satuan": "Unit" }`; `check` then verifies it matches the indicator's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Nilai {
    pub angka: Decimal,
    pub satuan: Option<String>,
}

impl Nilai {
    pub fn new(angka: Decimal) -> Self {
        Nilai { angka, satuan: None }
    }
}

impl Serialize for Nilai {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// The value alone, as [`serialize_angka`] writes it.
        struct NilaiSaja(Decimal);
        impl Serialize for NilaiSaja {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serialize_angka(self.0, s)
            }
        }
        match &self.satuan {
            None => serialize_angka(self.angka, s),
            Some(satuan) => {
                let mut st = s.serialize_struct("Nilai", 2)?;
                st.serialize_field("nilai", &NilaiSaja(self.angka))?;
                st.serialize_field("satuan", satuan)?;
                st.end()
            }
        }
    }
}

impl JsonSchema for Rupiah {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rupiah".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Rupiah bulat: angka JSON atau string angka, tanpa pemisah ribuan (mis. 1073384000).",
            "anyOf": [{ "type": "integer" }, { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" }]
        })
    }
}

impl JsonSchema for Nilai {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Nilai".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Nilai dalam satuan indikatornya: angka (mis. 80.5), string angka, atau { nilai, satuan }.",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" },
                {
                    "type": "object",
                    "properties": {
                        "nilai": { "anyOf": [{ "type": "number" }, { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" }] },
                        "satuan": { "type": "string" }
                    },
                    "required": ["nilai"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for Tanggal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Tanggal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Tanggal YYYY-MM-DD, mis. 2018-11-30.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

/// A calendar date written YYYY-MM-DD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct Tanggal {
    pub tahun: i32,
    pub bulan: u8,
    pub hari: u8,
}

impl From<Tanggal> for String {
    fn from(t: Tanggal) -> String {
        format!("{:04}-{:02}-{:02}", t.tahun, t.bulan, t.hari)
    }
}

impl<'de> Deserialize<'de> for Tanggal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_tanggal(&text).ok_or_else(|| {
            de::Error::custom(format!("tanggal tidak valid: \"{text}\"; tulis YYYY-MM-DD, mis. \"2018-11-30\""))
        })
    }
}

fn parse_tanggal(text: &str) -> Option<Tanggal> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    // Digits only: `str::parse` would take "+123" as a year.
    if ![y, m, d].iter().all(|part| part.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let tanggal = Tanggal { tahun: y.parse().ok()?, bulan: m.parse().ok()?, hari: d.parse().ok()? };
    let leap = tanggal.tahun % 4 == 0 && (tanggal.tahun % 100 != 0 || tanggal.tahun % 400 == 0);
    let days = match tanggal.bulan {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&tanggal.hari).then_some(tanggal)
}

/// Years far outside any calendar are refused at load, so that n-3 … n+1 can never overflow;
/// `check` judges the plausible range.
pub(super) fn tahun_terbatas<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let tahun = i32::deserialize(d)?;
    if tahun.unsigned_abs() > 1_000_000 {
        return Err(de::Error::custom(format!("tahun {tahun} tidak wajar; tulis tahun rencana (n), mis. 2019")));
    }
    Ok(tahun)
}

/// How a decimal string must look: an optional minus, digits, optionally a point and digits.
fn plain_decimal(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let ok = !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    Decimal::from_str_exact(text).ok()
}

struct NumberVisitor {
    what: &'static str,
    whole: bool,
}

impl NumberVisitor {
    fn hint(&self) -> &'static str {
        if self.whole {
            "tulis rupiah sebagai bilangan bulat tanpa pemisah ribuan, desimal, atau eksponen, mis. 1073384000"
        } else {
            "tulis angka saja dengan titik desimal, mis. 80.5; satuannya ditulis di kolom \"satuan\""
        }
    }
}

impl Visitor<'_> for NumberVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} (angka JSON atau string angka)", self.what)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // serde_json hands integers that fit 64 bits to visit_u64/visit_i64; a float here was
        // written with a point or an exponent, or is too large.
        if self.whole {
            return Err(E::custom(format!(
                "{} harus bilangan bulat rupiah, ditemukan {v}; {}",
                self.what,
                self.hint()
            )));
        }
        // Rust prints the shortest decimal that round-trips, i.e. the literal as typed.
        plain_decimal(&v.to_string())
            .ok_or_else(|| E::custom(format!("{} di luar jangkauan, ditemukan {v}; {}", self.what, self.hint())))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        plain_decimal(v.trim()).ok_or_else(|| E::custom(format!("{} tidak valid: \"{v}\"; {}", self.what, self.hint())))
    }
}

impl<'de> Deserialize<'de> for Rupiah {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor { what: "rupiah", whole: true }).map(Rupiah)
    }
}

/// A bare number inside `{ "nilai": …, "satuan": … }`.
struct Angka(Decimal);

impl<'de> Deserialize<'de> for Angka {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor { what: "nilai", whole: false }).map(Angka)
    }
}

struct NilaiVisitor;

impl<'de> Visitor<'de> for NilaiVisitor {
    type Value = Nilai;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("nilai (angka JSON, string angka, atau { \"nilai\": angka, \"satuan\": teks })")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nilai, E> {
        Ok(Nilai::new(Decimal::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nilai, E> {
        Ok(Nilai::new(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nilai, E> {
        NumberVisitor { what: "nilai", whole: false }.visit_f64(v).map(Nilai::new)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Nilai, E> {
        NumberVisitor { what: "nilai", whole: false }.visit_str(v).map(Nilai::new)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Nilai, A::Error> {
        let (mut angka, mut satuan) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "nilai" => angka = Some(map.next_value::<Angka>()?.0),
                "satuan" => satuan = Some(map.next_value::<String>()?),
                other => return Err(de::Error::unknown_field(other, &["nilai", "satuan"])),
            }
        }
        let angka = angka.ok_or_else(|| de::Error::missing_field("nilai"))?;
        Ok(Nilai { angka, satuan })
    }
}

impl<'de> Deserialize<'de> for Nilai {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NilaiVisitor)
    }
}
