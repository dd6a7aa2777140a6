//! `renja serve`: the plan in a browser, on 127.0.0.1 only. Forms generated from the plan's
//! schema ([`form`]), every change applied to the file's text at its JSON path ([`edit`]),
//! loaded, checked and saved by [`editor::Editor`], and a page preview laid out by the same
//! Typst pipeline as the PDF. Pages are rendered on the server (minijinja); htmx, vendored and
//! embedded, sends each change and swaps the answer in. No asset comes from the network.
//!
//! Every request must carry the session's random token (in the address printed at start, then
//! in a cookie), a `Host` naming the loopback address, and no foreign `Origin`: another site
//! open in the same browser can neither read nor change the plan (DNS rebinding, CSRF).

pub mod edit;
pub mod editor;
pub mod form;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::Router;
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use crate::document::{self, BuildOptions};
use crate::render::{Pratinjau, Renderer};
use crate::typeset::RenjaWorld;
use editor::{Change, Editor, Kind, Outcome};
use form::FindingView;

const HTMX: &str = include_str!("aset/htmx.min.js");
const GAYA: &str = include_str!("aset/gaya.css");
const HALAMAN: &str = include_str!("templat/halaman.html");
const EDITOR: &str = include_str!("templat/editor.html");
/// The largest source an upload may bring (a SIPD-RI export of a large Perangkat Daerah is a
/// few megabytes).
const IMPOR_MAKS: usize = 64 << 20;
/// The token's cookie, named by port: cookies do not tell ports apart, and two editors (two
/// plans) may run side by side.
fn cookie_name(port: u16) -> String {
    format!("renja_token_{port}")
}

/// What `renja serve` is asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub plan: PathBuf,
    /// 0: any free port.
    pub port: u16,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    Open(editor::OpenError),
    /// The port is taken or not allowed, or the runtime could not start.
    Io(String),
}

/// The parts a preview can show, as (value, label).
const BAGIAN: &[(&str, &str)] = &[
    ("tabel-4.1", "Tabel 4.1"),
    ("tabel-3.1", "Tabel 3.1"),
    ("tabel-2.1", "Tabel 2.1"),
    ("tabel-2.2", "Tabel 2.2"),
    ("tabel-2.3", "Tabel 2.3"),
    ("tabel-2.4", "Tabel 2.4"),
    ("bab-1", "Bab I"),
    ("bab-2", "Bab II"),
    ("bab-3", "Bab III"),
    ("bab-4", "Bab IV"),
    ("bab-5", "Bab V"),
    ("lampiran", "Lampiran"),
];

fn pratinjau_of(bagian: &str) -> Option<Pratinjau> {
    if let Some(tabel) = bagian.strip_prefix("tabel-") {
        return crate::render::TABEL.contains(&tabel).then(|| Pratinjau::Tabel(tabel.to_owned()));
    }
    if let Some(bab) = bagian.strip_prefix("bab-") {
        return matches!(bab, "1" | "2" | "3" | "4" | "5").then(|| Pratinjau::Bab(bab.to_owned()));
    }
    (bagian == "lampiran").then_some(Pratinjau::Lampiran)
}

/// How many previews keep their page images (a few changes in quick succession).
const PREVIEWS_KEPT: usize = 4;

/// The page images of one part of one version of the plan.
struct Pages {
    version: String,
    bagian: String,
    svg: Vec<String>,
    millis: u128,
    /// Milliseconds of each stage: check, compute and render; Typst layout; SVG.
    stages: [u128; 3],
    errors: Vec<String>,
}

struct Preview {
    world: Option<RenjaWorld>,
    /// The whole document's world, where a part's first page number is found.
    whole: Option<RenjaWorld>,
    renderer: Renderer,
    /// The latest previews, newest first: a page whose images are still loading when the next
    /// change is laid out keeps its images.
    pages: std::collections::VecDeque<Pages>,
}

