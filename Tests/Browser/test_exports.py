"""The exports page: quotes downloaded as Word through the page (the file opened by python-docx, the export
recorded under the downloaded name), a refusal's remedy as a button, and a table as CSV with the separator
chosen. The module works on a transcript and codes of its own (intervju-kari, Eksport/…), so the other
modules sharing the server see none of its codings."""
import csv
import json
import shutil
import tempfile
import time
import unittest
from pathlib import Path

import docx
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import SHOTS, BrowserTest, add_account, log_in, log_in_with_form, qualcode, server, text_of

INTERVIEW = """Intervjuer: Hva gjør dere når en deltaker får jobb?
Kari: Vi følger opp på arbeidsplassen. Det går først og fremst på å bygge trygghet hos arbeidsgiveren på Sørlandet.
Intervjuer: Og etterpå?
Kari: Etter et halvår trapper vi ned, men døra står åpen.
"""


def wait_for_file(folder, name, timeout=15):
    """The downloaded file, once Chromium has finished writing it."""
    path = Path(folder) / name
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.exists() and not list(Path(folder).glob("*.crdownload")):
            return path
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded; the folder holds {sorted(p.name for p in Path(folder).iterdir())}")


class ExportPageTests(BrowserTest):
    @classmethod
    def setUpClass(cls):
        srv = server()
        qualcode(srv.project, "participant", "add", "Kari", "--attr", "rolle=jobbspesialist")
        (srv.folder / "intervju-kari.txt").write_text(INTERVIEW, encoding="utf-8")
        qualcode(srv.project, "import", str(srv.folder / "intervju-kari.txt"), "--participant", "Kari")
        qualcode(srv.project, "code", "intervju-kari", "--quote", "bygge trygghet hos arbeidsgiveren på Sørlandet",
                 "--code", "Eksport/Oppfølging")
        qualcode(srv.project, "code", "intervju-kari", "--quote", "døra står åpen", "--code", "Eksport/Nedtrapping")

    def setUp(self):
        super().setUp()
        self.downloads = Path(tempfile.mkdtemp(prefix="qualcode-downloads-"))
        self.addCleanup(shutil.rmtree, self.downloads, ignore_errors=True)

    def open_exports(self, driver, kind="quotes"):
        """A fresh form: the page keeps its choices while it stays open, so leave it first."""
        driver.execute_script("location.hash = '#/'")
        driver.find_element(By.ID, "nav-exports").click()
        if kind != "quotes":
            WebDriverWait(driver, 10).until(EC.element_to_be_clickable((By.ID, f"export-tab-{kind}"))).click()
        return WebDriverWait(driver, 10).until(EC.visibility_of_element_located((By.ID, f"export-{kind}")))

    def choose_code(self, form, path):
        form.find_element(By.CSS_SELECTOR, f'#export-codes li[data-path="{path}"] input').click()

    def test_quotes_download_as_word_through_the_page(self):
        driver = self.new_browser(self.downloads)
        log_in(driver)
        form = self.open_exports(driver)
        self.assertIn(driver.find_element(By.ID, "nav-exports").text, ["Eksporter", "Exports"])

        # The parent alone has no segments of its own: the refusal offers to include its child codes.
        self.choose_code(form, "Eksport")
        form.find_element(By.NAME, "name").send_keys("eksport-kari")
        form.find_element(By.ID, "export-download").click()
        remedy = WebDriverWait(driver, 10).until(EC.element_to_be_clickable((By.ID, "export-remedy")))
        self.assertIn("has no segments of its own", driver.find_element(By.CSS_SELECTOR, "#export-outcome .error-line").text)
        self.assertFalse(list(self.downloads.iterdir()))
        remedy.click()
        first = wait_for_file(self.downloads, "eksport-kari.docx")
        self.assertTrue(form.find_element(By.NAME, "withChildren").is_selected())
        texts = [p.text for p in docx.Document(str(first)).paragraphs]
        self.assertIn("Sitater", texts)
        self.assertTrue(any("bygge trygghet hos arbeidsgiveren på Sørlandet" in t and t.endswith("(Kari)") for t in texts), texts)
        self.assertTrue(any("døra står åpen" in t for t in texts), texts)

        # The report style with a label from the attribute, one code, the usual name.
        form = self.open_exports(driver)
        self.choose_code(form, "Eksport/Oppfølging")
        Select(form.find_element(By.NAME, "style")).select_by_value("report")
        form.find_element(By.NAME, "label").send_keys("({rolle})")
        form.find_element(By.ID, "export-download").click()
        second = wait_for_file(self.downloads, "sitater.docx")
        WebDriverWait(driver, 5).until(lambda d: "sitater.docx" in text_of(d, "toast"))
        texts = [p.text for p in docx.Document(str(second)).paragraphs]
        self.assertIn("(Jobbspesialist)", " ".join(texts))
        self.assertFalse(any("døra står åpen" in t for t in texts))
        # Kari is the only jobbspesialist in this module's data, so the label points at her: the check says so
        # beside the download.
        notes = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#export-outcome .export-notes")))
        self.assertIn("quote", notes.text)
        driver.save_screenshot(str(SHOTS / "exports.png"))

        # Both are recorded, under the names the browser saved, by the one who downloaded them.
        exports = json.loads(qualcode(server().project, "quote", "exports", "--json"))
        files = [e["file"] for e in exports if e["exportedBy"] == "anne"]
        self.assertIn("eksport-kari.docx", files)
        self.assertIn("sitater.docx", files)

    def test_a_table_downloads_as_csv_with_the_separator_chosen(self):
        driver = self.new_browser(self.downloads)
        log_in(driver)
        form = self.open_exports(driver, "codings")
        self.choose_code(form, "Eksport/Nedtrapping")
        Select(form.find_element(By.NAME, "format")).select_by_value("csv")
        Select(form.find_element(By.NAME, "delimiter")).select_by_value(";")
        self.assertFalse(form.find_element(By.NAME, "landscape").is_displayed())
        form.find_element(By.ID, "export-download").click()
        path = wait_for_file(self.downloads, "kodinger.csv")
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        self.assertEqual(len(rows), 2, rows)
        self.assertIn("Eksport/Nedtrapping", rows[1])
        self.assertIn("døra står åpen", rows[1])

    def test_a_reader_downloads_tables_but_not_quotes(self):
        add_account("rut", "reader", "rut-leser-passord")
        driver = self.new_browser(self.downloads)
        log_in_with_form(driver, "rut", "rut-leser-passord")
        form = self.open_exports(driver)
        # The quote export is recorded in the project: the page says why a reader cannot make one.
        self.assertFalse(form.find_element(By.ID, "export-download").is_enabled())
        self.assertIn("koder eller eier", form.text)
        form = self.open_exports(driver, "codebook")
        form.find_element(By.NAME, "name").send_keys("kodebok-rut")
        form.find_element(By.ID, "export-download").click()
        path = wait_for_file(self.downloads, "kodebok-rut.docx")
        self.assertTrue(any("Oppfølging" in cell.text for table in docx.Document(str(path)).tables for row in table.rows for cell in row.cells))


if __name__ == "__main__":
    unittest.main(verbosity=2)
