"""The work map page: the drawing with a box per step, action and text, a box's panel with its quotes,
informants, clauses and links, the keyboard (Tab to a box, Enter, Esc), swim lanes and the map's language,
evidence added from a transcript selection with the key e, the downloads (the drawing as SVG, PNG and DOT,
the map as a Word figure, its tables) on the map page and the exports page, and the evidence route's refusals.

The map is built with the command line (`qualcode map …`) in a project and server of this module's own,
started once for the module, so nothing here depends on the demo project or on the other modules' codings.
"""
import http.cookiejar
import json
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import docx

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import QUALCODE, SHOTS, BrowserTest, Server, qualcode, select_text, text_of

SIV = """Intervjuer: Hvordan begynner det?
Siv: Vi får en henvisning fra veilederen, og så tar jeg en telefon for å høre om motivasjonen.
Intervjuer: Og så?
Siv: Så bruker jeg kartleggingsmalen, men jeg hopper over noen spørsmål for flytens skyld.
Intervjuer: Noe mer?
Siv: Skjemaet for samtykke glemte vi helt den gangen.
"""
OLA = """Intervjuer: Hva gjør du først?
Ola: Jeg leser henvisningen og ringer jobbsøkeren samme uke.
Intervjuer: Og etterpå?
Ola: Vi tar en prat på kafé for å bli kjent før vi snakker om jobb.
"""

srv = None


def setUpModule():
    global srv
    srv = Server()
    p = srv.project
    for name, text in [("Siv", SIV), ("Ola", OLA)]:
        qualcode(p, "participant", "add", name)
        (srv.folder / f"intervju-{name.lower()}.txt").write_text(text, encoding="utf-8")
        qualcode(p, "import", str(srv.folder / f"intervju-{name.lower()}.txt"), "--participant", name)
    qualcode(p, "map", "standpoint", "Jobbspesialister i NAV")
    qualcode(p, "map", "step", "add", "Henvisning")
    qualcode(p, "map", "step", "add", "Bli kjent")
    qualcode(p, "map", "action", "add", "Informasjonssamtale", "--step", "Bli kjent")
    qualcode(p, "map", "actor", "add", "Jobbspesialist")
    qualcode(p, "map", "text", "add", "Kartleggingsmal", "--kind", "form", "--step", "Bli kjent")
    qualcode(p, "map", "text", "add", "Kvalitetsveileder", "--kind", "quality-tool", "--process")
    qualcode(p, "map", "clause", "add", "Kvalitetsveileder", "Første samtale", "--excerpt", "innen to uker", "--value", "14", "--unit", "dager")
    qualcode(p, "map", "link", "precedes", "step:Henvisning", "step:Bli kjent")
    qualcode(p, "map", "link", "performs", "actor:Jobbspesialist", "action:Informasjonssamtale")
    qualcode(p, "map", "disjuncture", "add", "Malen hoppes over", "--kind", "text-practice", "--step", "Bli kjent")
    qualcode(p, "map", "evidence", "add", "step:Henvisning", "intervju-siv", "--quote", "Vi får en henvisning fra veilederen")
    qualcode(p, "map", "evidence", "add", "step:Henvisning", "intervju-ola", "--quote", "Jeg leser henvisningen")
    qualcode(p, "map", "evidence", "add", "step:Henvisning", "intervju-ola", "--link", "precedes", "--to", "step:Bli kjent",
             "--quote", "ringer jobbsøkeren samme uke")
    qualcode(p, "map", "evidence", "add", "text:Kartleggingsmal", "intervju-siv", "--quote", "Så bruker jeg kartleggingsmalen")
    qualcode(p, "map", "evidence", "cite", "step:Henvisning", "Kvalitetsveileder:Første samtale")
    # A passage whose text an edit then removes: kept, and marked on the map.
    qualcode(p, "map", "evidence", "add", "action:Informasjonssamtale", "intervju-siv", "--quote", "Skjemaet for samtykke glemte vi helt")
    qualcode(p, "transcript", "edit", "intervju-siv", "--find", "Skjemaet for samtykke glemte vi helt den gangen.", "--replace", "Det husker jeg ikke.")


def tearDownModule():
    if srv:
        srv.stop()