struct App {
    token: String,
    port: u16,
    editor: Mutex<Editor>,
    preview: Mutex<Preview>,
    templates: minijinja::Environment<'static>,
}

impl App {
    /// The editor of `editor`'s plan behind `token` on `port`, with no preview yet.
    fn new(token: String, port: u16, editor: Editor) -> App {
        App {
            token,
            port,
            editor: Mutex::new(editor),
            preview: Mutex::new(Preview {
                world: None,
                whole: None,
                renderer: Renderer::default(),
                pages: Default::default(),
            }),
            templates: templates(),
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A random token of 128 bits in hex, from the operating system's generator.
fn token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ServeError::Io(format!("token acak tidak dapat dibuat ({e})")))?;
    Ok(crate::files::hex(&bytes))
}

fn templates() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_template("halaman.html", HALAMAN).expect("the page template parses");
    env.add_template("editor.html", EDITOR).expect("the editor template parses");
    env
}

/// Binds 127.0.0.1:`port`, calls `ready` with the address to open (token included), and serves
/// until the process ends.
pub fn run(options: &ServeOptions, ready: impl FnOnce(&str)) -> Result<(), ServeError> {
    let editor = Editor::open(&options.plan).map_err(ServeError::Open)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| ServeError::Io(crate::files::io_reason(&e)))?;
    runtime.block_on(async move {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port));
        let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
            ServeError::Io(format!("port {} tidak dapat dipakai ({})", options.port, crate::files::io_reason(&e)))
        })?;
        let port = listener.local_addr().map_err(|e| ServeError::Io(crate::files::io_reason(&e)))?.port();
        let app = Arc::new(App::new(token()?, port, editor));
        ready(&format!("http://127.0.0.1:{port}/?token={}", app.token));
        axum::serve(listener, router(app)).await.map_err(|e| ServeError::Io(crate::files::io_reason(&e)))
    })
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/ubah", post(ubah))
        .route("/salin", post(salin))
        .route("/hapus", post(hapus))
        .route("/tambah", post(tambah))
        .route("/naik", post(naik))
        .route("/turun", post(turun))
        .route("/baris-baru", post(baris_baru))
        // A SIPD-RI export or a workbook may be larger than axum's default limit of 2 MB: the
        // handler reads up to IMPOR_MAKS itself.
        .route("/impor", post(impor))
        .route("/pratinjau", get(pratinjau))
        .route("/halaman/{versi}/{bagian}/{nomor}", get(halaman))
        .route("/unduh/{nama}", get(unduh))
        .route(
            "/aset/htmx.min.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], HTMX) }),
        )
        .route("/aset/gaya.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], GAYA) }))
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Refuses a request whose `Host` is not this server on the loopback address, whose `Origin`
/// is another site, or that carries neither the token nor its cookie. A request with the token
/// in its address gets the cookie, so later requests (htmx, images) need not repeat it.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let loopback = |authority: &str| {
        authority == format!("127.0.0.1:{}", app.port) || authority == format!("localhost:{}", app.port)
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !loopback(host) {
        return refuse(StatusCode::FORBIDDEN, "ditolak: alamat Host bukan alamat lokal server ini");
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if !origin.strip_prefix("http://").is_some_and(loopback) {
            return refuse(StatusCode::FORBIDDEN, "ditolak: permintaan dari situs lain (Origin)");
        }
    }
    let from_query = request
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("token=")).map(|t| same(t, &app.token)));
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|c| c.to_str().ok())
        .flat_map(|c| c.split(';'))
        .find_map(|c| c.trim().strip_prefix(&format!("{}=", cookie_name(app.port))).map(|t| same(t, &app.token)));
    match (from_query, from_cookie) {
        (Some(true), _) => {
            let mut response = next.run(request).await;
            let cookie = format!("{}={}; Path=/; HttpOnly; SameSite=Strict", cookie_name(app.port), app.token);
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            response
        }
        (None, Some(true)) => next.run(request).await,
        (None, None) => refuse(
            StatusCode::UNAUTHORIZED,
            "ditolak: token tidak ada; buka alamat lengkap (dengan ?token=…) yang dicetak renja serve",
        ),
        _ => refuse(StatusCode::FORBIDDEN, "ditolak: token salah"),
    }
}

