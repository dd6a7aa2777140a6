//! A signed PDF as a signer leaves it: the build, then incremental updates, each ending in
//! `%%EOF`; a signature's dictionary holds the `/ByteRange` it covers and, in the gap the range
//! leaves, its CMS (PKCS #7) message. What is checked here is integrity: the message digest the
//! CMS message states against the hash of the signed bytes. The signature value over that digest
//! and the signer's certificate chain (BSrE) are not: pyHanko and poppler's `pdfsig` do that.

use cms::cert::x509::certificate::Certificate;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{GeneralizedTime, ObjectIdentifier, OctetStringRef, UtcTime};
use der::{Decode, SliceReader};
use sha2::{Digest, Sha256, Sha384, Sha512};

const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const OID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const OID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const OID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const OID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// One revision of a PDF: its bytes run from the file's start to `akhir` (just after its
/// `%%EOF`), or to `akhir_eol` with the end-of-line that may follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revisi {
    pub akhir: usize,
    pub akhir_eol: usize,
}

/// Every revision of the file, in order.
pub fn revisi(pdf: &[u8]) -> Vec<Revisi> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = super::find(pdf, b"%%EOF", from) {
        let akhir = at + 5;
        let mut akhir_eol = akhir;
        if pdf.get(akhir_eol) == Some(&b'\r') {
            akhir_eol += 1;
        }
        if pdf.get(akhir_eol) == Some(&b'\n') {
            akhir_eol += 1;
        }
        out.push(Revisi { akhir, akhir_eol });
        from = akhir;
    }
    out
}

/// One signature found in the file.
#[derive(Debug, Clone)]
pub struct TandaTangan {
    /// The signature field's name (`/T`).
    pub medan: Option<String>,
    /// The signer's common name, from the certificate the CMS message names.
    pub penanda_tangan: Option<String>,
    /// Signing time: the CMS `signingTime`, else the dictionary's `/M`.
    pub waktu: Option<String>,
    /// `/ByteRange [a b c d]`: bytes a..a+b and c..c+d are signed.
    pub rentang: [usize; 4],
    /// The range starts at byte 0, leaves out only the signature value, and ends where a
    /// revision ends: the whole file up to that point is signed.
    pub menyeluruh: bool,
    /// Message digest equals the hash of the signed bytes (`Ok(true)`), differs (`Ok(false)`),
    /// or could not be checked, and why.
    pub digest: Result<bool, String>,
}

impl TandaTangan {
    /// The end of the signed bytes.
    pub fn akhir(&self) -> usize {
        self.rentang[2] + self.rentang[3]
    }
}

/// Every signature dictionary of the file, in file order.
pub fn tanda_tangan(pdf: &[u8]) -> Vec<TandaTangan> {
    let revisions = revisi(pdf);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = super::find(pdf, b"/ByteRange", from) {
        from = at + 10;
        let Some(rentang) = byte_range(&pdf[from..]) else { continue };
        let [a, b, c, d] = rentang;
        let inside = a.checked_add(b).is_some_and(|ab| ab <= c) && c.checked_add(d).is_some_and(|cd| cd <= pdf.len());
        let contents = if inside { hex_string(&pdf[a + b..c]) } else { None };
        let menyeluruh = inside
            && a == 0
            && contents.is_some()
            && revisions.iter().any(|r| (r.akhir..=r.akhir_eol).contains(&(c + d)));
        let mut ttd = TandaTangan {
            medan: field_name(pdf, at),
            penanda_tangan: None,
            waktu: signing_time_m(pdf, at),
            rentang,
            menyeluruh,
            digest: Err("rentang byte melampaui berkas atau tidak membungkus nilai tanda tangan".to_owned()),
        };
        if let Some(der) = contents {
            let signed = if inside { [&pdf[a..a + b], &pdf[c..c + d]] } else { [&[][..], &[][..]] };
            match cms(&der, signed) {
                Ok((digest, nama, waktu)) => {
                    ttd.digest = digest;
                    ttd.penanda_tangan = nama;
                    ttd.waktu = waktu.or(ttd.waktu);
                }
                Err(why) => ttd.digest = Err(why),
            }
        }
        out.push(ttd);
    }
    out
}

