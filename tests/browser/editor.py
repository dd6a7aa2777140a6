"""Drives `renja serve` in headless Chromium (WebDriver, chromedriver) as a planner would.

Usage: editor.py ADDRESS SHOT_DIR [WORKBOOK]

Opens the editor at ADDRESS (with its token), raises the first kegiatan's pagu by 1.000.000
by typing into its input, types a malformed kode into the first kegiatan's kode, adds a row to
the Tabel 2.4 grid and types its lokasi, uploads WORKBOOK (if given) through the import form,
waits for the page to show each result, takes screenshots into SHOT_DIR, and prints one JSON
object of what the page showed. The Rust test (tests/it/browser.rs) makes the assertions.
"""

import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

PAGU = "$.rencana.program[0].kegiatan[0].pagu"
KODE = "$.rencana.program[0].kegiatan[0].kode"
PAGU_MAJU = "$.rencana.program[0].kegiatan[0].pagu_maju"
USULAN = "$.usulan_masyarakat"
LOKASI = "$.usulan_masyarakat[0].lokasi"
TIMEOUT = 10


def by_path(driver, path):
    return driver.find_element(By.CSS_SELECTOR, f'[data-path="{path}"]:is(input, select, textarea)')


def settle(driver, wait):
    """Waits until the preview shows the saved version and its first page image has loaded."""
    last = driver.find_element(By.ID, "versi").get_attribute("value")
    wait.until(lambda d: any(last in i.get_attribute("src")
                             for i in d.find_elements(By.CSS_SELECTOR, "#pratinjau img.halaman")))
    wait.until(lambda d: d.execute_script(
        "const i = document.querySelector('#pratinjau img.halaman'); return i.complete && i.naturalWidth > 0"))


