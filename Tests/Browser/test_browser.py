#!/usr/bin/env python3
"""The web UI in a real headless Chromium, driven by Selenium, against `qualcode serve` on a real
project file. The server starts once for the whole suite; each test opens its own browser window(s).

Run by Scripts/test after the Swift suites:  python3 Tests/Browser/test_browser.py
Screenshots of each main view are kept in docs/screenshots/ (the README shows them).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
QUALCODE = os.environ.get("QUALCODE_BIN") or subprocess.run(
    ["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip() + "/qualcode"

# Our own synthetic interview: emoji and æøå before the passages the tests select, and markup that must
# stay text.
INTERVIEW = """Intervjuer: Hva betyr 😀 tillit for deg i jobben som jobbspesialist?
Eva: Æ, tja – tillit er alt 👍🏽 for meg. Uten tillit får jeg ingenting gjort på Østlandet.

Intervjuer: <script>window.__xss = 1</script> og " onmouseover="window.__xss = 2" står her.
Eva: Ja, og <img src=x onerror="window.__xss = 3"> også. Så blir det mer rapportering på fredager (latter).
Intervjuer: Hvordan merker du det?
Eva: Eh … skjemaene tar tid. Kartleggingen må være ferdig før vi kan snakke om jobbmatch.
"""


def qualcode(project, *args, coder="anne"):
    where = [] if args[0] == "init" else ["--project", str(project)]
    result = subprocess.run([QUALCODE, *where, "--coder", coder, *args],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"qualcode {' '.join(args)} failed: {result.stderr}")
    return result.stdout


class Server:
    """`qualcode serve` on a free port, started once."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="qualcode-browser-"))
        self.project = self.folder / "studie.qualcode"
        qualcode(self.project, "init", str(self.project), "--title", "Tillit i NAV")
        qualcode(self.project, "participant", "add", "Eva", "--label", "Informant E")
        (self.folder / "intervju-eva.txt").write_text(INTERVIEW, encoding="utf-8")
        qualcode(self.project, "import", str(self.folder / "intervju-eva.txt"), "--participant", "Eva")
        self.process = subprocess.Popen([QUALCODE, "serve", str(self.project), "--port", "0", "--coder", "anne"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        self.address = None
        while time.time() < deadline and self.address is None:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError("qualcode serve ended: " + self.process.stderr.read())
            match = re.search(r"(http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+)", line)
            if match:
                self.address = match.group(1)
        self.base = self.address.split("/?")[0]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


SERVER = None


def setUpModule():
    global SERVER
    SERVER = Server()
    SHOTS.mkdir(parents=True, exist_ok=True)


def tearDownModule():
    if SERVER:
        SERVER.stop()


def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900", "--lang=nb-NO"]:
        options.add_argument(flag)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_script_timeout(10)
    return driver


def log_in(driver):
    driver.get(SERVER.address)
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcripts a")))


def open_transcript(driver):
    driver.find_element(By.CSS_SELECTOR, "#transcripts a").click()
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcript .row")))


def select_text(driver, text):
    """Selects the first occurrence of `text` in the transcript as a mouse would: a DOM range over the
    text nodes, whose offsets the browser counts in UTF-16 units."""
    found = driver.execute_script("""
        const wanted = arguments[0];
        const root = document.getElementById('transcript');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
          acceptNode: (n) => n.parentElement.closest('.piece') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT });
        const nodes = []; let all = '';
        while (walker.nextNode()) { nodes.push([walker.currentNode, all.length]); all += walker.currentNode.data; }
        const at = all.indexOf(wanted);
        if (at < 0) return false;
        const locate = (offset, isEnd) => {
          for (const [node, base] of nodes) {
            const len = node.data.length;
            if (offset < base + len || (isEnd && offset === base + len)) return [node, offset - base];
          }
          const [node, base] = nodes[nodes.length - 1]; return [node, node.data.length];
        };
        const [sn, so] = locate(at, false), [en, eo] = locate(at + wanted.length, true);
        const range = document.createRange(); range.setStart(sn, so); range.setEnd(en, eo);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        return true;""", text)
    assert found, f"not on the page: {text}"


def code_selection(driver, code, exact=False):
    driver.find_element(By.TAG_NAME, "body").send_keys("C" if exact else "c")
    field = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "picker-input")))
    field.send_keys(code)
    field.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: "Kodet med" in d.find_element(By.ID, "toast").text
                                   or "Coded with" in d.find_element(By.ID, "toast").text)
    field.send_keys(Keys.ESCAPE)


