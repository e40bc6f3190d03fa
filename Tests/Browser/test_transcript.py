"""The transcript view: logging in, coding by selection with the keyboard, overlaps, undo, markup that
stays text, and two browsers with the command line seeing each other's codings."""
import time
import unittest

from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from harness import (BrowserTest, SHOTS, click_coded, code_selection, highlight_count, log_in, open_transcript, qualcode,
                     select_text, server, units, text_of)


class BrowserTests(BrowserTest):
    def test_1_token_logs_in_and_leaves_the_address(self):
        driver = self.new_browser()
        log_in(driver)
        self.assertNotIn("token", driver.current_url)
        self.assertEqual(driver.execute_script("return document.cookie"), "", "the session cookie is HttpOnly")
        driver.save_screenshot(str(SHOTS / "start.png"))
        # Logging out ends the session: the page is the login page again and the API refuses.
        driver.find_element(By.ID, "logout").click()
        WebDriverWait(driver, 5).until(lambda d: "?token=" in (d.execute_script("return document.body ? document.body.innerText : ''") or ""))
        status = driver.execute_script("return fetch('/api/session').then(r => r.status)")
        self.assertEqual(status, 401)

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
            WebDriverWait(driver, 5).until(lambda d: code in text_of(d, "toast"))
        field.send_keys(Keys.ESCAPE)
        piece = WebDriverWait(driver, 5).until(lambda d: [p for p in d.find_elements(By.CSS_SELECTOR, ".piece.coded")
                                                          if p.get_attribute("data-codings").count(",") >= 1])
        self.assertTrue(piece, "the passage shows both codes")
        texts = [u["codes"] for u in units() if u["text"] == "skjemaene tar tid"]
        self.assertEqual(sorted(texts[0]), ["Skjema", "Tidsbruk"])
        # A recent code by its number: 1 is the latest (Skjema).
        select_text(driver, "Kartleggingen")
        body.send_keys("1")
        WebDriverWait(driver, 5).until(lambda d: "Skjema" in text_of(d, "toast"))
        self.assertIn("Kartleggingen", [u["text"] for u in units() if "Skjema" in u["codes"]])
        # u undoes it again.
        body.send_keys("u")
        WebDriverWait(driver, 5).until(lambda d: "Skjema" in text_of(d, "toast")
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
        # A lone space between two words, selected exactly (shift+c does not snap to the words around it).
        select_text(driver, " ")
        driver.find_element(By.TAG_NAME, "body").send_keys("C")
        time.sleep(0.3)
        self.assertFalse(driver.find_element(By.ID, "picker-input").is_displayed())
        self.assertIn("ingen tekst", driver.find_element(By.ID, "toast").text)
        select_text(driver, " ")
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
            lambda d: click_coded(d, "rapportering") and "«viktig»" in text_of(d, "popover"))
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
        qualcode(server().project, "code", "intervju-eva", "--quote", "snakke om jobbmatch", "--code", "Jobbmatch", coder="berit")
        WebDriverWait(first, 2.5).until(lambda d: highlight_count(d, "Jobbmatch") == 1)
        WebDriverWait(second, 2.5).until(lambda d: highlight_count(d, "Jobbmatch") == 1)


    def test_7_keyboard_alone_selects_and_codes(self):
        driver = self.new_browser()
        log_in(driver)
        open_transcript(driver)
        body = driver.find_element(By.TAG_NAME, "body")
        # Line 6 («Eva: Eh … skjemaene tar tid …»): j moves the current line, shift+→ selects word by word.
        for _ in range(6):
            body.send_keys("j")
        for _ in range(3):
            body.send_keys(Keys.SHIFT, Keys.ARROW_RIGHT)
        selected = driver.execute_script("return window.getSelection().toString()")
        self.assertTrue(selected.startswith("Eva: Eh"), selected)
        code_selection(driver, "Tastatur")
        coded = [u["text"] for u in units() if "Tastatur" in u["codes"]]
        self.assertEqual(len(coded), 1)
        self.assertTrue(coded[0].startswith("Eva: Eh"), coded)


if __name__ == "__main__":
    unittest.main(verbosity=2)