/// Compares in time independent of where the texts differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{message}\n")).into_response()
}

/// Runs blocking work (files, checks, Typst) off the server's thread.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Response> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| refuse(StatusCode::INTERNAL_SERVER_ERROR, "galat internal renja; laporkan sebagai kutu"))
}

#[derive(Serialize)]
struct EditorContext {
    berkas: String,
    versi: String,
    ringkasan: String,
    jumlah_pagu: String,
    jumlah_pagu_tepat: String,
    galat: usize,
    peringatan: usize,
    pesan: Option<String>,
    tersimpan: bool,
    bagian: Vec<(&'static str, &'static str)>,
    /// The part the preview starts with: the one the view edits most.
    bagian_awal: &'static str,
    /// The view shown, and every view as (name, title).
    tampil: &'static str,
    tampilan: Vec<(&'static str, &'static str)>,
    /// The placeholders narrative may use, with their values for this plan (the narrative view).
    penanda: Vec<(String, String)>,
    sections: Vec<form::Node>,
    findings: Vec<FindingView>,
    /// Findings that could not be placed at an input (no path in the editor's sections).
    lain: Vec<FindingView>,
    /// The plan's codes by level, each a `<datalist>` the inputs referring to a node offer.
    pilihan_kode: Vec<(String, Vec<(String, String)>)>,
    /// The findings of an import just uploaded, located in its source (`Rencana!O12`).
    impor: Vec<FindingView>,
}

impl App {
    fn context(&self, editor: &Editor, outcome: Option<&Outcome>, view: &str) -> EditorContext {
        let view = view_of(view);
        let (rejected, mut extra, pesan) = match outcome {
            Some(Outcome::Refused { path, text, diagnostics }) => {
                let mut diagnostics = diagnostics.clone();
                for d in &mut diagnostics {
                    d.path = Some(path.clone());
                }
                (text.as_deref().map(|t| (path.as_str(), t)), diagnostics, Some(
                    "perubahan tidak disimpan: rencana tidak akan dapat dimuat dengan nilai itu (lihat galat di kolomnya)".to_owned(),
                ))
            }
            Some(Outcome::Conflict { message }) => (None, vec![], Some(message.clone())),
            Some(Outcome::Saved) | None => (None, vec![], None),
        };
        let mut diagnostics = editor.diagnostics().to_vec();
        diagnostics.append(&mut extra);
        let (sections, findings) = form::sections(
            &editor.value(),
            editor.computed(),
            &diagnostics,
            rejected,
            view,
            editor.loaded().plan.pengaturan.desimal_persen,
        );
        let penanda = if view == "narasi" {
            let facts = crate::prose::Facts::of(&editor.loaded().plan, editor.computed());
            facts.names().map(|name| (name.to_owned(), facts.get(name).unwrap_or("").to_owned())).collect()
        } else {
            vec![]
        };
        let galat = findings.iter().filter(|f| f.error).count();
        EditorContext {
            berkas: editor.path().display().to_string(),
            versi: editor.version().to_owned(),
            ringkasan: editor.computed().jumlah_tingkat(),
            jumlah_pagu: crate::format::rupiah(editor.computed().jumlah.pagu),
            jumlah_pagu_tepat: editor.computed().jumlah.pagu.normalize().to_string(),
            galat,
            peringatan: findings.len() - galat,
            pesan,
            tersimpan: matches!(outcome, Some(Outcome::Saved)),
            bagian: BAGIAN.to_vec(),
            bagian_awal: match view {
                "narasi" => "bab-1",
                "evaluasi" => "tabel-2.1",
                "umum" | "lampiran" => "lampiran",
                _ => "tabel-4.1",
            },
            tampil: view,
            tampilan: form::VIEWS.iter().map(|(name, title, _)| (*name, *title)).collect(),
            penanda,
            lain: findings.iter().filter(|f| f.anchor.is_none()).cloned().collect(),
            pilihan_kode: form::plan_codes(&editor.loaded().plan),
            impor: vec![],
            sections,
            findings,
        }
    }

