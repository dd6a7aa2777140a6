//! `renja serve` over plain HTTP: a server started on port 0 for a copy of a plan, asked by
//! hand-written requests. Its address and token, the Host, Origin and token checks, an edit
//! saved by exactly the amount typed, a malformed kode found and placed beside its field, a
//! change that would break the plan refused, rows copied and removed, and a change made from a
//! stale page or beside the editor detected rather than written over.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::support::{flagship_path, root};

/// A `renja serve` process for a copy of a plan in a temporary directory; killed when dropped.
pub struct Server {
    child: std::process::Child,
    pub dir: tempfile::TempDir,
    pub plan: PathBuf,
    pub address: String,
    pub port: u16,
    pub token: String,
}

impl Server {
    pub fn start(plan: &Path) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("plan.json");
        std::fs::copy(plan, &copy).unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("renja"))
            .current_dir(dir.path())
            .args(["serve", "plan.json", "--port", "0"])
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The first line is printed once the socket listens: reading it is the wait.
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let address = line.trim().to_owned();
        let rest = address.strip_prefix("http://127.0.0.1:").unwrap_or_else(|| panic!("address: {address:?}"));
        let (port, token) = rest.split_once("/?token=").unwrap_or_else(|| panic!("address: {address:?}"));
        let (port, token) = (port.parse().unwrap(), token.to_owned());
        Server { child, dir, plan: copy, address, port, token }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// One request; `headers` as "Name: value" lines. Returns the status, head and body.
    pub fn request(&self, method: &str, target: &str, headers: &[String], body: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut head = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|h| h.to_ascii_lowercase().starts_with("host:")) {
            head.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for header in headers {
            head.push_str(&format!("{header}\r\n"));
        }
        if method == "POST" {
            head.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Response { status, head: head.to_owned(), body: body.to_owned() }
    }

    /// A `multipart/form-data` POST of `parts` (name, file name, bytes), as the page's import
    /// form sends it.
    pub fn post_multipart(&self, target: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Response {
        let boundary = "----renjaBatasUji7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, filename, data) in parts {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
            );
            if let Some(filename) = filename {
                body.extend_from_slice(
                    format!("; filename=\"{filename}\"\r\nContent-Type: application/octet-stream").as_bytes(),
                );
            }
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let head = format!(
            "POST {target} HTTP/1.1\r\nHost: {}\r\n{}\r\nOrigin: http://{}\r\nConnection: close\r\n\
             Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
            self.host(),
            self.cookie(),
            self.host(),
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        Response { status, head: head.to_owned(), body: body.to_owned() }
    }

    /// The saved plan as JSON.
    pub fn plan_value(&self) -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(&self.plan).unwrap()).unwrap()
    }

    fn cookie(&self) -> String {
        format!("Cookie: renja_token_{}={}", self.port, self.token)
    }

    /// The editor page, with the token cookie.
    pub fn page(&self) -> Response {
        self.request("GET", "/", &[self.cookie()], "")
    }

    /// A form POST with the cookie and this server's own Origin, as the page's htmx sends it.
    pub fn post(&self, target: &str, fields: &[(&str, &str)]) -> Response {
        let origin = format!("Origin: http://{}", self.host());
        self.request("POST", target, &[self.cookie(), origin], &form(fields))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    /// The value of the editor's hidden `versi` input: the plan version the page shows.
    pub fn version(&self) -> String {
        attribute_after(&self.body, "id=\"versi\"", "value")
    }

    /// The exact figure shown as JUMLAH.
    pub fn jumlah(&self) -> Decimal {
        attribute_after(&self.body, "<output id=\"jumlah\"", "data-nilai").parse().unwrap()
    }

    /// The HTML of the block holding the input at `path` (up to the next field or group).
    pub fn field_block(&self, path: &str) -> &str {
        let id = format!("id=\"blok-{}\"", renja::serve::form::anchor(path));
        let start = self.body.find(&id).unwrap_or_else(|| panic!("no field {path}"));
        let rest = &self.body[start + id.len()..];
        let end = [rest.find("id=\"blok-"), rest.find("<section")].into_iter().flatten().min().unwrap_or(rest.len());
        &self.body[start..start + id.len() + end]
    }
}

pub fn attribute_after(html: &str, marker: &str, name: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker} not in the page"));
    let rest = &html[at..];
    let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + rest[start..].find('"').unwrap();
    rest[start..end].to_owned()
}

/// `application/x-www-form-urlencoded`.
fn form(fields: &[(&str, &str)]) -> String {
    let encode = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The sub-kegiatan of the first kegiatan of the first program, as saved.
fn server_rows(plan: &Path) -> Vec<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(plan).unwrap()).unwrap();
    value["rencana"]["program"][0]["kegiatan"][0]["sub_kegiatan"].as_array().unwrap().clone()
}

pub fn pagu(plan: &Path, program: usize, kegiatan: usize) -> Decimal {
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(plan).unwrap()).unwrap();
    value["rencana"]["program"][program]["kegiatan"][kegiatan]["pagu"].to_string().parse().unwrap()
}