def view(lanes=False):
    """The map as the API gives it, through the owner's session."""
    return json.loads(api().open(srv.base + f"/api/map?lanes={str(lanes).lower()}").read())


def node(name, lanes=False):
    return [n for n in view(lanes)["nodes"] if n["name"] == name][0]


def evidence_list(spec):
    return json.loads(qualcode(srv.project, "map", "evidence", "list", spec, "--json"))


_opener = None


def api():
    """An HTTP client logged in as the owner through the printed address, with the CSRF token."""
    global _opener
    if _opener is None:
        jar = http.cookiejar.CookieJar()
        _opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        _opener.open(srv.address)
        _opener.csrf = json.load(_opener.open(srv.base + "/api/session"))["csrfToken"]
    return _opener


def post(opener, path, body):
    """POSTs `body` (bytes as they are, anything else as JSON); the status and the decoded answer."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(srv.base + path, data=data, method="POST",
                                     headers={"Content-Type": "application/json", "X-CSRF-Token": opener.csrf})
    try:
        with opener.open(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class MapPageTests(BrowserTest):
    def open_map(self, hash_="#/map"):
        driver = self.new_browser()
        driver.get(srv.address)
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcripts a")))
        driver.find_element(By.ID, "nav-map").click()
        if hash_ != "#/map":
            driver.execute_script("location.hash = arguments[0]", hash_)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map-svg g[data-key][tabindex]"))
        return driver

    def box(self, driver, name):
        return driver.find_element(By.CSS_SELECTOR, f'#map-svg g[data-key="{node(name)["key"]}"]')

    def panel_shows(self, driver, text):
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "map-panel").is_displayed()
                                       and text in d.find_element(By.ID, "map-panel").text)
        return driver.find_element(By.ID, "map-panel")

    def test_1_the_map_shows_every_box_and_a_box_opens_its_quotes(self):
        driver = self.open_map()
        self.assertEqual(driver.find_element(By.ID, "nav-map").text, "Arbeidskart")
        nodes = view()["nodes"]
        for n in nodes:
            boxes = driver.find_elements(By.CSS_SELECTOR, f'#map-svg g[data-key="{n["key"]}"]')
            if n["kind"] in ("step", "action", "text"):
                self.assertEqual(len(boxes), 1, n["name"])
                self.assertEqual(boxes[0].get_attribute("role"), "button")
                self.assertEqual(boxes[0].get_attribute("tabindex"), "0")
                self.assertIn(f'{n["informants"]} informant', boxes[0].get_attribute("aria-label"))
                self.assertTrue(boxes[0].get_attribute("aria-label").startswith(n["name"]))
        # Without swim lanes the actor and the disjuncture have no box: they are listed under the map.
        self.assertIn("Aktør: Jobbspesialist", driver.find_element(By.ID, "map-not-drawn").text)
        self.assertIn("Brudd: Malen hoppes over", driver.find_element(By.ID, "map-not-drawn").text)
        self.assertIn("Bli kjent", driver.find_element(By.ID, "map-without-evidence").text)
        self.assertNotIn("Henvisning", driver.find_element(By.ID, "map-without-evidence").text)
        self.assertIn("Ståsted: Jobbspesialister i NAV", driver.find_element(By.CSS_SELECTOR, ".page-head").text)

        henvisning = self.box(driver, "Henvisning")
        self.assertEqual(henvisning.find_element(By.CSS_SELECTOR, ".badge text").text, "2")
        self.assertIn("2 passasjer fra 2 informanter", driver.execute_script("return arguments[0].querySelector('title').textContent", henvisning))
        henvisning.click()
        panel = self.panel_shows(driver, "Henvisning")
        self.assertIn("2 passasjer fra 2 informanter", panel.text)
        quotes = [q.text for q in panel.find_elements(By.CSS_SELECTOR, ":scope > .map-passages blockquote")]
        self.assertEqual(quotes, ["Jeg leser henvisningen", "Vi får en henvisning fra veilederen"])
        informants = [i.text for i in panel.find_elements(By.CSS_SELECTOR, ":scope > .map-passages .informants")]
        self.assertEqual(informants, ["Ola", "Siv"])
        siv = json.loads(qualcode(srv.project, "transcripts", "--json"))
        siv = [t for t in siv if t["name"] == "intervju-siv"][0]["id"]
        links = [a.get_attribute("href") for a in panel.find_elements(By.CSS_SELECTOR, ":scope > .map-passages a.open-line")]
        self.assertTrue(links[1].endswith(f"#/transcript/{siv}?line=2"), links)
        self.assertIn("Kvalitetsveileder: Første samtale (14 dager)", panel.find_element(By.CSS_SELECTOR, ".map-clauses").text)
        # The order it starts, with its own passage.
        link = panel.find_element(By.CSS_SELECTOR, ".map-link")
        self.assertIn("Henvisning går foran Bli kjent", link.text)
        self.assertIn("1 passasje fra 1 informant", link.text)
        self.assertIn("ringer jobbsøkeren samme uke", link.text)
        driver.save_screenshot(str(SHOTS / "map-page.png"))

        # The passage an edit removed: its text kept, marked, not counted as an informant nor on the badge.
        samtale = self.box(driver, "Informasjonssamtale")
        self.assertEqual(samtale.find_element(By.CSS_SELECTOR, ".badge text").text, "0")
        self.assertIn("none", samtale.find_element(By.CSS_SELECTOR, ".badge").get_attribute("class"))
        self.box(driver, "Informasjonssamtale").click()
        panel = self.panel_shows(driver, "Informasjonssamtale")
        self.assertIn("1 passasje fra 0 informanter", panel.text)
        orphan = panel.find_element(By.CSS_SELECTOR, ".passage.orphaned")
        self.assertIn("Skjemaet for samtykke glemte vi helt", orphan.text)
        self.assertIn("teksten er fjernet", orphan.text)
        self.assertIn("Jobbspesialist utfører Informasjonssamtale", panel.text)

        # The link opens the transcript at the passage's line.
        self.box(driver, "Henvisning").click()
        panel = self.panel_shows(driver, "Jeg leser henvisningen")
        panel.find_elements(By.CSS_SELECTOR, ":scope > .map-passages a.open-line")[1].click()
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcript .row")))
        self.assertIn(f"#/transcript/{siv}", driver.current_url)
        self.assertIn("Vi får en henvisning", driver.find_element(By.ID, "transcript").text)

    def test_2_the_keyboard_opens_and_closes_a_box(self):
        driver = self.open_map()
        # From the last download link, the next stop of Tab is the drawing's first box.
        driver.execute_script("document.getElementById('map-download-tables').focus()")
        driver.switch_to.active_element.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        names = {n["key"]: n["name"] for n in view()["nodes"]}
        self.assertIn(focused.get_attribute("data-key"), names)
        self.assertEqual(focused.get_attribute("role"), "button")
        name = names[focused.get_attribute("data-key")]
        focused.send_keys(Keys.ENTER)
        self.panel_shows(driver, name)
        self.assertEqual(driver.switch_to.active_element.get_attribute("id"), "map-panel-title")
        driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        WebDriverWait(driver, 5).until(lambda d: not d.find_element(By.ID, "map-panel").is_displayed())
        self.assertEqual(driver.switch_to.active_element.get_attribute("data-key"), focused.get_attribute("data-key"))
        # Space opens too.
        driver.switch_to.active_element.send_keys(Keys.SPACE)
        self.panel_shows(driver, name)

    def test_3_swim_lanes_and_the_language_redraw_the_map(self):
        driver = self.open_map()
        actor = node("Jobbspesialist")["key"]
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, f'#map-svg g[data-key="{actor}"]'))
        driver.find_element(By.ID, "map-lanes").click()
        WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#map-svg g[data-key="{actor}"][tabindex]'))
        self.assertIn("lanes=true", driver.current_url)
        Select(driver.find_element(By.ID, "map-language")).select_by_value("en")
        # A switch redraws the page: an element found just before may be gone when it is read.
        WebDriverWait(driver, 5, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: "Map of the work" in d.find_element(By.CSS_SELECTOR, "#map-svg > title").get_attribute("textContent"))
        self.assertIn("language=en", driver.current_url)
        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, f'#map-svg g[data-key="{actor}"]'))
        for link in ["map-download-svg", "map-download-png", "map-download-dot", "map-download-figure"]:
            self.assertIn("lanes=true&language=en", driver.find_element(By.ID, link).get_attribute("href"))
        self.assertIn("language=en", driver.find_element(By.ID, "map-download-tables").get_attribute("href"))
        # A reload keeps what the switches chose.
        driver.refresh()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#map-svg g[data-key="{actor}"]'))
        self.assertTrue(driver.find_element(By.ID, "map-lanes").is_selected())
        # Wide maps scroll sideways rather than shrink below 60 %.
        width = driver.execute_script("return document.getElementById('map-svg').getBoundingClientRect().width")
        natural = float(driver.find_element(By.ID, "map-svg").get_attribute("width"))
        self.assertGreaterEqual(width, natural * 0.6 - 1)

    def test_4_evidence_from_a_transcript_selection_shows_on_the_map(self):
        driver = self.open_map()
        before = node("Bli kjent")
        self.assertEqual(before["evidence"], 0)
        WebDriverWait(driver, 10).until(lambda d: [a for a in d.find_elements(By.CSS_SELECTOR, "#transcripts a") if "intervju-ola" in a.text])[0].click()
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcript .row")))
        select_text(driver, "Vi tar en prat på kafé")
        driver.find_element(By.TAG_NAME, "body").send_keys("e")
        field = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "picker-input")))
        self.assertEqual(driver.find_element(By.ID, "picker-title").text, "Legg markeringen til som belegg i arbeidskartet")
        offered = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#picker-list li")]
        for wanted in ["Steg: Bli kjent", "Tekst: Kartleggingsmal", "Aktør: Jobbspesialist", "Handling: Informasjonssamtale",
                       "Brudd: Malen hoppes over", "Henvisning går foran Bli kjent"]:
            self.assertTrue(any(o.startswith(wanted) for o in offered), (wanted, offered))
        field.send_keys("bli")
        first = driver.find_element(By.CSS_SELECTOR, '#picker-list li[aria-selected="true"]').text
        self.assertTrue(first.startswith("Steg: Bli kjent"), first)
        field.send_keys(Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: "Lagt til som belegg for Steg: Bli kjent" in text_of(d, "toast"))
        field.send_keys(Keys.ESCAPE)
        # The node's code is an ordinary code: the passage is highlighted in the transcript.
        WebDriverWait(driver, 5).until(lambda d: any("Vi tar en prat på kafé" in p.text for p in d.find_elements(By.CSS_SELECTOR, "#transcript .piece.coded")))
        self.assertEqual(node("Bli kjent")["evidence"], 1)

        driver.find_element(By.ID, "nav-map").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map-svg g[data-key][tabindex]"))
        box = self.box(driver, "Bli kjent")
        self.assertEqual(box.find_element(By.CSS_SELECTOR, ".badge text").text, "1")
        self.assertIn("1 informant", box.get_attribute("aria-label"))
        box.click()
        panel = self.panel_shows(driver, "Vi tar en prat på kafé")
        self.assertIn("1 passasje fra 1 informant", panel.text)
        self.assertIn("Ola", panel.find_element(By.CSS_SELECTOR, ".informants").text)
        self.assertNotIn("Bli kjent", driver.find_element(By.ID, "map-without-evidence").text)

    def fetched(self, driver, link):
        """What the page gets for a download link's address (its own session): status, type, size, first bytes."""
        href = driver.find_element(By.ID, link).get_attribute("href")
        return driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], { credentials: "same-origin" }).then(async (r) => {
              const bytes = new Uint8Array(await r.arrayBuffer());
              done({ status: r.status, type: r.headers.get("Content-Type"), disposition: r.headers.get("Content-Disposition"),
                     size: bytes.length, head: Array.from(bytes.slice(0, 24)) });
            }).catch((e) => done({ error: String(e) }));""", href)

    def test_5_the_map_page_downloads_the_drawing_and_the_word_files(self):
        driver = self.open_map()
        row = driver.find_element(By.ID, "map-downloads")
        self.assertEqual([a.text for a in row.find_elements(By.TAG_NAME, "a")], ["SVG", "PNG", "DOT", "Word (figur)", "Tabeller (Word)"])
        for a in row.find_elements(By.TAG_NAME, "a"):
            self.assertIsNotNone(a.get_attribute("download"), a.text)
            self.assertTrue(a.get_attribute("title"), a.text)
        png = self.fetched(driver, "map-download-png")
        self.assertEqual((png["status"], png["type"]), (200, "image/png"), png)
        self.assertEqual(png["head"][:8], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        self.assertGreater(png["size"], 5000)
        self.assertIn("arbeidskart.png", png["disposition"])
        # The PNG is as wide as the standard two pixels per unit of the drawing.
        width = int.from_bytes(bytes(png["head"][16:20]), "big")
        natural = float(driver.find_element(By.ID, "map-svg").get_attribute("width"))
        self.assertAlmostEqual(width, natural * 2, delta=2)
        word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        for link, name in [("map-download-figure", "arbeidskart-figur.docx"), ("map-download-tables", "arbeidskart-tabeller.docx")]:
            got = self.fetched(driver, link)
            self.assertEqual((got["status"], got["type"]), (200, word), (link, got))
            self.assertEqual(got["head"][:2], [0x50, 0x4B], link)  # a ZIP
            self.assertGreater(got["size"], 3000, link)
            self.assertIn(name, got["disposition"])
        for link, kind in [("map-download-svg", "image/svg+xml"), ("map-download-dot", "text/vnd.graphviz; charset=utf-8")]:
            got = self.fetched(driver, link)
            self.assertEqual((got["status"], got["type"]), (200, kind), (link, got))
        # With swim lanes and English, the links ask for them, and the figure comes in English.
        redrawn = lambda text: WebDriverWait(driver, 5, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: text in d.find_element(By.ID, "map-download-figure").get_attribute("href"))
        driver.find_element(By.ID, "map-lanes").click()
        redrawn("lanes=true&language=nb")
        Select(driver.find_element(By.ID, "map-language")).select_by_value("en")
        redrawn("lanes=true&language=en")
        self.assertIn("work-map-figure.docx", self.fetched(driver, "map-download-figure")["disposition"])

    def test_6_the_exports_page_makes_the_maps_tables_as_word(self):
        downloads = Path(tempfile.mkdtemp(prefix="qualcode-downloads-"))
        self.addCleanup(shutil.rmtree, downloads, ignore_errors=True)
        driver = self.new_browser(downloads)
        driver.get(srv.address)
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcripts a")))
        driver.find_element(By.ID, "nav-exports").click()
        tabs = WebDriverWait(driver, 10).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".export-kinds")))
        self.assertIn("Arbeidskart", tabs.get_attribute("textContent"))
        self.assertTrue(driver.find_element(By.ID, "export-tab-map-figure").is_displayed())
        driver.find_element(By.ID, "export-tab-map-tables").click()
        form = WebDriverWait(driver, 10).until(EC.visibility_of_element_located((By.ID, "export-map-tables")))
        self.assertEqual([label.text for label in form.find_elements(By.CSS_SELECTOR, "#export-tables label")],
                         ["Steg", "Tekster", "Brudd", "Sitater per steg", "Informanter"])
        for value in ["steps", "quotes"]:
            form.find_element(By.CSS_SELECTOR, f'#export-tables input[value="{value}"]').click()
        Select(form.find_element(By.NAME, "style")).select_by_value("report")
        form.find_element(By.ID, "export-download").click()
        path = downloads / "arbeidskart-tabeller.docx"
        deadline = time.time() + 15
        while time.time() < deadline and not (path.exists() and not list(downloads.glob("*.crdownload"))):
            time.sleep(0.2)
        self.assertTrue(path.exists(), sorted(p.name for p in downloads.iterdir()))
        document = docx.Document(str(path))
        self.assertEqual(len(document.tables), 2)
        steps = [row.cells[0].text for row in document.tables[0].rows]
        self.assertEqual(steps[1:], ["Henvisning", "Bli kjent"])
        quotes = "\n".join(cell.text for row in document.tables[1].rows for cell in row.cells)
        self.assertIn("Vi får en henvisning fra veilederen", quotes)
        WebDriverWait(driver, 5).until(lambda d: "arbeidskart-tabeller.docx" in text_of(d, "toast"))

        # Two tables as CSV: the server's one line says why, and nothing is downloaded.
        Select(form.find_element(By.NAME, "format")).select_by_value("csv")
        form.find_element(By.ID, "export-download").click()
        error = WebDriverWait(driver, 10).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#export-outcome .error-line")))
        self.assertIn("a CSV file holds one table", error.text)
        self.assertEqual(sorted(p.name for p in downloads.iterdir()), ["arbeidskart-tabeller.docx"])
        form.find_element(By.CSS_SELECTOR, '#export-tables input[value="quotes"]').click()
        form.find_element(By.ID, "export-download").click()
        csv_path = downloads / "arbeidskart-tabeller.csv"
        deadline = time.time() + 15
        while time.time() < deadline and not (csv_path.exists() and not list(downloads.glob("*.crdownload"))):
            time.sleep(0.2)
        self.assertIn("Henvisning", csv_path.read_text(encoding="utf-8-sig"))


class MapRouteRefusalTests(unittest.TestCase):
    """The evidence route through HTTP as a page or script sends it: a reader is refused, bad bodies get a
    one-line JSON error, and nothing changes."""

    def target(self):
        n = node("Kartleggingsmal")
        transcript = [t for t in json.loads(qualcode(srv.project, "transcripts", "--json")) if t["name"] == "intervju-ola"][0]["id"]
        return n, transcript

    def test_a_reader_cannot_add_evidence(self):
        qualcode(srv.project, "user", "add", "lise", "--role", "reader")
        result = subprocess.run([QUALCODE, "--project", str(srv.project), "user", "password", "lise", "--password-stdin"],
                                input="lesesal-2024\n", capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        jar = http.cookiejar.CookieJar()
        reader = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        reader.open(urllib.request.Request(srv.base + "/login", data=b"name=lise&password=lesesal-2024", method="POST",
                                           headers={"Content-Type": "application/x-www-form-urlencoded"}))
        session = json.load(reader.open(srv.base + "/api/session"))
        self.assertEqual(session["role"], "reader")
        reader.csrf = session["csrfToken"]
        # Reading is allowed.
        self.assertEqual(reader.open(srv.base + "/api/map").status, 200)
        n, transcript = self.target()
        before = evidence_list("text:Kartleggingsmal")
        status, answer = post(reader, "/api/map/evidence", {"node": {"kind": "text", "id": n["key"]}, "transcript": transcript, "start": 0, "end": 10})
        self.assertEqual(status, 403)
        self.assertIn("lise", answer["error"])
        self.assertEqual(evidence_list("text:Kartleggingsmal"), before)

    def test_bad_bodies_are_refused_with_one_line_and_change_nothing(self):
        n, transcript = self.target()
        before = (evidence_list("text:Kartleggingsmal"), json.loads(qualcode(srv.project, "codes", "--json")))
        cases = [
            ({"node": {"kind": "river", "id": n["key"]}, "transcript": transcript, "start": 0, "end": 10}, 400),
            ({"node": {"kind": "text", "id": "00000000-0000-0000-0000-000000000000"}, "transcript": transcript, "start": 0, "end": 10}, 404),
            ({"transcript": transcript, "start": 0, "end": 10}, 400),
            ({"node": {"kind": "text", "id": n["key"]}, "transcript": transcript, "start": 0, "end": 1_000_000}, 422),
            ({"node": {"kind": "text", "id": n["key"]}, "transcript": transcript, "start": 30, "end": 20}, 422),
            ({"link": "00000000-0000-0000-0000-000000000000", "transcript": transcript, "start": 0, "end": 10}, 404),
            (b"{\"node\": ", 400),
            (json.dumps({"node": {"kind": "text", "id": n["key"]}, "transcript": transcript, "start": 0, "end": 10,
                         "pad": "x" * (2 << 20)}).encode(), 413),
        ]
        for body, status in cases:
            got, answer = post(api(), "/api/map/evidence", body)
            shown = body[:120] if isinstance(body, bytes) else json.dumps(body)[:120]
            self.assertEqual(got, status, (shown, answer))
            self.assertTrue(answer["error"] and "\n" not in answer["error"], (shown, answer))
        self.assertEqual((evidence_list("text:Kartleggingsmal"), json.loads(qualcode(srv.project, "codes", "--json"))), before)


if __name__ == "__main__":
    unittest.main(verbosity=2)
