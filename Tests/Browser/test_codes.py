"""The code tree, retrieval and search pages: codes made, renamed, merged and deleted through the page
(deleting shows what goes first), a coded passage retrieved and opened in its transcript, and a search hit
coded from the results. Code names here are the tests' own, so the transcript tests that share the server
see none of them."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from harness import SHOTS, browser, log_in, qualcode, server, units, text_of


def go(driver, hash_):
    driver.execute_script("location.hash = arguments[0]", hash_)


def row(driver, path):
    return WebDriverWait(driver, 5).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, f'#code-rows tr[data-path="{path}"]')))


def paths(driver):
    return driver.execute_script("return [...document.querySelectorAll('#code-rows tr[data-path]')].map(r => r.dataset.path)")


class CodePageTests(unittest.TestCase):
    def setUp(self):
        self.driver = browser()
        log_in(self.driver)

    def tearDown(self):
        self.driver.quit()

    def test_1_create_rename_merge_and_delete_with_a_preview(self):
        driver = self.driver
        driver.find_element(By.ID, "nav-codes").click()
        field = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "new-code-name")))
        self.assertIn(driver.find_element(By.ID, "nav-codes").text, ["Kodetre", "Code tree"])
        # Create: a path, then a second code; Enter submits.
        field.send_keys("Arbeid/Hverdag", Keys.ENTER)
        row(driver, "Arbeid/Hverdag")
        field = driver.find_element(By.ID, "new-code-name")
        field.send_keys("Ukesrytme")
        driver.find_element(By.ID, "new-code-definition").send_keys("Når i uka ting skjer")
        driver.find_element(By.ID, "new-code-definition").send_keys(Keys.ENTER)
        row(driver, "Ukesrytme")
        # A hostile name is refused with the library's one line, and nothing is added.
        driver.find_element(By.ID, "new-code-name").send_keys("A//B", Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "toast").is_displayed()
                                       and "error" in d.find_element(By.ID, "toast").get_attribute("class"))
        self.assertNotIn("A", [p.split("/")[0] for p in paths(driver)])

        # Rename: the form opens in a row under the code, Esc closes it, Enter saves.
        row(driver, "Arbeid/Hverdag").find_element(By.CSS_SELECTOR, 'button[data-action="rename"]').click()
        name = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.action-row input[name="name"]')))
        name.send_keys(Keys.ESCAPE)
        WebDriverWait(driver, 5).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".action-row"))
        row(driver, "Arbeid/Hverdag").find_element(By.CSS_SELECTOR, 'button[data-action="rename"]').click()
        name = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.action-row input[name="name"]')))
        name.clear()
        name.send_keys("Arbeidsdag", Keys.ENTER)
        row(driver, "Arbeid/Arbeidsdag")

        # Merge: Ukesrytme (with a coding from the command line) into Arbeid/Arbeidsdag.
        qualcode(server().project, "code", "intervju-eva", "--quote", "Hvordan merker du det", "--code", "Ukesrytme")
        go(driver, "#/")
        go(driver, "#/codes")
        row(driver, "Ukesrytme").find_element(By.CSS_SELECTOR, 'button[data-action="merge"]').click()
        select = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".action-row select")))
        driver.execute_script("""const s = arguments[0];
            s.value = [...s.options].find(o => o.textContent === 'Arbeid/Arbeidsdag').value;""", select)
        driver.find_element(By.CSS_SELECTOR, ".action-row button.primary").click()
        WebDriverWait(driver, 5).until(lambda d: "Ukesrytme" not in paths(d))
        self.assertEqual([u["codes"] for u in units() if u["text"] == "Hvordan merker du det"], [["Arbeidsdag"]])
        counts = row(driver, "Arbeid").find_elements(By.CSS_SELECTOR, "td.n")
        self.assertEqual([c.text for c in counts][:2], ["0", "0"])
        self.assertTrue(counts[2].text.startswith("1 /"), counts[2].text)

        # Delete: the preview first, then the refusal's remedy as a second, explicit button.
        row(driver, "Arbeid").find_element(By.CSS_SELECTOR, 'button[data-action="delete"]').click()
        preview = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".delete-preview")))
        self.assertIn("1", preview.text)
        self.assertIn("Arbeidsdag", preview.text)
        driver.save_screenshot(str(SHOTS / "codes.png"))
        preview.find_element(By.CSS_SELECTOR, "button.danger:not([hidden])").click()
        refusal = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".delete-preview .error-line")))
        self.assertTrue(refusal.text)
        anyway = driver.find_element(By.CSS_SELECTOR, ".delete-preview button.danger:not([hidden])")
        self.assertIn(anyway.text, ["Slett likevel, med alt som nevnt", "Delete anyway, with all of the above"])
        self.assertIn("Arbeid", paths(driver), "refused: nothing deleted yet")
        anyway.click()
        WebDriverWait(driver, 5).until(lambda d: "Arbeid" not in paths(d) and "Arbeid/Arbeidsdag" not in paths(d))
        self.assertNotIn("Hvordan merker du det", [u["text"] for u in units()])

    def test_2_retrieval_shows_a_coded_passage_and_opens_it_in_the_transcript(self):
        driver = self.driver
        qualcode(server().project, "code", "intervju-eva", "--quote", "må være ferdig", "--code", "Prosess/Rekkefølge")
        go(driver, "#/codes")
        row(driver, "Prosess/Rekkefølge").find_element(By.CSS_SELECTOR, "a").click()
        card = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".retrieved")))
        self.assertEqual(card.find_element(By.CSS_SELECTOR, ".quote").text, "må være ferdig")
        self.assertIn("Eva", card.find_element(By.TAG_NAME, "header").text)
        self.assertIn("Hvordan merker du det?", card.find_element(By.CSS_SELECTOR, ".context").text)
        self.assertIn("1–1", driver.find_element(By.CSS_SELECTOR, ".pager .showing").text)
        self.assertNotIn("null", driver.find_element(By.ID, "retrieval").text)
        driver.save_screenshot(str(SHOTS / "retrieval.png"))
        # The parent holds nothing itself: the page offers the child codes.
        go(driver, "#/codes")
        row(driver, "Prosess").find_element(By.CSS_SELECTOR, "a").click()
        offer = WebDriverWait(driver, 5).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#retrieval button.primary")))
        offer.click()
        card = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".retrieved")))
        self.assertTrue(driver.find_element(By.ID, "include-children").is_selected())
        # Open in the transcript: the line scrolls into view and flashes.
        card.find_element(By.CSS_SELECTOR, "a.open-line").click()
        flashed = WebDriverWait(driver, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcript .row.flash")))
        self.assertIn("må være ferdig", flashed.text)

    def test_3_search_finds_a_word_and_codes_a_hit(self):
        driver = self.driver
        driver.find_element(By.ID, "nav-search").click()
        field = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "search-input")))
        field.send_keys('"ubalansert', Keys.ENTER)
        error = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#search-results .error-line")))
        self.assertTrue(error.text)
        field = driver.find_element(By.ID, "search-input")
        field.clear()
        field.send_keys("tillit OR fredag*", Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".hit")) == 3)
        marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".hit mark")]
        self.assertEqual([m.lower() for m in marks], ["tillit", "tillit", "tillit", "fredager"])
        hit = [h for h in driver.find_elements(By.CSS_SELECTOR, ".hit") if "fredager" in h.text][0]
        # The markup in that line is text.
        self.assertIn("<img src=x", hit.find_element(By.CSS_SELECTOR, ".snippet").text)
        self.assertIsNone(driver.execute_script("return window.__xss"))
        hit.find_element(By.CSS_SELECTOR, ".code-input").send_keys("Ukedag")
        hit.find_elements(By.CSS_SELECTOR, ".hit-code button")[1].click()
        WebDriverWait(driver, 5).until(lambda d: "Ukedag" in text_of(d, "toast"))
        self.assertIn("fredager", [u["text"] for u in units() if "Ukedag" in u["codes"]])
        driver.save_screenshot(str(SHOTS / "search.png"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