/// `[a b c d]` after `/ByteRange`.
fn byte_range(text: &[u8]) -> Option<[usize; 4]> {
    let text = std::str::from_utf8(&text[..text.len().min(120)]).ok().or_else(|| {
        let end = text.iter().take(120).position(|&b| b == b']')? + 1;
        std::str::from_utf8(&text[..end]).ok()
    })?;
    let inner = text.trim_start().strip_prefix('[')?;
    let inner = &inner[..inner.find(']')?];
    let numbers: Vec<usize> = inner.split_whitespace().map(str::parse).collect::<Result<_, _>>().ok()?;
    numbers.try_into().ok()
}

/// The bytes of a PDF hex string `<…>` (trailing zero padding kept; DER decoding stops at the
/// message's end).
fn hex_string(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?.trim();
    let hex: Vec<u8> =
        text.strip_prefix('<')?.strip_suffix('>')?.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    hex.chunks(2).map(|pair| std::str::from_utf8(pair).ok().and_then(|p| u8::from_str_radix(p, 16).ok())).collect()
}

/// Digest check, signer's name and signing time from a CMS SignedData message.
type CmsInfo = (Result<bool, String>, Option<String>, Option<String>);

fn cms(der: &[u8], signed: [&[u8]; 2]) -> Result<CmsInfo, String> {
    let rusak = |e: der::Error| format!("pesan CMS tidak terbaca ({e})");
    let mut reader = SliceReader::new(der).map_err(rusak)?;
    let info = ContentInfo::decode(&mut reader).map_err(rusak)?;
    let data: SignedData = info.content.decode_as().map_err(rusak)?;
    let signer = data.signer_infos.0.iter().next().ok_or("pesan CMS tanpa penanda tangan")?;
    let certificates: Vec<&Certificate> = data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            cms::cert::CertificateChoices::Certificate(c) => Some(c),
            _ => None,
        })
        .collect();
    let certificate = match &signer.sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => certificates
            .iter()
            .find(|c| c.tbs_certificate.issuer == id.issuer && c.tbs_certificate.serial_number == id.serial_number),
        SignerIdentifier::SubjectKeyIdentifier(_) => None,
    }
    .or(certificates.first());
    let nama = certificate.and_then(|c| {
        c.tbs_certificate
            .subject
            .0
            .iter()
            .flat_map(|rdn| rdn.0.iter())
            .find(|atv| atv.oid == OID_COMMON_NAME)
            .map(|atv| String::from_utf8_lossy(atv.value.value()).into_owned())
    });
    let attrs = signer.signed_attrs.as_ref();
    let attr = |oid: ObjectIdentifier| attrs.and_then(|a| a.iter().find(|x| x.oid == oid)?.values.iter().next());
    let waktu = attr(OID_SIGNING_TIME)
        .and_then(|v| {
            v.decode_as::<UtcTime>()
                .map(|t| t.to_date_time())
                .or_else(|_| v.decode_as::<GeneralizedTime>().map(|t| t.to_date_time()))
                .ok()
        })
        .map(|t| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minutes(),
                t.seconds()
            )
        });
    let digest = match attr(OID_MESSAGE_DIGEST).and_then(|v| v.decode_as::<OctetStringRef>().ok()) {
        None => Err("pesan CMS tanpa atribut messageDigest".to_owned()),
        Some(stated) => {
            let oid = signer.digest_alg.oid;
            let computed: Option<Vec<u8>> = if oid == OID_SHA256 {
                Some(digest_of::<Sha256>(signed))
            } else if oid == OID_SHA384 {
                Some(digest_of::<Sha384>(signed))
            } else if oid == OID_SHA512 {
                Some(digest_of::<Sha512>(signed))
            } else {
                None
            };
            computed.map(|c| c == stated.as_bytes()).ok_or_else(|| format!("algoritme hash {oid} tidak dikenal renja"))
        }
    };
    Ok((digest, nama, waktu))
}

/// The hash of the signed bytes (the two parts of the byte range, in order).
fn digest_of<D: Digest>(parts: [&[u8]; 2]) -> Vec<u8> {
    let mut d = D::new();
    for part in parts {
        d.update(part);
    }
    d.finalize().to_vec()
}