def main():
    address, shots = sys.argv[1], sys.argv[2]
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("RENJA_CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(os.environ.get("RENJA_CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    report = {}
    try:
        driver.get(address)
        # htmx swaps the parts of the page a save changes: an element found by a poll can be
        # replaced before the poll reads it, which is no failure but a reason to poll again.
        wait = WebDriverWait(driver, TIMEOUT, ignored_exceptions=(StaleElementReferenceException,))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'input[data-path="{PAGU}"]'))
        # The preview of the part being edited is laid out once the page has loaded.
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pratinjau img.halaman"))
        jumlah = driver.find_element(By.ID, "jumlah")
        report["jumlah_sebelum"] = jumlah.get_attribute("data-nilai")
        report["jumlah_tampil_sebelum"] = jumlah.text
        pagu = by_path(driver, PAGU)
        report["pagu_tampil_sebelum"] = pagu.get_attribute("value")
        typed = int(report["pagu_tampil_sebelum"].replace(".", "")) + 1_000_000
        typed = f"{typed:,}".replace(",", ".")
        report["pagu_diketik"] = typed
        preview_before = driver.find_element(By.ID, "waktu-pratinjau").id
        pagu.click()
        pagu.send_keys(Keys.CONTROL, "a")
        pagu.send_keys(typed, Keys.TAB)
        started = time.monotonic()
        wait.until(lambda d: d.find_element(By.ID, "jumlah").get_attribute("data-nilai") != report["jumlah_sebelum"])
        report["simpan_ms"] = round((time.monotonic() - started) * 1000)
        jumlah = driver.find_element(By.ID, "jumlah")
        report["jumlah_sesudah"] = jumlah.get_attribute("data-nilai")
        report["jumlah_tampil_sesudah"] = jumlah.text
        report["tersimpan"] = bool(driver.find_elements(By.ID, "tersimpan"))
        # The preview is laid out again from the saved plan: a new timing line replaces the old.
        wait.until(lambda d: d.find_element(By.ID, "waktu-pratinjau").id != preview_before)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pratinjau img.halaman"))
        report["pratinjau_ms_klien"] = round((time.monotonic() - started) * 1000)
        report["pratinjau_ms"] = int(driver.find_element(By.ID, "waktu-pratinjau").get_attribute("data-ms"))
        report["pratinjau_halaman"] = len(driver.find_elements(By.CSS_SELECTOR, "#pratinjau img.halaman"))
        driver.save_screenshot(os.path.join(shots, "serve-pagu.png"))

        # Changes in quick succession, as a planner tabbing through: each is saved before the
        # next is typed, while the previews they start are still being laid out.
        typed_maju = []
        for n in (1, 2, 3):
            version = driver.find_element(By.ID, "versi").get_attribute("value")
            maju = by_path(driver, PAGU_MAJU)
            value = int(maju.get_attribute("value").replace(".", "")) + n
            typed_maju.append(value)
            maju.click()
            maju.send_keys(Keys.CONTROL, "a")
            maju.send_keys(str(value), Keys.TAB)
            wait.until(lambda d: d.find_element(By.ID, "versi").get_attribute("value") != version)
        report["pagu_maju_diketik"] = typed_maju
        last = driver.find_element(By.ID, "versi").get_attribute("value")
        # The preview settles on the last saved version, and its first page image loads.
        wait.until(lambda d: any(last in i.get_attribute("src")
                                 for i in d.find_elements(By.CSS_SELECTOR, "#pratinjau img.halaman")))
        wait.until(lambda d: d.execute_script(
            "const i = document.querySelector('#pratinjau img.halaman'); return i.complete && i.naturalWidth > 0"))

        kode = by_path(driver, KODE)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", kode)
        kode.click()
        kode.send_keys(Keys.CONTROL, "a")
        kode.send_keys("4.5.x.1", Keys.TAB)
        block = "#blok-f-rencana-program-0-kegiatan-0-kode"
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'{block} [role="alert"]'))
        alerts = driver.find_elements(By.CSS_SELECTOR, f'{block} [role="alert"]')
        report["peringatan_kode"] = [a.text for a in alerts]
        report["kode_alert_kode"] = [a.get_attribute("data-kode") for a in alerts]
        # The finding's link in the list brings its field into view, below the summary bar.
        driver.execute_script("window.scrollTo(0, 0)")
        link = driver.find_element(By.CSS_SELECTOR, '.temuan a[href="#f-rencana-program-0-kegiatan-0-kode"]')
        link.click()
        report["tautan_ke_kolom"] = driver.execute_script(
            "const r = document.getElementById('f-rencana-program-0-kegiatan-0-kode').getBoundingClientRect();"
            "const bar = document.querySelector('.ringkasan').getBoundingClientRect();"
            "return r.top >= bar.bottom && r.bottom <= window.innerHeight")
        field = driver.find_element(By.CSS_SELECTOR, block)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        driver.save_screenshot(os.path.join(shots, "serve-kode.png"))
        # Tabel 2.4 as a grid: add a row, type its lokasi, see it saved.
        driver.get(address.replace("/?", "/?tampil=evaluasi&", 1))
        grid = f'table.kisi[data-path="{USULAN}"]'
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, grid))
        version = driver.find_element(By.ID, "versi").get_attribute("value")
        add = driver.find_element(By.CSS_SELECTOR, f'button[data-aksi="baris-baru"][data-path="{USULAN}"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", add)
        add.click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f'{grid} [data-path="{LOKASI}"]'))
        report["baris_baru_tersimpan"] = driver.find_element(By.ID, "versi").get_attribute("value") != version
        version = driver.find_element(By.ID, "versi").get_attribute("value")
        lokasi = by_path(driver, LOKASI)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", lokasi)
        lokasi.click()
        lokasi.send_keys("Kec. Kepanjen", Keys.TAB)
        wait.until(lambda d: d.find_element(By.ID, "versi").get_attribute("value") != version)
        report["lokasi_tampil"] = by_path(driver, LOKASI).get_attribute("value")
        report["sel_dalam_kisi"] = bool(driver.find_elements(By.CSS_SELECTOR, f'{grid} td [data-path="{LOKASI}"]'))
        report["judul_kolom"] = [th.text for th in driver.find_elements(By.CSS_SELECTOR, f"{grid} thead th")]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})",
                              driver.find_element(By.CSS_SELECTOR, grid))
        settle(driver, wait)
        driver.save_screenshot(os.path.join(shots, "serve-kisi.png"))
        # Tabel 2.1 as a grid, its kode offering the plan's program codes.
        kode_evaluasi = by_path(driver, "$.evaluasi.program[0].kode")
        report["daftar_kode"] = kode_evaluasi.get_attribute("list")
        driver.execute_script("window.scrollTo(0, 0)")
        table = driver.find_element(By.CSS_SELECTOR, 'table.kisi[data-path="$.evaluasi.program"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", table)
        driver.execute_script("window.scrollBy(0, -90)")
        driver.save_screenshot(os.path.join(shots, "serve-tabel-2-1.png"))

        if len(sys.argv) > 3:
            # Import by upload: the workbook replaces the plan's tables.
            driver.execute_script("window.scrollTo(0, 0)")
            version = driver.find_element(By.ID, "versi").get_attribute("value")
            driver.find_element(By.CSS_SELECTOR, "details.impor summary").click()
            driver.find_element(By.ID, "berkas-impor").send_keys(sys.argv[3])
            driver.find_element(By.ID, "tombol-impor").click()
            wait.until(lambda d: d.find_element(By.ID, "versi").get_attribute("value") != version)
            report["impor_pesan"] = driver.find_element(By.ID, "pesan").text
            settle(driver, wait)
            driver.save_screenshot(os.path.join(shots, "serve-impor.png"))

        report["konsol"] = [
            entry for entry in driver.get_log("browser") if entry.get("level") in ("SEVERE", "ERROR")
        ]
    finally:
        driver.quit()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
