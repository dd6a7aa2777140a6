"""`renja serve`'s live preview, timed as a planner waits for it: from a change POSTed to the
editor to the first page of the preview (its SVG) received. A copy of PLAN is served; the first
kegiatan's pagu is changed 12 times; the first two changes are left out of the medians.

Usage: python3 bench/serve-ukur.py [RENJA_BINARY] [PLAN] [BAGIAN]
       (defaults: target/release/renja, plan.json, tabel-4.1; BAGIAN as the preview names it:
       tabel-2.1, bab-2, lampiran, ...)
Prints one line per change (save, preview, SVG, total in ms, and the server's own stages), then
a JSON summary.
"""
import http.client, re, subprocess, sys, time, shutil, os, statistics, tempfile, json
binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/renja"
plan = sys.argv[2] if len(sys.argv) > 2 else "plan.json"
bagian = sys.argv[3] if len(sys.argv) > 3 else "tabel-4.1"
d = tempfile.mkdtemp()
shutil.copy(plan, os.path.join(d, "plan.json"))
p = subprocess.Popen([binary, "serve", "plan.json", "--port", "0"], cwd=d, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
addr = p.stdout.readline().strip()
port = int(re.search(r":(\d+)/", addr).group(1)); token = addr.split("token=")[1]
def req(method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port)
    sep = "&" if "?" in path else "?"
    h = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    c.request(method, f"{path}{sep}token={token}", body=body, headers=h)
    r = c.getresponse(); data = r.read().decode(); c.close(); return data
page = req("GET", "/")
versi = re.search(r'id="versi" name="versi" value="([0-9a-f]+)"', page).group(1)
pv = req("GET", f"/pratinjau?bagian={bagian}")  # the first layout builds the Typst world
pagu = 5067000
rows = []
for n in range(12):
    pagu += 1000
    t0 = time.perf_counter()
    ans = req("POST", "/ubah", f"jalur=%24.rencana.program%5B0%5D.kegiatan%5B0%5D.pagu&nilai={pagu}&jenis=angka&versi={versi}&tampil=rencana")
    t1 = time.perf_counter()
    versi = re.search(r'id="versi" name="versi" value="([0-9a-f]+)"', ans).group(1)
    pv = req("GET", f"/pratinjau?bagian={bagian}")
    t2 = time.perf_counter()
    img = re.search(r'src="(/halaman/[^"]+)"', pv).group(1)
    svg = req("GET", img)
    t3 = time.perf_counter()
    assert versi in img and svg.startswith("<svg")
    ms = int(re.search(r'data-ms="(\d+)"', pv).group(1))
    stages = re.search(r'\((pemeriksaan[^)]*)\)', pv).group(1)
    rows.append(dict(simpan=round((t1-t0)*1000), pratinjau=round((t2-t1)*1000), svg=round((t3-t2)*1000), total=round((t3-t0)*1000), server=ms, tahap=stages))
p.terminate()
p.wait()
shutil.rmtree(d)
for r in rows: print(r)
tot = [r["total"] for r in rows[2:]]
print(json.dumps({"bagian": bagian, "median_total_ms": statistics.median(tot), "max_total_ms": max(tot), "median_simpan_ms": statistics.median(r["simpan"] for r in rows[2:]), "median_pratinjau_ms": statistics.median(r["pratinjau"] for r in rows[2:])}))