    fn render(&self, template: &str, context: &EditorContext) -> Response {
        match self
            .templates
            .get_template(template)
            .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(context))))
        {
            Ok(html) => Html(html).into_response(),
            Err(error) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &format!("templat halaman gagal ({error:#})")),
        }
    }

    fn change(&self, change: &Change, base: &str, view: &str) -> Response {
        let mut editor = lock(&self.editor);
        let outcome = editor.apply(change, base);
        let context = self.context(&editor, Some(&outcome), view);
        let mut response = self.render("editor.html", &context);
        // The preview pane listens for this event and lays out the saved plan again.
        if matches!(outcome, Outcome::Saved) {
            response.headers_mut().insert("HX-Trigger", HeaderValue::from_static("rencana-tersimpan"));
        }
        response
    }
}

/// The view named `name`, else the default one.
fn view_of(name: &str) -> &'static str {
    form::VIEWS.iter().map(|(view, _, _)| *view).find(|view| *view == name).unwrap_or(form::VIEW)
}

#[derive(Deserialize)]
struct HalamanQuery {
    #[serde(default)]
    tampil: String,
}

async fn page(State(app): State<Arc<App>>, Query(query): Query<HalamanQuery>) -> Response {
    blocking(move || {
        let mut editor = lock(&app.editor);
        let pesan = editor.refresh();
        let mut context = app.context(&editor, None, &query.tampil);
        context.pesan = pesan;
        app.render("halaman.html", &context)
    })
    .await
    .unwrap_or_else(|r| r)
}

#[derive(Deserialize)]
struct Ubah {
    jalur: String,
    #[serde(default)]
    nilai: String,
    jenis: Kind,
    versi: String,
    #[serde(default)]
    tampil: String,
}

#[derive(Deserialize)]
struct BarisQuery {
    jalur: String,
    versi: String,
    #[serde(default)]
    tampil: String,
}

async fn ubah(State(app): State<Arc<App>>, axum::Form(form): axum::Form<Ubah>) -> Response {
    let change = Change::Set { path: form.jalur, text: form.nilai, kind: form.jenis };
    blocking(move || app.change(&change, &form.versi, &form.tampil)).await.unwrap_or_else(|r| r)
}

async fn salin(State(app): State<Arc<App>>, axum::Form(form): axum::Form<BarisQuery>) -> Response {
    let change = Change::Duplicate { path: form.jalur };
    blocking(move || app.change(&change, &form.versi, &form.tampil)).await.unwrap_or_else(|r| r)
}

async fn hapus(State(app): State<Arc<App>>, axum::Form(form): axum::Form<BarisQuery>) -> Response {
    let change = Change::Remove { path: form.jalur };
    blocking(move || app.change(&change, &form.versi, &form.tampil)).await.unwrap_or_else(|r| r)
}

async fn tambah(State(app): State<Arc<App>>, axum::Form(form): axum::Form<BarisQuery>) -> Response {
    let change = Change::Grow { path: form.jalur };
    blocking(move || app.change(&change, &form.versi, &form.tampil)).await.unwrap_or_else(|r| r)
}

async fn naik(State(app): State<Arc<App>>, axum::Form(form): axum::Form<BarisQuery>) -> Response {
    let change = Change::Move { path: form.jalur, down: false };
    blocking(move || app.change(&change, &form.versi, &form.tampil)).await.unwrap_or_else(|r| r)
}

