#!/usr/bin/env python3
"""What the browser tests share: `qualcode serve` on a real project file, started once for the whole run,
headless Chromium through Selenium, and helpers that select and code text as a user does.

Run by Scripts/test after the Swift suites:  python3 -m unittest discover -s Tests/Browser -v
Screenshots of each main view are kept in docs/screenshots/ (the README shows them).

The server and its project are shared by every test module: a module that changes the project works on a
transcript of its own (test_transcript.py has intervju-eva), so the modules do not see each other's codings.
"""
import atexit
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
        self.process.stdout.close()
        self.process.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)


_server = None


def server():
    """The one server of the whole run, started on first use and stopped when Python exits."""
    global _server
    if _server is None:
        _server = Server()
        atexit.register(_server.stop)
        SHOTS.mkdir(parents=True, exist_ok=True)
    return _server


def browser(downloads=None):
    """Headless Chromium; with `downloads`, files the page saves go into that folder without asking."""
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900", "--lang=nb-NO",
                 "--autoplay-policy=no-user-gesture-required", "--mute-audio"]:
        options.add_argument(flag)
    if downloads:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False,
                                                  "download.directory_upgrade": True})
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_script_timeout(10)
    if downloads:
        # Headless Chromium saves downloads only where it is told to through the DevTools protocol.
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


def log_in(driver):
    driver.get(server().address)
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcripts a")))


def open_transcript(driver, name="intervju-eva"):
    WebDriverWait(driver, 10).until(lambda d: [a for a in d.find_elements(By.CSS_SELECTOR, "#transcripts a") if name in a.text])[0].click()
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcript .row")))


def text_of(driver, element_id):
    """An element's text read in the page at once: a wait that finds the element and then reads it can meet
    a redrawn page in between (StaleElementReferenceException); '' while it is not there."""
    return driver.execute_script("const e = document.getElementById(arguments[0]); return e ? e.innerText : ''", element_id) or ""


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
    WebDriverWait(driver, 5).until(lambda d: "Kodet med" in text_of(d, "toast")
                                   or "Coded with" in d.find_element(By.ID, "toast").text)
    field.send_keys(Keys.ESCAPE)


def units():
    return json.loads(qualcode(server().project, "units", "--json"))


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




def add_account(name, role, password):
    """An account made with the command line, its password given on standard input."""
    qualcode(server().project, "user", "add", name, "--role", role)
    result = subprocess.run([QUALCODE, "--project", str(server().project), "user", "password", name, "--password-stdin"],
                            input=password + "\n", capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"qualcode user password {name} failed: {result.stderr}")


def log_in_with_form(driver, name, password):
    """Logs in through the login form, as a person types it."""
    driver.get(server().base + "/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password + Keys.ENTER)
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcripts a")))


class BrowserTest(unittest.TestCase):
    """A test that opens browsers with new_browser(); they are closed after each test, whatever happens."""

    def setUp(self):
        self.drivers = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()

    def new_browser(self, downloads=None):
        driver = browser(downloads)
        self.drivers.append(driver)
        return driver
