"""Working on a coding after it is made: its code changed from the popover (the segment and its memo stay),
its quote's display form edited with the edit marks (an unmarked change is refused in the dialog), and
coding further from a code's retrieval by selecting in the lines shown around a segment; `u` after a change
of code moves it back; keys stay out of the page while a dialog is open. The module works on a transcript
of its own (intervju-tor) and codes of its own."""
import json
import unittest

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from harness import SHOTS, BrowserTest, click_coded, log_in, open_transcript, qualcode, server, units, text_of

# Blank lines between the turns, as many transcribers write them: not numbered, but text between two lines.
TEXT = """Intervjuer: Hvordan er en vanlig uke for deg?

Tor: Eh … planene tar tid hver mandag. Oppfølgingsplanen må være klar før vi kan snakke om arbeidstrening.

Intervjuer: Og resten av uka, hvordan er den?

Tor: Da er jeg ute hos bedrifter i Agder, det er det beste (latter).
"""
SEGMENT = "Oppfølgingsplanen må være klar før vi kan snakke om arbeidstrening"


def tor_units():
    return [u for u in units() if u["transcript"] == "intervju-tor"]


def toast_says(driver, *words):
    WebDriverWait(driver, 5).until(lambda d: any(w in text_of(d, "toast") for w in words))


def select_in(driver, selector, text, through=None):
    """Selects `text` inside the first element matching `selector` (or from it to `through`, the text
    that ends the selection in a later element), as a mouse would."""
    found = driver.execute_script("""
        const [selector, wanted, through] = arguments;
        const nodes = [...document.querySelectorAll(selector)];
        const start = nodes.find(n => n.textContent.includes(wanted));
        if (!start) return false;
        const range = document.createRange();
        const node = start.firstChild, at = node.data.indexOf(wanted);
        range.setStart(node, at);
        if (through) {
          const last = [...document.querySelectorAll('.retrieved .shown')].find(n => n.textContent.includes(through));
          range.setEnd(last.firstChild, last.firstChild.data.indexOf(through) + through.length);
        } else {
          range.setEnd(node, at + wanted.length);
        }
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        return true;""", selector, text, through)
    assert found, f"not on the page: {text}"