async fn turun(State(app): State<Arc<App>>, axum::Form(form): axum::Form<BarisQuery>) -> Response {
    let change = Change::Move { path: form.jalur, down: true };
    blocking(move || app.change(&change, &form.versi, &form.tampil)).await.unwrap_or_else(|r| r)
}

/// Adds a blank row (the schema's required keys, empty) at the end of the list `jalur`, or
/// the optional object `jalur` not written yet, blank.
async fn baris_baru(State(app): State<Arc<App>>, axum::Form(form): axum::Form<BarisQuery>) -> Response {
    blocking(move || {
        let blank = {
            let editor = lock(&app.editor);
            form::blank_at(&editor.value(), editor.computed(), &form.jalur)
        };
        let Some(blank) = blank else {
            let editor = lock(&app.editor);
            let message = format!("jalur {} bukan daftar yang dapat ditambah barisnya", form.jalur);
            let diagnostic = crate::diagnostic::Diagnostic::error("serve.jalur", message).path(form.jalur.clone());
            let outcome = Outcome::Refused { path: form.jalur.clone(), text: None, diagnostics: vec![diagnostic] };
            return app.render("editor.html", &app.context(&editor, Some(&outcome), &form.tampil));
        };
        let change = match blank {
            form::Blank::Row(row) => Change::Append { path: form.jalur, element: row.to_string() },
            form::Blank::Object(object) => Change::Insert { path: form.jalur, element: object.to_string() },
        };
        app.change(&change, &form.versi, &form.tampil)
    })
    .await
    .unwrap_or_else(|r| r)
}

/// An upload of a source to import (`multipart/form-data`: the file `berkas`, and `versi`
/// and `tampil` as every change sends them).
async fn impor(State(app): State<Arc<App>>, request: Request) -> Response {
    let too_large = || {
        let message = format!(
            "unggahan ditolak: berkas lebih besar dari {} MB atau terputus di tengah jalan; impor berkas sebesar itu dengan renja import",
            IMPOR_MAKS >> 20
        );
        refuse(StatusCode::PAYLOAD_TOO_LARGE, &message)
    };
    let (parts, body) = request.into_parts();
    let length = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    // Refused before a byte of it is read when it says it is too large.
    if length.is_some_and(|n| n > IMPOR_MAKS) {
        return too_large();
    }
    let Ok(body) = axum::body::to_bytes(body, IMPOR_MAKS).await else { return too_large() };
    let headers = parts.headers;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    blocking(move || {
        let Some(parts) = multipart(&content_type, &body) else {
            return refuse(StatusCode::BAD_REQUEST, "unggahan tidak terbaca: kirim berkas lewat formulir impor");
        };
        let text = |name: &str| {
            parts
                .iter()
                .find(|p| p.name == name)
                .map(|p| String::from_utf8_lossy(&p.data).into_owned())
                .unwrap_or_default()
        };
        let (versi, tampil) = (text("versi"), text("tampil"));
        let mut editor = lock(&app.editor);
        let (outcome, findings) = match parts.iter().find(|p| p.name == "berkas" && !p.data.is_empty()) {
            Some(file) => editor.import(&file.data, &versi),
            None => (Outcome::Conflict { message: "pilih berkas yang akan diimpor lebih dahulu".to_owned() }, vec![]),
        };
        let mut context = app.context(&editor, Some(&outcome), &tampil);
        let name = parts.iter().find(|p| p.name == "berkas").and_then(|p| p.filename.clone()).unwrap_or_default();
        if matches!(outcome, Outcome::Saved) {
            let counted = editor.computed();
            context.pesan = Some(format!(
                "{name} diimpor: {}, jumlah pagu {}; versi sebelumnya disimpan di {}",
                counted.jumlah_tingkat(),
                crate::format::rupiah(counted.jumlah.pagu),
                editor::backup_dir(editor.path()).join("1.json").display()
            ));
        }
        context.impor = findings.iter().map(FindingView::of).collect();
        let mut response = app.render("editor.html", &context);
        if matches!(outcome, Outcome::Saved) {
            response.headers_mut().insert("HX-Trigger", HeaderValue::from_static("rencana-tersimpan"));
        }
        response
    })
    .await
    .unwrap_or_else(|r| r)
}