const PAGU: &str = "$.rencana.program[0].kegiatan[0].pagu";
const KODE: &str = "$.rencana.program[0].kegiatan[0].kode";

#[test]
fn serve_prints_a_tokened_loopback_address_and_refuses_foreign_requests() {
    let server = Server::start(&flagship_path());
    assert!(server.address.starts_with("http://127.0.0.1:"), "{}", server.address);
    assert_eq!(server.token.len(), 32);
    assert!(server.token.bytes().all(|b| b.is_ascii_hexdigit()));
    // Listening on the loopback address only, never on every interface.
    #[cfg(target_os = "linux")]
    {
        let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
        let listening: Vec<&str> = table
            .lines()
            .skip(1)
            .filter_map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                (cols.get(3) == Some(&"0A") && cols[1].ends_with(&format!(":{:04X}", server.port))).then(|| cols[1])
            })
            .collect();
        assert_eq!(listening, vec![format!("0100007F:{:04X}", server.port)]);
    }
    let with_token = format!("/?token={}", server.token);
    let no_token = server.request("GET", "/", &[], "");
    assert_eq!(no_token.status, 401, "{}", no_token.body);
    assert!(no_token.body.contains("token tidak ada"), "{}", no_token.body);
    assert_eq!(server.request("GET", "/?token=00000000000000000000000000000000", &[], "").status, 403);
    assert_eq!(
        server.request("GET", "/aset/htmx.min.js", &[format!("Cookie: renja_token_{}=salah", server.port)], "").status,
        403
    );
    let ok = server.request("GET", &with_token, &[], "");
    assert_eq!(ok.status, 200);
    assert!(
        ok.head.to_ascii_lowercase().contains(&format!("set-cookie: renja_token_{}={}", server.port, server.token)),
        "{}",
        ok.head
    );
    assert!(ok.head.contains("HttpOnly") && ok.head.contains("SameSite=Strict"), "{}", ok.head);
    // The cookie alone is enough afterwards, for the page and its embedded assets; the page
    // names no other site (no CDN): its script and stylesheet are the server's own.
    let page = server.page();
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("http://") && !page.body.contains("https://") && !page.body.contains("src=\"//"));
    assert!(page.body.contains("<script src=\"/aset/htmx.min.js\"></script>"));
    let htmx = server.request("GET", "/aset/htmx.min.js", &[server.cookie()], "");
    assert_eq!(htmx.status, 200);
    assert!(htmx.body.starts_with("var htmx="), "the vendored htmx is served");
    // DNS rebinding: a foreign Host is refused even with the token.
    let rebound = server.request("GET", &with_token, &[format!("Host: renja.example:{}", server.port)], "");
    assert_eq!(rebound.status, 403, "{}", rebound.body);
    assert_eq!(server.request("GET", &with_token, &["Host: 127.0.0.1:1".into()], "").status, 403);
    assert_eq!(server.request("GET", &with_token, &[format!("Host: localhost:{}", server.port)], "").status, 200);
    // CSRF: a change sent from another site is refused and the plan stays as it was.
    let before = std::fs::read(&server.plan).unwrap();
    let version = server.page().version();
    let body = form(&[("jalur", PAGU), ("nilai", "1"), ("jenis", "angka"), ("versi", &version)]);
    let foreign = server.request("POST", "/ubah", &[server.cookie(), "Origin: http://renja.example".into()], &body);
    assert_eq!(foreign.status, 403, "{}", foreign.body);
    let null_origin = server.request("POST", "/ubah", &[server.cookie(), "Origin: null".into()], &body);
    assert_eq!(null_origin.status, 403);
    assert_eq!(std::fs::read(&server.plan).unwrap(), before);
}

#[test]
fn an_edited_pagu_is_saved_and_moves_jumlah_by_exactly_that_amount() {
    let server = Server::start(&flagship_path());
    let original = std::fs::read_to_string(&server.plan).unwrap();
    let page = server.page();
    let before = pagu(&server.plan, 0, 0);
    let jumlah = page.jumlah();
    let loaded = renja::load::parse_str(&original).unwrap();
    assert_eq!(jumlah, renja::compute::compute(&loaded).jumlah.pagu, "JUMLAH is the library's");
    let delta = Decimal::from(1_000_000);
    let typed = renja::format::angka(before + delta);
    let answer =
        server.post("/ubah", &[("jalur", PAGU), ("nilai", &typed), ("jenis", "angka"), ("versi", &page.version())]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.head.contains("rencana-tersimpan"), "the preview is told: {}", answer.head);
    assert_eq!(pagu(&server.plan, 0, 0), before + delta);
    assert_eq!(answer.jumlah(), jumlah + delta);
    // Only that value changed in the file, in place.
    let saved = std::fs::read_to_string(&server.plan).unwrap();
    let expected = original.replacen(&format!("\"pagu\": {before},"), &format!("\"pagu\": {},", before + delta), 1);
    assert_eq!(saved, expected);
    // The file as it was is the newest backup.
    let backup = server.dir.path().join("plan.json.cadangan/1.json");
    assert_eq!(std::fs::read_to_string(backup).unwrap(), original);
    assert!(answer.body.contains(&format!("value=\"{typed}\" data-path=\"{PAGU}\"")));

    // A page still showing the old version (another tab) cannot overwrite the new one.
    let stale =
        server.post("/ubah", &[("jalur", PAGU), ("nilai", "1"), ("jenis", "angka"), ("versi", &page.version())]);
    assert!(stale.body.contains("tab atau jendela lain"), "{}", stale.body);
    assert_eq!(std::fs::read_to_string(&server.plan).unwrap(), saved);
    assert_eq!(stale.version(), answer.version());

    // A change made to the file by another program is detected, shown, and kept.
    let outside = saved.replacen("\"nama\": \"H. RENDRA KRESNA\"", "\"nama\": \"DIUBAH DI LUAR\"", 1);
    std::fs::write(&server.plan, &outside).unwrap();
    let late = server.post(
        "/ubah",
        &[("jalur", PAGU), ("nilai", "2"), ("jenis", "angka"), ("versi", &answer.version()), ("tampil", "umum")],
    );
    assert!(late.body.contains("diubah oleh program lain"), "{}", late.body);
    assert_eq!(std::fs::read_to_string(&server.plan).unwrap(), outside);
    assert!(late.body.contains("value=\"DIUBAH DI LUAR\""), "the page now shows the file");
}