class CodingEditTests(BrowserTest):
    @classmethod
    def setUpClass(cls):
        srv = server()
        qualcode(srv.project, "participant", "add", "Tor")
        path = srv.folder / "intervju-tor.txt"
        path.write_text(TEXT, encoding="utf-8")
        qualcode(srv.project, "import", str(path), "--participant", "Tor")
        qualcode(srv.project, "code", "intervju-tor", "--quote", SEGMENT, "--code", "Tidsrekke/Før")

    def open_tor(self):
        driver = self.new_browser()
        log_in(driver)
        open_transcript(driver, "intervju-tor")
        return driver

    def popover_button(self, driver, label_nb, label_en):
        self.assertTrue(click_coded(driver, "Oppfølgingsplanen"))
        return WebDriverWait(driver, 5).until(lambda d: [b for b in d.find_elements(By.CSS_SELECTOR, "#popover button")
                                                         if b.text in (label_nb, label_en)])[0]

    def test_1_the_code_of_a_coding_is_changed_from_the_popover(self):
        before = [u for u in tor_units() if u["text"] == SEGMENT][0]
        qualcode(server().project, "memo", "add", "--on", f"segment:{before['id']}", "Tidsrekka styres av skjemaet.")
        driver = self.open_tor()
        self.popover_button(driver, "Bytt kode", "Change code").click()
        field = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "picker-input")))
        self.assertIn("Før", driver.find_element(By.ID, "picker-title").text)
        self.assertIn(SEGMENT, driver.find_element(By.ID, "picker-quote").text)
        field.send_keys("Tidsrekke/Etter", Keys.ENTER)
        toast_says(driver, "Byttet", "Changed")
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "picker").get_attribute("hidden") is not None)
        after = [u for u in tor_units() if u["text"] == SEGMENT]
        self.assertEqual([u["codes"] for u in after], [["Etter"]])
        self.assertEqual(after[0]["id"], before["id"], "the segment stays")
        self.assertIn("Tidsrekka styres", qualcode(server().project, "memo"))
        # `u` takes the change back: the old code on the same segment, the memo still there.
        driver.find_element(By.TAG_NAME, "body").send_keys("u")
        toast_says(driver, "Angret byttet", "Undid the change")
        back = [u for u in tor_units() if u["text"] == SEGMENT]
        self.assertEqual([u["codes"] for u in back], [["Før"]])
        self.assertEqual(back[0]["id"], before["id"])
        self.assertIn("Tidsrekka styres", qualcode(server().project, "memo"))
        # Changed again from the command line, for the retrieval test below.
        qualcode(server().project, "recode", before["id"], "--from", "Før", "--to", "Tidsrekke/Etter")

    def test_2_a_quote_is_edited_with_marks_and_an_unmarked_change_is_refused(self):
        driver = self.open_tor()
        self.popover_button(driver, "Rediger sitat", "Edit quote").click()
        display = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "quote-display")))
        self.assertEqual(driver.find_element(By.ID, "quote-source").text, SEGMENT)
        # A changed word without a mark: the server's reason in the dialog, which stays open.
        display.clear()
        display.send_keys("Oppfølgingsplanen må bli klar før vi kan snakke om arbeidstrening")
        driver.find_element(By.ID, "quote-save").click()
        error = WebDriverWait(driver, 5).until(lambda d: text_of(d, "quote-error"))
        self.assertIn("not in the transcript", error)
        display.clear()
        display.send_keys("Oppfølgingsplanen må være klar (…) om arbeidstrening")
        driver.find_element(By.ID, "quote-leadin").send_keys("Tor forteller:")
        driver.save_screenshot(str(SHOTS / "quote-edit.png"))
        driver.find_element(By.ID, "quote-save").click()
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "quote-dialog").get_attribute("hidden") is not None)
        segment = [u for u in tor_units() if u["text"] == SEGMENT][0]["id"]
        shown = json.loads(qualcode(server().project, "quote", "show", segment, "--json"))
        self.assertEqual(shown["displayed"], "Oppfølgingsplanen må være klar (…) om arbeidstrening")
        self.assertEqual(shown["leadIn"], "Tor forteller:")

    def test_2b_a_gloss_stays_a_gloss_when_the_quote_is_edited_again(self):
        segment = [u for u in tor_units() if u["text"] == SEGMENT][0]["id"]
        qualcode(server().project, "quote", "edit", segment, "--display", "Oppfølgingsplanen <tiltaksplanen> må være klar (…) om arbeidstrening")
        driver = self.open_tor()
        self.popover_button(driver, "Rediger sitat", "Edit quote").click()
        display = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "quote-display")))
        # Written with the edit marks; how the house style prints it is shown beside.
        self.assertEqual(display.get_attribute("value"), "Oppfølgingsplanen <tiltaksplanen> må være klar (…) om arbeidstrening")
        self.assertIn("[tiltaksplanen]", driver.find_element(By.ID, "quote-printed").text)
        # A click on the backdrop leaves the focus in the dialog; Tab goes round the dialog, not the page.
        count = len(tor_units())
        in_dialog = "return document.getElementById('quote-dialog').contains(document.activeElement)"
        backdrop = driver.find_element(By.ID, "quote-dialog")
        # Offsets count from the element's centre, where the dialog's box is: a corner of the backdrop.
        corner = (-backdrop.size["width"] // 2 + 5, -backdrop.size["height"] // 2 + 5)
        ActionChains(driver).move_to_element_with_offset(backdrop, *corner).click().perform()
        self.assertTrue(driver.execute_script(in_dialog))
        driver.find_element(By.ID, "quote-save").send_keys(Keys.TAB)
        self.assertTrue(driver.execute_script(in_dialog))
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        self.assertTrue(driver.execute_script(in_dialog))
        # With the focus on the page behind all the same, its keys do nothing while the dialog is open.
        driver.execute_script("document.activeElement.blur()")
        driver.find_element(By.TAG_NAME, "body").send_keys("u")
        driver.find_element(By.TAG_NAME, "body").send_keys("?")
        self.assertEqual(len(tor_units()), count)
        self.assertIsNotNone(driver.find_element(By.ID, "help").get_attribute("hidden"))
        self.assertIsNone(driver.find_element(By.ID, "quote-dialog").get_attribute("hidden"))
        # The cut taken back, the gloss left as it was.
        display.clear()
        display.send_keys("Oppfølgingsplanen <tiltaksplanen> må være klar før vi kan snakke om arbeidstrening")
        driver.find_element(By.ID, "quote-save").click()
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "quote-dialog").get_attribute("hidden") is not None)
        shown = json.loads(qualcode(server().project, "quote", "show", segment, "--json"))
        self.assertEqual(shown["displayed"], "Oppfølgingsplanen [tiltaksplanen] må være klar før vi kan snakke om arbeidstrening")
        self.assertIn("forklaring", shown["edits"])
        self.assertNotIn("satt inn", shown["edits"])
        # Escape closes the dialog even when focus is on the page behind it.
        self.popover_button(driver, "Rediger sitat", "Edit quote").click()
        WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "quote-display")))
        driver.execute_script("document.activeElement.blur()")
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "quote-dialog").get_attribute("hidden") is not None)

    def test_3_coding_further_from_a_retrieval(self):
        driver = self.new_browser()
        log_in(driver)
        code = [c for c in json.loads(qualcode(server().project, "codes", "--json")) if c["path"] == "Tidsrekke/Etter"]
        self.assertTrue(code, "test_1 made the code")
        driver.execute_script("location.hash = arguments[0]", f"#/codes/{code[0]['id']}")
        WebDriverWait(driver, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".retrieved .shown")))
        # Part of a word selected in a line shown after the segment: snapped to the whole words.
        select_in(driver, ".retrieved .context .shown", "esten av uk")
        driver.find_element(By.TAG_NAME, "body").send_keys("c")
        field = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "picker-input")))
        self.assertIn("resten av uka", driver.find_element(By.ID, "picker-quote").text)
        field.send_keys("Ukeplan", Keys.ENTER)
        toast_says(driver, "Kodet med", "Coded with")
        field.send_keys(Keys.ESCAPE)
        self.assertEqual([u["codes"] for u in tor_units() if u["text"] == "resten av uka"], [["Ukeplan"]])
        driver.save_screenshot(str(SHOTS / "retrieval-coding.png"))
        # From a line shown before the segment into the segment: the text between is not shown, so not coded.
        WebDriverWait(driver, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".retrieved .shown")))
        select_in(driver, ".retrieved .context .shown", "vanlig uke", through="Oppfølgingsplanen må")
        count = len(tor_units())
        driver.find_element(By.TAG_NAME, "body").send_keys("c")
        toast_says(driver, "Marker innenfor", "Select within")
        self.assertEqual(len(tor_units()), count)
        # Across two lines shown one under the other, with a blank line between them in the transcript.
        select_in(driver, ".retrieved .context .shown", "hvordan er den?", through="Da er jeg ute")
        driver.find_element(By.TAG_NAME, "body").send_keys("c")
        field = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "picker-input")))
        field.send_keys("Ukeplan", Keys.ENTER)
        toast_says(driver, "Kodet med", "Coded with")
        field.send_keys(Keys.ESCAPE)
        across = [u for u in tor_units() if u["text"].startswith("hvordan er den?")]
        self.assertEqual(len(across), 1)
        self.assertTrue(across[0]["text"].endswith("Da er jeg ute"), across[0]["text"])
        # Shift+1 applies the most recent code to the exact selection, whatever the key's character is.
        WebDriverWait(driver, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".retrieved .shown")))
        select_in(driver, ".retrieved .context .shown", "anlig uk")
        ActionChains(driver).key_down(Keys.SHIFT).send_keys("1").key_up(Keys.SHIFT).perform()
        toast_says(driver, "Kodet med", "Coded with")
        self.assertEqual([u["codes"] for u in tor_units() if u["text"] == "anlig uk"], [["Ukeplan"]])


if __name__ == "__main__":
    unittest.main(verbosity=2)