/// One part of a `multipart/form-data` body.
struct Part {
    name: String,
    filename: Option<String>,
    data: Vec<u8>,
}

/// The parts of a `multipart/form-data` body (RFC 7578) as browsers send a form: each part's
/// `name`, `filename` and bytes. None when the body is not one.
fn multipart(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params.split(';').find_map(|p| p.trim().strip_prefix("boundary="))?.trim_matches('"');
    let delimiter = format!("--{boundary}").into_bytes();
    let find = |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).position(|w| w == needle);
    let mut rest = &body[find(body, &delimiter)? + delimiter.len()..];
    let mut parts = vec![];
    // After each delimiter: "--" ends the body, else CRLF, the part's headers, a blank line, its bytes.
    while !rest.starts_with(b"--") {
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&rest[..head_end]).into_owned();
        rest = &rest[head_end + 4..];
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(&delimiter);
        let end = find(rest, &closing)?;
        let data = rest[..end].to_vec();
        rest = &rest[end + closing.len()..];
        let disposition = head.lines().find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
        let param = |key: &str| {
            disposition
                .split(';')
                .find_map(|p| p.trim().strip_prefix(&format!("{key}=")).map(|v| v.trim_matches('"').to_owned()))
        };
        parts.push(Part { name: param("name")?, filename: param("filename"), data });
    }
    Some(parts)
}

#[derive(Deserialize)]
struct BagianQuery {
    #[serde(default = "bagian_bawaan")]
    bagian: String,
}

fn bagian_bawaan() -> String {
    BAGIAN[0].0.to_owned()
}

/// Lays out one part of the saved plan through the document pipeline (Typst's caches kept
/// warm between changes) and answers with its pages as images, and how long it took.
async fn pratinjau(State(app): State<Arc<App>>, Query(query): Query<BagianQuery>) -> Response {
    blocking(move || {
        let Some(part) = pratinjau_of(&query.bagian) else {
            return refuse(StatusCode::NOT_FOUND, "bagian pratinjau tidak dikenal");
        };
        let loaded = lock(&app.editor).loaded().clone();
        let mut preview = lock(&app.preview);
        let wanted = |p: &Pages| p.version == loaded.sha256 && p.bagian == query.bagian;
        // Newest first: the one shown now moves to the front.
        let cached = preview.pages.iter().position(wanted).and_then(|at| preview.pages.remove(at));
        if let Some(pages) = cached {
            preview.pages.push_front(pages);
        } else {
            let started = Instant::now();
            let options = BuildOptions {
                tanda_air: Some(document::draft_mark(loaded.plan.identitas.tahap)),
                pratinjau: Some(part),
                paksa: true,
                ..Default::default()
            };
            let Preview { world, whole, renderer, .. } = &mut *preview;
            let pages = match lay_out(world, whole, renderer, &loaded, &options) {
                Ok((svg, stages)) => Pages {
                    version: loaded.sha256.clone(),
                    bagian: query.bagian.clone(),
                    svg,
                    millis: started.elapsed().as_millis(),
                    stages,
                    errors: vec![],
                },
                Err(error) => Pages {
                    version: loaded.sha256.clone(),
                    bagian: query.bagian.clone(),
                    svg: vec![],
                    millis: started.elapsed().as_millis(),
                    stages: [0; 3],
                    errors: vec![error.to_string()],
                },
            };
            typst::comemo::evict(10);
            preview.pages.push_front(pages);
            preview.pages.truncate(PREVIEWS_KEPT);
        }
        let Some(pages) = preview.pages.front() else { return refuse(StatusCode::INTERNAL_SERVER_ERROR, "") };
        let [prepare, layout, svg] = pages.stages;
        let mut html = format!(
            "<p class=\"waktu\" id=\"waktu-pratinjau\" data-ms=\"{}\">{} halaman, disusun dalam {} ms \
             (pemeriksaan, templat dan nomor halaman {prepare} ms, tata letak Typst {layout} ms, SVG {svg} ms)</p>",
            pages.millis,
            pages.svg.len(),
            pages.millis
        );
        for error in &pages.errors {
            html.push_str(&format!("<p role=\"alert\" class=\"galat\">{}</p>", minijinja::HtmlEscape(error)));
        }
        for n in 1..=pages.svg.len() {
            html.push_str(&format!(
                "<img class=\"halaman\" loading=\"lazy\" decoding=\"async\" alt=\"halaman {n}\" src=\"/halaman/{}/{}/{n}\">",
                pages.version, pages.bagian
            ));
        }
        Html(html).into_response()
    })
    .await
    .unwrap_or_else(|r| r)
}