#[test]
fn a_malformed_kode_is_found_and_shown_beside_its_field() {
    let server = Server::start(&flagship_path());
    let page = server.page();
    let answer =
        server.post("/ubah", &[("jalur", KODE), ("nilai", "4.5.x.1"), ("jenis", "teks"), ("versi", &page.version())]);
    assert_eq!(answer.status, 200);
    let block = answer.field_block(KODE);
    assert!(block.contains("role=\"alert\""), "{block}");
    assert!(block.contains("data-kode=\"kode.format\""), "{block}");
    let anchor = "f-rencana-program-0-kegiatan-0-kode";
    assert!(block.contains(&format!("aria-describedby=\"temuan-{anchor}\" aria-invalid=\"true\"")), "{block}");
    assert!(block.contains("4.5.x.1"), "{block}");
    // Listed too, with a link to the field, the path and the line in the file.
    assert!(answer.body.contains(&format!("<a href=\"#{anchor}\">{KODE}</a>")), "{}", answer.body);
    // From another view the list links to the field's view.
    let narasi = server.request("GET", "/?tampil=narasi", &[server.cookie()], "");
    assert!(narasi.body.contains(&format!("<a href=\"/?tampil=rencana#{anchor}\">{KODE}</a>")), "{}", narasi.body);
    // The narrative view: each prose field a text area at its path, the placeholders with their values.
    assert!(narasi.body.contains("<textarea id=\"f-bab_1-latar_belakang-isi\""), "{}", narasi.body);
    assert!(narasi.body.contains("data-path=\"$.bab_1.latar_belakang.isi\""));
    assert!(narasi.body.contains("<code>{{ total_pagu }}</code></td><td>1.073.384.000</td>"), "{}", narasi.body);
    // The plan still loads, so it is saved; `check` says the same at the same path.
    let check = crate::support::renja()
        .current_dir(server.dir.path())
        .args(["check", "plan.json", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let found =
        report["diagnostik"].as_array().unwrap().iter().any(|d| d["kode"] == "kode.format" && d["jalur"] == KODE);
    assert!(found, "{report}");
    assert!(answer.body.contains("(baris "), "the list gives the line in the file");

    // A value that would make the plan unloadable is refused, shown beside its field, not saved.
    let saved = std::fs::read(&server.plan).unwrap();
    let refused = server
        .post("/ubah", &[("jalur", PAGU), ("nilai", "12 juta"), ("jenis", "angka"), ("versi", &answer.version())]);
    let block = refused.field_block(PAGU);
    assert!(block.contains("role=\"alert\"") && block.contains("value=\"12 juta\""), "{block}");
    assert!(refused.body.contains("perubahan tidak disimpan"), "{}", refused.body);
    assert_eq!(std::fs::read(&server.plan).unwrap(), saved);
}

#[test]
fn rows_are_copied_and_removed_in_the_file() {
    let server = Server::start(&root().join("examples/dinas-pupr-kabupaten-temanggung-2027.json"));
    let original = std::fs::read_to_string(&server.plan).unwrap();
    let count = |path: &Path| {
        let value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        value["rencana"]["program"][0]["kegiatan"][0]["sub_kegiatan"].as_array().unwrap().len()
    };
    let n = count(&server.plan);
    let row = "$.rencana.program[0].kegiatan[0].sub_kegiatan[0]";
    let page = server.page();
    assert!(page.body.contains(&format!("data-aksi=\"salin\" data-path=\"{row}\"")));
    let copied = server.post("/salin", &[("jalur", row), ("versi", &page.version())]);
    assert_eq!(copied.status, 200);
    assert_eq!(count(&server.plan), n + 1);
    // The copy repeats the kode: check says so, beside the copy's kode.
    let copy_kode = copied.field_block("$.rencana.program[0].kegiatan[0].sub_kegiatan[1].kode");
    assert!(copy_kode.contains("role=\"alert\"") && copy_kode.contains("data-kode=\"kode.ganda\""), "{copy_kode}");
    // Its pagu counts once more in JUMLAH, as the library computes it.
    let value: serde_json::Value = serde_json::from_str(&original).unwrap();
    let row_pagu: Decimal =
        value["rencana"]["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["pagu"].to_string().parse().unwrap();
    assert_eq!(copied.jumlah(), page.jumlah() + row_pagu);
    let removed = server
        .post("/hapus", &[("jalur", "$.rencana.program[0].kegiatan[0].sub_kegiatan[1]"), ("versi", &copied.version())]);
    assert_eq!(removed.status, 200);
    assert_eq!(std::fs::read_to_string(&server.plan).unwrap(), original, "copy then remove gives the file back");

    // Reordered: the first row moved down is the second, and moved back up the file is as it was.
    let before = server_rows(&server.plan);
    assert!(removed.body.contains(&format!("data-aksi=\"turun\" data-path=\"{row}\"")));
    assert!(!removed.body.contains(&format!("data-aksi=\"naik\" data-path=\"{row}\"")), "the first row has no ▲");
    let down = server.post("/turun", &[("jalur", row), ("versi", &removed.version())]);
    let after = server_rows(&server.plan);
    assert_eq!((&after[0], &after[1]), (&before[1], &before[0]));
    assert_eq!(&after[2..], &before[2..]);
    let second = "$.rencana.program[0].kegiatan[0].sub_kegiatan[1]";
    let up = server.post("/naik", &[("jalur", second), ("versi", &down.version())]);
    assert_eq!(std::fs::read_to_string(&server.plan).unwrap(), original, "down then up gives the file back");
    let removed = up;

    // An indicator written as one object becomes a list of two; the second can be removed.
    let indikator = "$.rencana.program[0].kegiatan[0].sub_kegiatan[0].indikator";
    let sub = |path: &Path| {
        let value: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        value["rencana"]["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["indikator"].clone()
    };
    let one = sub(&server.plan);
    assert!(one.is_object());
    assert!(removed.body.contains(&format!("data-aksi=\"tambah\" data-path=\"{indikator}\"")));
    let grown = server.post("/tambah", &[("jalur", indikator), ("versi", &removed.version())]);
    assert_eq!(sub(&server.plan), serde_json::json!([one, one]));
    assert!(grown.body.contains(&format!("data-path=\"{indikator}[1].uraian\"")), "the second indicator has inputs");
    let target = format!("{indikator}[1].target");
    let edited =
        server.post("/ubah", &[("jalur", &target), ("nilai", "7"), ("jenis", "angka"), ("versi", &grown.version())]);
    assert_eq!(sub(&server.plan)[1]["target"], 7);
    server.post("/hapus", &[("jalur", &format!("{indikator}[1]")), ("versi", &edited.version())]);
    assert_eq!(sub(&server.plan), serde_json::json!([one]));
}

#[test]
fn a_plan_that_does_not_load_is_reported_located_and_nothing_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let text = std::fs::read_to_string(flagship_path()).unwrap().replacen("\"tahun\": 2019", "\"tahun\": \"2019x\"", 1);
    std::fs::write(&plan, text).unwrap();
    let output = crate::support::renja().current_dir(dir.path()).args(["serve", "plan.json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no address is printed");
    let err = crate::support::stderr(&output);
    assert!(err.contains("plan.json:7:") && err.contains("$.identitas.tahun"), "{err}");
}

#[test]
fn the_pdf_and_the_workbook_are_made_from_the_saved_plan() {
    let server = Server::start(&flagship_path());
    let page = server.page();
    assert!(page.body.contains("href=\"/unduh/renja.pdf\"") && page.body.contains("href=\"/unduh/tabel.xlsx\""));
    let typed = renja::format::angka(pagu(&server.plan, 0, 0) + Decimal::from(1_000_000));
    server.post("/ubah", &[("jalur", PAGU), ("nilai", &typed), ("jenis", "angka"), ("versi", &page.version())]);
    let raw = |target: &str| {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let head = format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\n{}\r\nConnection: close\r\n\r\n",
            server.host(),
            server.cookie()
        );
        stream.write_all(head.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        (String::from_utf8_lossy(&bytes[..split]).into_owned(), bytes[split + 4..].to_vec())
    };
    let (head, pdf) = raw("/unduh/renja.pdf");
    assert!(head.starts_with("HTTP/1.1 200") && head.contains("filename=\"plan.pdf\""), "{head}");
    assert!(pdf.starts_with(b"%PDF-"));
    let (head, xlsx) = raw("/unduh/tabel.xlsx");
    assert!(head.contains("filename=\"plan.xlsx\""), "{head}");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut sheets = String::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if file.name().unwrap().starts_with("xl/worksheets/") {
            file.read_to_string(&mut sheets).unwrap();
        }
    }
    // The Tabel 4.1 cell of the edited pagu holds the saved figure.
    assert!(sheets.contains("<v>6067000</v>"), "the workbook holds the saved pagu");
}

#[test]
fn tabel_2_1_rates_and_predikat_are_the_librarys_and_follow_an_edit() {
    let server = Server::start(&flagship_path());
    let view = server.request("GET", "/?tampil=evaluasi", &[server.cookie()], "");
    let shown = |page: &Response, id: &str| attribute_after(&page.body, &format!("<output id=\"{id}\""), "data-nilai");
    let library = |path: &Path| {
        let loaded = renja::load::load(path).unwrap();
        renja::compute::compute(&loaded.plan).evaluasi[3].program
    };
    let before = library(&server.plan);
    assert_eq!(shown(&view, "kolom-8-3"), before.tingkat_realisasi.nilai().unwrap().normalize().to_string());
    // A realisation of each kegiatan of the program changed: the program's column 8 (the mean of
    // its kegiatan's, as this plan's settings ask) and predikat move as the library computes them.
    let mut page = view;
    let kegiatan = server.plan_value()["evaluasi"]["program"][3]["kegiatan"].as_array().unwrap().len();
    for k in 0..kegiatan {
        let path = format!("$.evaluasi.program[3].kegiatan[{k}].indikator.realisasi_n2");
        page = server.post(
            "/ubah",
            &[("jalur", &path), ("nilai", "1"), ("jenis", "angka"), ("versi", &page.version()), ("tampil", "evaluasi")],
        );
        assert!(page.body.contains("tersimpan"), "{path} saved");
    }
    let after = library(&server.plan);
    assert_ne!(after.tingkat_realisasi, before.tingkat_realisasi);
    assert_eq!(shown(&page, "kolom-8-3"), after.tingkat_realisasi.nilai().unwrap().normalize().to_string());
    assert_eq!(shown(&page, "predikat-3"), after.predikat.unwrap().label());
}

#[test]
fn the_preview_is_laid_out_by_typst_and_an_older_previews_pages_stay_served() {
    let server = Server::start(&flagship_path());
    let page = server.page();
    let images = |html: &str| -> Vec<String> {
        html.split("src=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_owned).collect()
    };
    let first = server.request("GET", "/pratinjau?bagian=tabel-4.1", &[server.cookie()], "");
    assert_eq!(first.status, 200);
    let first_images = images(&first.body);
    assert!(!first_images.is_empty() && first_images[0].contains(&page.version()), "{}", first.body);
    let svg = server.request("GET", &first_images[0], &[server.cookie()], "");
    assert!(svg.head.contains("image/svg+xml") && svg.body.starts_with("<svg"), "{}", svg.head);
    assert!(svg.body.len() > 10_000, "a whole page drawn");
    // A change, then the preview of the new version: the first preview's images are still
    // there for a page that had not loaded them yet.
    let typed = renja::format::angka(pagu(&server.plan, 0, 0) + Decimal::ONE);
    let answer =
        server.post("/ubah", &[("jalur", PAGU), ("nilai", &typed), ("jenis", "angka"), ("versi", &page.version())]);
    let second = server.request("GET", "/pratinjau?bagian=tabel-4.1", &[server.cookie()], "");
    assert!(images(&second.body)[0].contains(&answer.version()));
    assert_eq!(server.request("GET", &first_images[0], &[server.cookie()], "").status, 200);
    assert!(second.body.contains("disusun dalam"), "the time it took is shown");
    assert_eq!(server.request("GET", "/pratinjau?bagian=tabel-9.9", &[server.cookie()], "").status, 404);
}

/// The `<label>` text of the input with id `id`.
fn label_of(html: &str, id: &str) -> String {
    let marker = format!("<label for=\"{id}\"");
    let at = html.find(&marker).unwrap_or_else(|| panic!("no label for {id}"));
    let rest = &html[at..];
    let start = rest.find('>').unwrap() + 1;
    rest[start..start + rest[start..].find("</label>").unwrap()].to_owned()
}

#[test]
fn form_labels_and_help_are_the_schemas_indonesian_titles_and_descriptions() {
    let server = Server::start(&flagship_path());
    let schema = renja::plan::json_schema();
    let property = |definition: &str, key: &str| schema["$defs"][definition]["properties"][key].clone();
    let umum = server.request("GET", "/?tampil=umum", &[server.cookie()], "");
    let pemda = property("Identitas", "pemda");
    assert_eq!(pemda["title"], "Pemerintah daerah");
    assert_eq!(label_of(&umum.body, "f-identitas-pemda"), pemda["title"].as_str().unwrap());
    let help = pemda["description"].as_str().unwrap().replace('"', "&quot;");
    assert!(umum.field_block("$.identitas.pemda").contains(&help), "the description is the field's help");
    let nomor = property("Keputusan", "nomor");
    assert_eq!(label_of(&umum.body, "f-keputusan-nomor"), nomor["title"].as_str().unwrap());
    // A choice whose values have docs (`oneOf` of `const`s) is a list to pick from too, and a
    // choice of figures is saved as a figure.
    let nomenklatur = umum.field_block("$.identitas.nomenklatur");
    assert!(nomenklatur.contains("<select") && nomenklatur.contains("<option value=\"90&#x2f;2019\""), "{nomenklatur}");
    let ukuran = umum.field_block("$.pengaturan.ukuran_huruf");
    assert!(ukuran.contains("<option value=\"11\">") && ukuran.contains("<option value=\"12\">"), "{ukuran}");
    let chosen = server.post(
        "/ubah",
        &[
            ("jalur", "$.pengaturan.ukuran_huruf"),
            ("nilai", "11"),
            ("jenis", "angka"),
            ("versi", &umum.version()),
            ("tampil", "umum"),
        ],
    );
    assert!(chosen.body.contains("id=\"tersimpan\""), "{}", chosen.body);
    assert_eq!(server.plan_value()["pengaturan"]["ukuran_huruf"], 11);
    // A grid's column header is the title of the key, its help the header's tooltip.
    let evaluasi = server.request("GET", "/?tampil=evaluasi", &[server.cookie()], "");
    let realisasi = property("IndikatorEvaluasi", "realisasi_n2");
    assert_eq!(realisasi["title"], "Realisasi Renja n-2 (kolom 7)");
    let header = format!(
        "<th scope=\"col\" title=\"{}\">{}</th>",
        realisasi["description"].as_str().unwrap(),
        realisasi["title"].as_str().unwrap()
    );
    assert!(evaluasi.body.contains(&header), "{header}");
    // Every key of the plan has an Indonesian title in the schema, so every input has a label.
    for (name, definition) in schema["$defs"].as_object().unwrap() {
        for (key, property) in definition["properties"].as_object().into_iter().flatten() {
            assert!(property["title"].is_string(), "$defs.{name}.properties.{key} has no title");
        }
    }
}

#[test]
fn tables_are_grids_whose_rows_are_added_and_whose_codes_come_from_the_plan() {
    let server = Server::start(&flagship_path());
    let page = server.request("GET", "/?tampil=evaluasi", &[server.cookie()], "");
    // Tabel 2.4 is empty in the flagship (NIHIL): its grid shows the header and a button.
    assert!(page.body.contains("<table class=\"kisi\" data-path=\"$.usulan_masyarakat\">"), "{}", page.body);
    assert!(page.body.contains("<table class=\"kisi\" data-path=\"$.evaluasi.program\">"));
    assert!(page.body.contains("data-aksi=\"baris-baru\" data-path=\"$.usulan_masyarakat\""));
    let added = server
        .post("/baris-baru", &[("jalur", "$.usulan_masyarakat"), ("versi", &page.version()), ("tampil", "evaluasi")]);
    assert_eq!(added.status, 200);
    assert!(added.body.contains("id=\"tersimpan\""), "{}", added.body);
    assert_eq!(server.plan_value()["usulan_masyarakat"].as_array().unwrap().len(), 1);
    let lokasi = "$.usulan_masyarakat[0].lokasi";
    let cell = format!("<td><div class=\"kolom\" id=\"blok-{}\">", renja::serve::form::anchor(lokasi));
    assert!(added.body.contains(&cell), "the new row's inputs are cells of the grid");
    let typed = server.post(
        "/ubah",
        &[
            ("jalur", lokasi),
            ("nilai", "Kec. Kepanjen"),
            ("jenis", "teks"),
            ("versi", &added.version()),
            ("tampil", "evaluasi"),
        ],
    );
    assert_eq!(server.plan_value()["usulan_masyarakat"][0]["lokasi"], "Kec. Kepanjen");
    assert!(typed.body.contains(&format!("value=\"Kec. Kepanjen\" data-path=\"{lokasi}\"")));

    // Tabel 2.2's fixed columns: each year's target is an input of its own.
    let target = "$.kinerja_pelayanan.program[0].nilai[0].target[2]";
    assert!(typed.body.contains(&format!("data-path=\"{target}\"")), "{target}");
    let before = server.plan_value()["kinerja_pelayanan"]["program"][0]["nilai"][0]["target"].clone();
    let edited = server.post(
        "/ubah",
        &[("jalur", target), ("nilai", "101"), ("jenis", "angka"), ("versi", &typed.version()), ("tampil", "evaluasi")],
    );
    let after = server.plan_value()["kinerja_pelayanan"]["program"][0]["nilai"][0]["target"].clone();
    assert_eq!(after[2], 101);
    assert_eq!((&after[0], &after[1], &after[3]), (&before[0], &before[1], &before[3]));

    // A Tabel 2.1 row's kode offers the plan's program codes; a code picked there is saved.
    let kode = "$.evaluasi.program[0].kode";
    let input = &edited.body[edited.body.find(&format!("data-path=\"{kode}\"")).unwrap()..];
    assert!(input[..input.find('>').unwrap()].contains("list=\"kode-program\""), "{}", &input[..200]);
    let program = server.plan_value()["rencana"]["program"][0]["kode"].as_str().unwrap().to_owned();
    let kegiatan = server.plan_value()["rencana"]["program"][0]["kegiatan"][0]["kode"].as_str().unwrap().to_owned();
    let datalist = |id: &str| {
        let at = edited.body.find(&format!("<datalist id=\"{id}\">")).unwrap_or_else(|| panic!("no {id}"));
        edited.body[at..at + edited.body[at..].find("</datalist>").unwrap()].to_owned()
    };
    assert!(datalist("kode-program").contains(&format!("<option value=\"{program}\">")));
    assert!(!datalist("kode-program").contains(&format!("<option value=\"{kegiatan}\">")));
    assert!(datalist("kode-kegiatan").contains(&format!("<option value=\"{kegiatan}\">")));
    let kegiatan_kode = "$.evaluasi.program[0].kegiatan[0].kode";
    let input = &edited.body[edited.body.find(&format!("data-path=\"{kegiatan_kode}\"")).unwrap()..];
    assert!(input[..input.find('>').unwrap()].contains("list=\"kode-kegiatan\""));
    let picked = server.post(
        "/ubah",
        &[
            ("jalur", kode),
            ("nilai", &program),
            ("jenis", "teks"),
            ("versi", &edited.version()),
            ("tampil", "evaluasi"),
        ],
    );
    assert!(picked.body.contains("id=\"tersimpan\""), "{}", picked.body);
    assert_eq!(server.plan_value()["evaluasi"]["program"][0]["kode"], program.as_str());

    // A blank kegiatan added to the plan tree loads; JUMLAH stays until its pagu is typed.
    let kegiatan_list = "$.rencana.program[0].kegiatan";
    let n = server.plan_value()["rencana"]["program"][0]["kegiatan"].as_array().unwrap().len();
    let grown = server.post("/baris-baru", &[("jalur", kegiatan_list), ("versi", &picked.version())]);
    assert!(grown.body.contains("id=\"tersimpan\""), "{}", grown.body);
    assert_eq!(server.plan_value()["rencana"]["program"][0]["kegiatan"].as_array().unwrap().len(), n + 1);
    assert_eq!(grown.jumlah(), picked.jumlah());
    let new_pagu = format!("{kegiatan_list}[{n}].pagu");
    let paid = server
        .post("/ubah", &[("jalur", &new_pagu), ("nilai", "1.000"), ("jenis", "angka"), ("versi", &grown.version())]);
    assert_eq!(paid.jumlah(), picked.jumlah() + Decimal::from(1000));

    // Tabel 2.3's right half, not written for this kegiatan yet: its button adds it blank, and
    // its inputs become columns of the kegiatan's row.
    let analisis = "$.rencana.program[3].kegiatan[0].hasil_analisis";
    assert!(paid.body.contains(&format!("data-aksi=\"isi-baru\" data-path=\"{analisis}\"")), "{analisis}");
    let opened = server.post("/baris-baru", &[("jalur", analisis), ("versi", &paid.version())]);
    assert!(opened.body.contains("id=\"tersimpan\""), "{}", opened.body);
    assert_eq!(server.plan_value()["rencana"]["program"][3]["kegiatan"][0]["hasil_analisis"], serde_json::json!({}));
    let cell =
        format!("<td><div class=\"kolom\" id=\"blok-{}\">", renja::serve::form::anchor(&format!("{analisis}.target")));
    assert!(opened.body.contains(&cell), "its target is a cell of the row");
    assert!(!opened.body.contains(&format!("data-aksi=\"isi-baru\" data-path=\"{analisis}\"")));
    let paid = opened;

    // Not a list: refused with the path named, the file untouched.
    let saved = std::fs::read(&server.plan).unwrap();
    let refused = server.post("/baris-baru", &[("jalur", "$.identitas.pemda"), ("versi", &paid.version())]);
    assert!(refused.body.contains("bukan daftar yang dapat ditambah barisnya"), "{}", refused.body);
    assert_eq!(std::fs::read(&server.plan).unwrap(), saved);
}

#[test]
fn an_uploaded_workbook_is_imported_through_renja_import_and_a_bad_one_changes_nothing() {
    let server = Server::start(&flagship_path());
    let original = std::fs::read_to_string(&server.plan).unwrap();
    let page = server.page();
    assert!(page.body.contains("hx-post=\"/impor\" hx-encoding=\"multipart/form-data\""));
    assert!(page.body.contains("<input type=\"file\" id=\"berkas-impor\" name=\"berkas\""));

    // Not a source renja knows: the import's own finding is shown, the plan is untouched.
    let bad = server.post_multipart(
        "/impor",
        &[("versi", None, page.version().as_bytes()), ("berkas", Some("catatan.txt"), b"bukan buku kerja")],
    );
    assert_eq!(bad.status, 200);
    assert!(bad.body.contains("impor gagal"), "{}", bad.body);
    assert!(bad.body.contains("data-kode=\"impor.sumber\"") && bad.body.contains("sumber impor tidak dikenali"));
    assert_eq!(std::fs::read_to_string(&server.plan).unwrap(), original);
    assert!(!renja::serve::editor::backup_dir(&server.plan).exists(), "nothing saved, no backup");

    // Larger than any export: refused before it is read, in words.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
    let head = format!(
        "POST /impor HTTP/1.1\r\nHost: {}\r\n{}\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {}\r\n\r\n--x\r\n",
        server.host(),
        server.cookie(),
        100 << 20
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 413") && answer.contains("unggahan ditolak"), "{answer}");
    assert_eq!(std::fs::read_to_string(&server.plan).unwrap(), original);

    // The input workbook of the same plan with one pagu raised, as a planner fills it in.
    let dir = tempfile::tempdir().unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&original).unwrap();
    let before = pagu(&server.plan, 0, 0);
    value["rencana"]["program"][0]["kegiatan"][0]["pagu"] = serde_json::json!(before + Decimal::from(1000));
    std::fs::write(dir.path().join("sumber.json"), serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let made = crate::support::renja()
        .current_dir(dir.path())
        .args(["workbook", "sumber.json", "-o", "isian.xlsx"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", crate::support::stderr(&made));
    let xlsx = std::fs::read(dir.path().join("isian.xlsx")).unwrap();
    // From a stale page: refused as any change is.
    let stale = server.post_multipart("/impor", &[("versi", None, b"0000"), ("berkas", Some("isian.xlsx"), &xlsx)]);
    assert!(stale.body.contains("tab atau jendela lain"), "{}", stale.body);
    assert_eq!(std::fs::read_to_string(&server.plan).unwrap(), original);

    let good = server.post_multipart(
        "/impor",
        &[
            ("versi", None, page.version().as_bytes()),
            ("tampil", None, b"rencana"),
            ("berkas", Some("isian.xlsx"), &xlsx),
        ],
    );
    assert_eq!(good.status, 200);
    assert!(good.head.contains("rencana-tersimpan"), "the preview is told: {}", good.head);
    assert!(good.body.contains("isian.xlsx diimpor"), "{}", good.body);
    assert_eq!(pagu(&server.plan, 0, 0), before + Decimal::from(1000));
    assert_eq!(good.jumlah(), page.jumlah() + Decimal::from(1000));
    // The same write path as every change: the previous file kept as backup 1.
    let backup = renja::serve::editor::backup_dir(&server.plan).join("1.json");
    assert_eq!(std::fs::read_to_string(backup).unwrap(), original);
    // The narrative is the plan's, as `renja import --into` keeps it.
    let saved = server.plan_value();
    let original_value: serde_json::Value = serde_json::from_str(&original).unwrap();
    for part in ["latar_belakang", "landasan_hukum", "maksud_tujuan"] {
        let same = saved["bab_1"][part]["isi"] == original_value["bab_1"][part]["isi"];
        assert!(same, "bab_1.{part} kept");
    }
    assert_ne!(good.version(), page.version());
}

#[test]
fn an_uploaded_sipd_ri_report_replaces_the_tree_and_a_wrong_total_is_shown_at_its_cell() {
    let report = root().join("tests/fixtures/sipd-ri/laporan-renja-2027.xls");
    // A plan made from the report by `renja import`, then served.
    let made = tempfile::tempdir().unwrap();
    let output = crate::support::renja()
        .current_dir(made.path())
        .arg("import")
        .arg(&report)
        .args(["-o", "plan.json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", crate::support::stderr(&output));
    let server = Server::start(&made.path().join("plan.json"));
    let sub = "$.rencana.program[0].kegiatan[0].sub_kegiatan[0].pagu";
    let value = |server: &Server| {
        server.plan_value()["rencana"]["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["pagu"].clone()
    };
    let original = value(&server);
    let page = server.page();
    let typed = renja::format::angka(original.to_string().parse::<Decimal>().unwrap() + Decimal::ONE);
    let edited =
        server.post("/ubah", &[("jalur", sub), ("nilai", &typed), ("jenis", "angka"), ("versi", &page.version())]);
    assert_ne!(value(&server), original);

    // The report with its Jumlah mistyped: refused, the finding placed at its cell.
    let text = std::fs::read_to_string(&report).unwrap();
    let wrong = text.replacen("\"nilai_penetapan\">36.156.150.000<", "\"nilai_penetapan\">36.156.000.000<", 1);
    assert_ne!(wrong, text);
    let saved = std::fs::read(&server.plan).unwrap();
    let refused = server.post_multipart(
        "/impor",
        &[("versi", None, edited.version().as_bytes()), ("berkas", Some("laporan-renja-2027.xls"), wrong.as_bytes())],
    );
    assert!(refused.body.contains("impor gagal: 1 galat"), "{}", refused.body);
    assert!(
        refused.body.contains("<code>Tabel!I34</code>") && refused.body.contains("data-kode=\"jumlah.tidak_sama\"")
    );
    assert!(refused.body.contains("36.156.000.000 (kurang 150.000)"), "what was found is shown");
    assert_eq!(std::fs::read(&server.plan).unwrap(), saved, "nothing written");

    // The report as SIPD-RI gave it: the tree is the report's again.
    let imported = server.post_multipart(
        "/impor",
        &[("versi", None, refused.version().as_bytes()), ("berkas", Some("laporan-renja-2027.xls"), text.as_bytes())],
    );
    assert!(imported.body.contains("laporan-renja-2027.xls diimpor"), "{}", imported.body);
    assert_eq!(value(&server), original);
    assert_eq!(imported.jumlah(), Decimal::from_str_exact("36156150000").unwrap());
}
