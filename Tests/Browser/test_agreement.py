"""The agreement page (#/agreement): two coders' codings compared with percent agreement, Cohen's κ and
Krippendorff's α per code and pooled, the unit changed, the disagreements side by side and one settled
with a note, the report downloaded and read back with python-docx, and blind coding turned on by the owner:
a coder then sees only their own codings on the transcript page and cannot compare.

The codings are made with the command line (`qualcode code --coder …`) in a project and server of this
module's own, started once for the module.
"""
import json
import shutil
import sqlite3
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

import docx

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import QUALCODE, SHOTS, BrowserTest, Server, qualcode, text_of

SIV = """Intervjuer: Hvordan er samarbeidet med veilederen?
Siv: Eh, jeg stoler på henne. Hun ringer alltid tilbake. (latter)
Siv: Men rapporteringen tar mye tid, altså. Det blir mye skjema.
Intervjuer: Hva gjør du da?
Siv: Jeg skriver om kvelden. Det er slitsomt, men det går.
"""

srv = None


def setUpModule():
    global srv
    srv = Server()
    p = srv.project
    qualcode(p, "participant", "add", "Siv")
    (srv.folder / "intervju-siv.txt").write_text(SIV, encoding="utf-8")
    qualcode(p, "import", str(srv.folder / "intervju-siv.txt"), "--participant", "Siv")
    for coder, quote, code in [
        ("lars", "jeg stoler på henne. Hun ringer alltid tilbake.", "Tillit"),
        ("mona", "jeg stoler på henne.", "Tillit"),
        ("lars", "rapporteringen tar mye tid", "Belastning"),
        ("mona", "rapporteringen tar mye tid", "Belastning"),
        ("mona", "Det er slitsomt", "Belastning"),
    ]:
        qualcode(p, "code", "intervju-siv", "--quote", quote, "--code", code, coder=coder)
    qualcode(p, "user", "add", "lars", "--role", "coder")
    result = subprocess.run([QUALCODE, "--project", str(p), "user", "password", "lars", "--password-stdin"],
                            input="tillit-er-alt-2026\n", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def tearDownModule():
    if srv:
        srv.stop()


class AgreementPageTests(BrowserTest):
    def open_page(self, downloads=None):
        driver = self.new_browser(downloads)
        driver.get(srv.address)
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcripts a")))
        driver.find_element(By.ID, "nav-agreement").click()
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#agreement-statistics tbody tr")))
        return driver

    def test_1_statistics_per_code_and_pooled_in_the_unit_chosen(self):
        driver = self.open_page()
        rows = [[c.text for c in r.find_elements(By.CSS_SELECTOR, "th, td")]
                for r in driver.find_elements(By.CSS_SELECTOR, "#agreement-statistics tr")]
        self.assertEqual(rows[0], ["Kode", "Enheter", "Begge", "Bare lars", "Bare mona", "Ingen", "Prosent", "Cohens κ", "Krippendorffs α"])
        self.assertEqual([r[0] for r in rows[1:]], ["Belastning", "Tillit", "Samlet"])
        # Characters: every character of the transcript is a unit, so each code counts them all.
        self.assertTrue(all(r[1] == rows[1][1] for r in rows[1:3]))
        self.assertIn("Enhet: tegn", driver.find_element(By.ID, "agreement-result").text)
        # The same figures as the command line gives.
        cli = qualcode(srv.project, "agree", "--coders", "lars,mona").replace("\u00a0", " ")
        for cell in rows[3][6:]:
            self.assertIn(cell, cli)
        Select(driver.find_element(By.ID, "agreement-unit")).select_by_value("sentences")
        driver.find_element(By.ID, "agreement-compare").click()
        WebDriverWait(driver, 10).until(lambda d: "Enhet: setninger" in text_of(d, "agreement-result"))
        self.assertNotEqual(driver.find_elements(By.CSS_SELECTOR, "#agreement-statistics tbody tr td")[0].text, rows[1][1])
        driver.save_screenshot(str(SHOTS / "agreement.png"))

    def test_2_a_disagreement_is_settled_with_a_note(self):
        driver = self.open_page()
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.disagreement")))
        self.assertIn("2 uenigheter, 0 avgjort", driver.find_element(By.ID, "disagreements-count").text)
        card = [c for c in driver.find_elements(By.CSS_SELECTOR, "li.disagreement") if "Det er slitsomt" in c.text][0]
        self.assertIn("(ikke kodet)", card.text)
        self.assertIn("kodet / ikke kodet", card.text.lower())
        ident = card.get_attribute("data-id")
        card.find_element(By.CSS_SELECTOR, "input.note").send_keys("Slitsomt er belastning")
        card.find_element(By.CSS_SELECTOR, 'button[data-adopt="mona"]').click()
        # The list is drawn again after the decision: read the new card afresh each time (no stale element).
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(
            "const c = document.getElementById(arguments[0]); return !!c && c.classList.contains('decided')", f"disagreement-{ident}"))
        self.assertIn("Avgjort: mona valgt: Slitsomt er belastning", driver.find_element(By.ID, f"disagreement-{ident}").text)
        listed = qualcode(srv.project, "agree", "disagreements", "--coders", "lars,mona")
        self.assertIn("decided: mona adopted (anne): Slitsomt er belastning", listed)
        units = json.loads(qualcode(srv.project, "units", "--json"))
        self.assertTrue(any(u["text"] == "Det er slitsomt" for u in units))
        driver.save_screenshot(str(SHOTS / "disagreements.png"))

    def test_3_the_report_downloads_as_word(self):
        folder = Path(tempfile.mkdtemp(prefix="qualcode-agreement-"))
        try:
            driver = self.open_page(downloads=folder)
            driver.find_element(By.ID, "agreement-download-report").click()
            deadline = time.time() + 15
            while time.time() < deadline and not list(folder.glob("*.docx")):
                time.sleep(0.2)
            files = list(folder.glob("*.docx"))
            self.assertEqual([f.name for f in files], ["samsvar.docx"])
            document = docx.Document(str(files[0]))
            text = "\n".join(p.text for p in document.paragraphs)
            self.assertIn("Samsvar mellom lars og mona per kode", text)
            self.assertIn("Krippendorffs α (nominal", text)
            self.assertEqual([c.text for c in document.tables[0].rows[0].cells][:2], ["Kode", "Enheter"])
            self.assertEqual(len(document.tables), 2)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def test_4_blind_coding_shows_a_coder_only_their_own_codings(self):
        owner = self.open_page()
        owner.find_element(By.ID, "agreement-blind").click()
        WebDriverWait(owner, 10).until(lambda d: text_of(d, "agreement-blind-state").startswith("på: koderne ser bare"))
        try:
            lars = self.new_browser()
            lars.get(srv.base + "/login")
            lars.find_element(By.ID, "name").send_keys("lars")
            lars.find_element(By.ID, "password").send_keys("tillit-er-alt-2026" + Keys.ENTER)
            WebDriverWait(lars, 10).until(lambda d: [a for a in d.find_elements(By.CSS_SELECTOR, "#transcripts a") if "intervju-siv" in a.text])[0].click()
            WebDriverWait(lars, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcript .row")))
            coded = lars.execute_script("return [...document.querySelectorAll('.piece.coded')].map(p => p.textContent).join('|')")
            self.assertIn("Hun ringer alltid tilbake", coded)
            self.assertNotIn("Det er slitsomt", coded)
            lars.find_element(By.ID, "nav-agreement").click()
            WebDriverWait(lars, 10).until(EC.presence_of_element_located((By.ID, "agreement-closed")))
        finally:
            owner.find_element(By.ID, "agreement-blind").click()
            WebDriverWait(owner, 10).until(lambda d: text_of(d, "agreement-blind-state").startswith("av:"))
        self.assertIn("Blind coding is off.", qualcode(srv.project, "agree", "blind"))


    def test_5_the_owner_merges_a_coders_copy_and_downloads_the_report(self):
        folder = Path(tempfile.mkdtemp(prefix="qualcode-merge-"))
        try:
            # Berit's copy of the served project (SQLite's own backup: consistent while the server runs), coded by her.
            copy = folder / "berit.qualcode"
            source, target = sqlite3.connect(str(srv.project)), sqlite3.connect(str(copy))
            source.backup(target)
            target.close()
            source.close()
            qualcode(copy, "code", "intervju-siv", "--quote", "Jeg skriver om kvelden", "--code", "Belastning", coder="berit")
            driver = self.open_page(downloads=folder)
            field = driver.find_element(By.ID, "merge-file")
            driver.execute_script("arguments[0].hidden = false", field)
            field.send_keys(str(copy))
            WebDriverWait(driver, 20).until(lambda d: d.execute_script(
                "const r = document.getElementById('merge-report'); return r ? r.textContent : ''"))
            report = driver.find_element(By.ID, "merge-report").text
            self.assertIn("Hentet inn fra berit.qualcode.", report)
            self.assertIn("Sikkerhetskopi laget først, ved siden av prosjektfilen: ", report)
            self.assertIn("Ingen konflikter.", report)
            rows = {r.get_attribute("data-kind"): [c.text for c in r.find_elements(By.CSS_SELECTOR, "th, td")]
                    for r in driver.find_elements(By.CSS_SELECTOR, "#merge-counts tbody tr")}
            self.assertEqual(rows["coding"][:2], ["kodinger", "1"])
            self.assertEqual(rows["transcript"], ["transkripsjoner", "0", "2"])
            # The page is drawn again with Berit among the coders to compare.
            self.assertIn("berit", driver.find_element(By.CSS_SELECTOR, "fieldset.coders").text)
            driver.execute_script("document.getElementById('merge').scrollIntoView()")
            driver.save_screenshot(str(SHOTS / "merge.png"))
            self.assertIn("project.merge", qualcode(srv.project, "log"))

            driver.find_element(By.ID, "merge-download-report").click()
            deadline = time.time() + 15
            while time.time() < deadline and not list(folder.glob("*.docx")):
                time.sleep(0.2)
            files = list(folder.glob("*.docx"))
            self.assertEqual([f.name for f in files], ["sammenslåing.docx"])
            document = docx.Document(str(files[0]))
            text = "\n".join(p.text for p in document.paragraphs)
            self.assertIn("Hentet inn fra berit.qualcode.", text)
            self.assertEqual(len(document.tables), 2)
            self.assertIn("kodinger", [row.cells[0].text for row in document.tables[0].rows])
        finally:
            shutil.rmtree(folder, ignore_errors=True)


class RefiPageTests(BrowserTest):
    """REFI-QDA in the browser: the project and codebook downloads on the exports page (the package read
    back and its project.qde validated with xmllint against the standard's schema), and a codebook uploaded
    on the code tree page."""

    def test_the_project_downloads_and_a_codebook_imports(self):
        folder = Path(tempfile.mkdtemp(prefix="qualcode-refi-"))
        try:
            driver = self.new_browser(downloads=folder)
            driver.get(srv.address)
            WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcripts a")))
            driver.execute_script("location.hash = '#/exports/refi-project'")
            WebDriverWait(driver, 10).until(lambda d: "Prosjektet (.qdpx)" in d.find_element(By.TAG_NAME, "main").text)
            driver.find_element(By.ID, "export-download").click()
            deadline = time.time() + 15
            while time.time() < deadline and not list(folder.glob("*.qdpx")):
                time.sleep(0.2)
            packages = list(folder.glob("*.qdpx"))
            self.assertEqual([p.name for p in packages], ["prosjekt.qdpx"])
            import zipfile
            with zipfile.ZipFile(packages[0]) as archive:
                names = archive.namelist()
                self.assertIn("project.qde", names)
                self.assertEqual(len([n for n in names if n.startswith("sources/")]), 2)
                (folder / "project.qde").write_bytes(archive.read("project.qde"))
            schema = Path(__file__).resolve().parents[3] / "shared" / "refi-qda" / "Project-mrt2019.xsd"
            checked = subprocess.run(["xmllint", "--noout", "--schema", str(schema), str(folder / "project.qde")], capture_output=True, text=True)
            self.assertEqual(checked.returncode, 0, checked.stderr)

            # A codebook from another tool, onto the code tree.
            qdc = folder / "kodebok.qdc"
            qdc.write_text("""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="0d6f0c41-55a1-4c4b-9d63-2f2b2f0e7a11" name="Samarbeid" isCodable="true">
<Code guid="3e1f7d52-1b2c-4c1a-8f0e-6a9d1c2b3e44" name="Veilederen" isCodable="true" color="#2a9d8f"/></Code>
<Code guid="5a2b3c4d-6e7f-4a8b-9c0d-1e2f3a4b5c6d" name="Tillit" isCodable="true"/>
</Codes></CodeBook>
""", encoding="utf-8")
            driver.execute_script("location.hash = '#/codes'")
            WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "codebook-import")))
            field = driver.find_element(By.ID, "codebook-file")
            driver.execute_script("arguments[0].hidden = false", field)
            field.send_keys(str(qdc))
            WebDriverWait(driver, 10).until(lambda d: "2 nye koder, 1 fantes fra før" in text_of(d, "toast"))
            WebDriverWait(driver, 10).until(lambda d: "Veilederen" in text_of(d, "code-rows"))
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