/// The pages of one part through the document's own pipeline ([`document::prepare`], then
/// Typst in a world kept between changes so only what changed is laid out again), as SVG; no
/// PDF is exported for a preview. Returns the pages and each stage's milliseconds.
fn lay_out(
    slot: &mut Option<RenjaWorld>,
    whole: &mut Option<RenjaWorld>,
    renderer: &Renderer,
    loaded: &crate::load::LoadedPlan,
    options: &BuildOptions,
) -> Result<(Vec<String>, [u128; 3]), document::BuildError> {
    let started = Instant::now();
    let prepared = document::prepare_in(whole, loaded, options, renderer)?;
    let prepared_at = started.elapsed().as_millis();
    let date = document::document_date(loaded, options.source_date_epoch);
    let world = match slot.take() {
        Some(mut world) if world.date() == date => {
            world.update(&prepared.sources);
            world
        }
        _ => RenjaWorld::new(&prepared.sources, date),
    };
    let world = slot.insert(world);
    let document = world.compile().map_err(document::BuildError::Typst)?;
    let laid_out_at = started.elapsed().as_millis();
    let svg = crate::typeset::svg_pages(&document);
    let done = started.elapsed().as_millis();
    Ok((svg, [prepared_at, laid_out_at - prepared_at, done - laid_out_at]))
}

async fn halaman(
    State(app): State<Arc<App>>,
    UrlPath((versi, bagian, nomor)): UrlPath<(String, String, usize)>,
) -> Response {
    // The preview's lock is held while a part is laid out: wait for it off the server's thread.
    blocking(move || {
        let preview = lock(&app.preview);
        let page = preview
            .pages
            .iter()
            .find(|p| p.version == versi && p.bagian == bagian)
            .and_then(|p| p.svg.get(nomor.wrapping_sub(1)));
        match page {
            Some(svg) => ([(header::CONTENT_TYPE, "image/svg+xml")], svg.clone()).into_response(),
            None => refuse(StatusCode::NOT_FOUND, "halaman ini sudah diganti oleh pratinjau yang lebih baru"),
        }
    })
    .await
    .unwrap_or_else(|r| r)
}