/// The object that holds the byte at `at`: its number and generation (`N G obj`).
fn enclosing_object(pdf: &[u8], at: usize) -> Option<(usize, &str)> {
    let start = rfind(&pdf[..at], b" obj")?;
    let line_start = pdf[..start].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1);
    let header = std::str::from_utf8(&pdf[line_start..start]).ok()?.trim();
    let mut words = header.split_whitespace();
    let (number, generation) = (words.next()?, words.next()?);
    number.parse::<u32>().ok()?;
    generation.parse::<u32>().ok()?;
    Some((line_start, header))
}

/// The name of the field whose value (`/V N G R`) is the signature dictionary at `at`.
fn field_name(pdf: &[u8], at: usize) -> Option<String> {
    let (_, header) = enclosing_object(pdf, at)?;
    let reference = format!("/V {header} R").replace(" obj", "");
    let reference = reference.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    while let Some(v) = super::find(pdf, reference.as_bytes(), from) {
        from = v + reference.len();
        if pdf.get(from).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let (start, _) = enclosing_object(pdf, v)?;
        let end = super::find(pdf, b"endobj", v).unwrap_or(pdf.len());
        let t = super::find(&pdf[..end], b"/T", start)?;
        return pdf_string(&pdf[t + 2..end]);
    }
    None
}

/// The `/M (D:…)` of the signature dictionary at `at`, as `YYYY-MM-DD hh:mm:ss`.
fn signing_time_m(pdf: &[u8], at: usize) -> Option<String> {
    let (start, _) = enclosing_object(pdf, at)?;
    let end = super::find(pdf, b"endobj", at).unwrap_or(pdf.len());
    let m = super::find(&pdf[..end], b"/M", start)?;
    let text = pdf_string(&pdf[m + 2..end])?;
    let digits: String = text.trim_start_matches("D:").chars().take(14).collect();
    (digits.len() == 14 && digits.chars().all(|c| c.is_ascii_digit())).then(|| {
        format!(
            "{}-{}-{} {}:{}:{}{}",
            &digits[0..4],
            &digits[4..6],
            &digits[6..8],
            &digits[8..10],
            &digits[10..12],
            &digits[12..14],
            if text.contains('Z') { " UTC" } else { "" }
        )
    })
}

/// A PDF string at the start of `bytes` (after whitespace): literal `( … )` with its escapes, or
/// hex `< … >`; UTF-16BE with a byte-order mark is decoded.
fn pdf_string(bytes: &[u8]) -> Option<String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let bytes = &bytes[start..];
    let raw: Vec<u8> = match bytes.first()? {
        b'(' => {
            let mut out = Vec::new();
            let (mut depth, mut i) = (1, 1);
            while i < bytes.len() {
                let c = bytes[i];
                match c {
                    b'\\' => {
                        let next = *bytes.get(i + 1)?;
                        if next.is_ascii_digit() {
                            let digits: Vec<u8> = bytes[i + 1..]
                                .iter()
                                .take(3)
                                .take_while(|b| (b'0'..=b'7').contains(b))
                                .copied()
                                .collect();
                            out.push(digits.iter().fold(0u8, |n, d| n.wrapping_mul(8).wrapping_add(d - b'0')));
                            i += digits.len();
                        } else {
                            out.push(match next {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                other => other,
                            });
                            i += 1;
                        }
                    }
                    b'(' => {
                        depth += 1;
                        out.push(c);
                    }
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                        out.push(c);
                    }
                    _ => out.push(c),
                }
                i += 1;
            }
            out
        }
        b'<' => hex_string(&bytes[..bytes.iter().position(|&b| b == b'>')? + 1])?,
        _ => return None,
    };
    if let Some(utf16) = raw.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks(2).map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)])).collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(raw.iter().map(|&b| char::from(b)).collect())
    }
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_strings_literal_and_hex() {
        assert_eq!(pdf_string(b" (Tanda\\(1\\) \\124) rest").as_deref(), Some("Tanda(1) T"));
        assert_eq!(pdf_string(b"<FEFF00540061>").as_deref(), Some("Ta"));
        assert_eq!(byte_range(b" [0 10 20 5] /Type"), Some([0, 10, 20, 5]));
    }

    #[test]
    fn revisions_end_at_each_eof() {
        let pdf = b"%PDF-1.7\nA\n%%EOF\nB\n%%EOF";
        assert_eq!(revisi(pdf), [Revisi { akhir: 16, akhir_eol: 17 }, Revisi { akhir: 24, akhir_eol: 24 }]);
    }
}