def units(coder=None):
    data = json.loads(qualcode(SERVER.project, "units", "--json"))
    return data


def click_coded(driver, text):
    """Clicks the coded passage holding `text` (found afresh: a live update may have redrawn the page)."""
    return driver.execute_script("""
        const piece = [...document.querySelectorAll('.piece.coded')].find(p => p.textContent.includes(arguments[0]));
        if (!piece) return false;
        window.getSelection().removeAllRanges();
        piece.click();
        return true;""", text)


def highlight_count(driver, code_label):
    return driver.execute_script("""
        return [...document.querySelectorAll('.margin .chip')].filter(c => c.textContent.includes(arguments[0])).length;""",
                                 code_label)


class BrowserTests(unittest.TestCase):
    def setUp(self):
        self.drivers = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()

    def new_browser(self):
        driver = browser()
        self.drivers.append(driver)
        return driver

    def test_1_token_logs_in_and_leaves_the_address(self):
        driver = self.new_browser()
        log_in(driver)
        self.assertNotIn("token", driver.current_url)
        self.assertEqual(driver.execute_script("return document.cookie"), "", "the session cookie is HttpOnly")
        driver.save_screenshot(str(SHOTS / "start.png"))

    def test_2_a_selection_after_emoji_and_æøå_is_coded_exactly(self):
        driver = self.new_browser()
        log_in(driver)
        open_transcript(driver)
        # Snapping: a selection that starts and ends inside words grows to whole words.
        select_text(driver, "illit er alt 👍🏽 for m")
        code_selection(driver, "Relasjon/Tillit")
        stored = [u for u in units() if "Tillit" in u["codes"]]
        self.assertEqual([u["text"] for u in stored], ["tillit er alt 👍🏽 for meg"])
        # Exact with shift+c: part of a word.
        select_text(driver, "Østland")
        code_selection(driver, "Sted", exact=True)
        self.assertIn("Østland", [u["text"] for u in units() if "Sted" in u["codes"]])
        driver.refresh()
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".piece.coded")))
        self.assertEqual(highlight_count(driver, "Tillit"), 1)
        driver.save_screenshot(str(SHOTS / "transcript.png"))

    def test_3_several_codes_in_a_row_overlap_and_undo(self):
        driver = self.new_browser()
        log_in(driver)
        open_transcript(driver)
        select_text(driver, "skjemaene tar tid")
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys("c")
        field = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "picker-input")))
        for code in ["Tidsbruk", "Skjema"]:
            field.send_keys(code)
            field.send_keys(Keys.ENTER)
            WebDriverWait(driver, 5).until(lambda d: code in d.find_element(By.ID, "toast").text)
        field.send_keys(Keys.ESCAPE)
        piece = WebDriverWait(driver, 5).until(lambda d: [p for p in d.find_elements(By.CSS_SELECTOR, ".piece.coded")
                                                          if p.get_attribute("data-codings").count(",") >= 1])
        self.assertTrue(piece, "the passage shows both codes")
        texts = [u["codes"] for u in units() if u["text"] == "skjemaene tar tid"]
        self.assertEqual(sorted(texts[0]), ["Skjema", "Tidsbruk"])
        # A recent code by its number: 1 is the latest (Skjema).
        select_text(driver, "Kartleggingen")
        body.send_keys("1")
        WebDriverWait(driver, 5).until(lambda d: "Skjema" in d.find_element(By.ID, "toast").text)
        self.assertIn("Kartleggingen", [u["text"] for u in units() if "Skjema" in u["codes"]])
        # u undoes it again.
        body.send_keys("u")
        WebDriverWait(driver, 5).until(lambda d: "Skjema" in d.find_element(By.ID, "toast").text
                                       and ("Angret" in d.find_element(By.ID, "toast").text or "Undid" in d.find_element(By.ID, "toast").text))
        self.assertNotIn("Kartleggingen", [u["text"] for u in units()])
        # ? shows every shortcut.
        body.send_keys("?")
        self.assertTrue(driver.find_element(By.ID, "help").is_displayed())
        driver.save_screenshot(str(SHOTS / "shortcuts.png"))
        body.send_keys(Keys.ESCAPE)

    def test_4_blank_selection_is_refused(self):
        driver = self.new_browser()
        log_in(driver)
        open_transcript(driver)
        before = len(units())
        driver.execute_script("""
            const sel = window.getSelection(); sel.removeAllRanges();
            const speaker = document.querySelector('.row.turn .speaker');
            const range = document.createRange(); range.selectNodeContents(speaker); sel.addRange(range);""")
        driver.find_element(By.TAG_NAME, "body").send_keys("c")
        time.sleep(0.3)
        self.assertFalse(driver.find_element(By.ID, "picker-input").is_displayed())
        self.assertEqual(len(units()), before)

    def test_5_markup_in_a_transcript_stays_text(self):
        driver = self.new_browser()
        log_in(driver)
        open_transcript(driver)
        text = driver.find_element(By.ID, "transcript").text
        self.assertIn("<script>window.__xss = 1</script>", text)
        self.assertIn('<img src=x onerror="window.__xss = 3">', text)
        self.assertIsNone(driver.execute_script("return window.__xss"))
        # A memo with markup, too.
        select_text(driver, "mer rapportering")
        code_selection(driver, "Rapportering")
        click_coded(driver, "rapportering")
        WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "popover")))
        driver.find_element(By.CSS_SELECTOR, "#popover .buttons button").click()
        memo = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "memo-text")))
        memo.send_keys('<script>window.__xss = 4</script> «viktig»')
        driver.find_element(By.ID, "memo-save").click()
        WebDriverWait(driver, 5).until(lambda d: not d.find_element(By.ID, "memo-dialog").is_displayed())
        WebDriverWait(driver, 5, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: click_coded(d, "rapportering") and "«viktig»" in d.find_element(By.ID, "popover").text)
        popover = driver.find_element(By.ID, "popover")
        self.assertIn("<script>window.__xss = 4</script> «viktig»", popover.text)
        self.assertIsNone(driver.execute_script("return window.__xss"))
        driver.save_screenshot(str(SHOTS / "coding-details.png"))
        try:
            driver.switch_to.alert
            self.fail("an alert opened")
        except NoAlertPresentException:
            pass

    def test_6_two_browsers_and_the_command_line_see_each_others_codings(self):
        first, second = self.new_browser(), self.new_browser()
        for driver in (first, second):
            log_in(driver)
            open_transcript(driver)
        select_text(second, "ingenting gjort")
        code_selection(second, "Handlingsrom")
        start = time.time()
        WebDriverWait(first, 2.5).until(lambda d: highlight_count(d, "Handlingsrom") == 1)
        self.assertLess(time.time() - start, 2.5)
        qualcode(SERVER.project, "code", "intervju-eva", "--quote", "snakke om jobbmatch", "--code", "Jobbmatch", coder="berit")
        WebDriverWait(first, 2.5).until(lambda d: highlight_count(d, "Jobbmatch") == 1)
        WebDriverWait(second, 2.5).until(lambda d: highlight_count(d, "Jobbmatch") == 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