/// The whole document (a draft while the plan has errors) or the tables' workbook, made from
/// the saved plan.
async fn unduh(State(app): State<Arc<App>>, UrlPath(nama): UrlPath<String>) -> Response {
    blocking(move || {
        let loaded = lock(&app.editor).loaded().clone();
        let stem = loaded.path.file_stem().map_or_else(|| "renja".to_owned(), |s| s.to_string_lossy().into_owned());
        match nama.as_str() {
            "renja.pdf" => {
                let mut preview = lock(&app.preview);
                let Preview { world, renderer, .. } = &mut *preview;
                // Final when the plan has no errors; otherwise marked "Tidak final: memuat galat".
                let options = BuildOptions { paksa: true, ..Default::default() };
                match document::build_in(world, &loaded, &options, renderer, |_| {}) {
                    Ok(built) => attachment(built.pdf, "application/pdf", &format!("{stem}.pdf")),
                    Err(error) => {
                        refuse(StatusCode::UNPROCESSABLE_ENTITY, &format!("PDF tidak dapat disusun ({error})"))
                    }
                }
            }
            "tabel.xlsx" => {
                let computed = crate::compute::compute(&loaded.plan);
                let final_ = !crate::check::check(&loaded.plan, &computed).iter().any(|d| d.is_error());
                let tabel = crate::tabel::semua(&loaded.plan, &computed);
                let info = crate::tabel::InfoBuku::of(&loaded.plan, document::document_date(&loaded, None), final_);
                match crate::tabel::xlsx(&tabel, &info) {
                    Ok(bytes) => attachment(
                        bytes,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        &format!("{stem}.xlsx"),
                    ),
                    Err(error) => {
                        refuse(StatusCode::UNPROCESSABLE_ENTITY, &format!("buku kerja tidak dapat disusun ({error})"))
                    }
                }
            }
            _ => refuse(StatusCode::NOT_FOUND, "unduhan tidak dikenal"),
        }
    })
    .await
    .unwrap_or_else(|r| r)
}

fn attachment(bytes: Vec<u8>, mime: &'static str, name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", name.replace(['"', '\\'], "_"));
    let mut response = ([(header::CONTENT_TYPE, mime)], bytes).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_parts_are_the_documents() {
        assert_eq!(pratinjau_of("tabel-4.1"), Some(Pratinjau::Tabel("4.1".into())));
        assert_eq!(pratinjau_of("bab-2"), Some(Pratinjau::Bab("2".into())));
        assert_eq!(pratinjau_of("lampiran"), Some(Pratinjau::Lampiran));
        assert_eq!(pratinjau_of("tabel-9.9"), None);
        assert!(BAGIAN.iter().all(|(b, _)| pratinjau_of(b).is_some()));
    }

    #[test]
    fn the_flagship_page_renders_with_an_input_per_path() {
        let plan = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/plan.json"));
        let editor = Editor::open(plan).map_err(|_| "flagship loads").unwrap();
        let app = App::new("t".into(), 1, Editor::open(plan).map_err(|_| "flagship loads").unwrap());
        let context = app.context(&editor, None, "");
        let html = app
            .templates
            .get_template("halaman.html")
            .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(&context))))
            .unwrap_or_else(|e| {
                let mut s = format!("{e:#}");
                let mut src = std::error::Error::source(&e);
                while let Some(c) = src {
                    s.push_str(&format!("\n{c:#}"));
                    src = c.source();
                }
                panic!("{s}")
            });
        assert!(html.contains(r#"data-path="$.rencana.program[0].kegiatan[0].pagu""#));
        assert!(html.contains(r#"<output id="jumlah" data-nilai=""#));
    }

    #[test]
    fn multipart_bodies_give_their_parts() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"versi\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"isian.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\nPK\x03\x04\r\n--\r\n--XyZ--\r\n";
        let parts = multipart("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].name.as_str(), parts[0].data.as_slice(), parts[0].filename.as_deref()),
            ("versi", &b"abc"[..], None)
        );
        assert_eq!(parts[1].filename.as_deref(), Some("isian.xlsx"));
        assert_eq!(parts[1].data, b"PK\x03\x04\r\n--");
        assert!(multipart("application/x-www-form-urlencoded", body).is_none());
        assert!(multipart("multipart/form-data; boundary=XyZ", b"--XyZ\r\nno end").is_none());
    }

    #[test]
    fn templates_parse_and_tokens_compare() {
        templates();
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
