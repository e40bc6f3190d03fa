"""The condensation board: a card moved by the keyboard and by dragging, a condensate and golden quote
written beside the cards, the steps showing what is missing."""
import json
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import SHOTS, browser, log_in, qualcode, server, text_of


def groups_of(srv, text):
    units = json.loads(qualcode(srv.project, "stc", "units", "--json"))
    return [u["codes"] for u in units if u["text"] == text]


class BoardTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        srv = server()
        # A transcript of its own: the tests of other pages share the server and code intervju-eva.
        (srv.folder / "intervju-stine.txt").write_text(
            "Intervjuer: Hva tar mest tid?\n\nStine: Eh … skjemaene tar tid. Kartleggingen må være ferdig før vi kan snakke om jobbmatch.\n",
            encoding="utf-8")
        qualcode(srv.project, "import", str(srv.folder / "intervju-stine.txt"))
        qualcode(srv.project, "stc", "group", "add", "Styring")
        qualcode(srv.project, "stc", "subgroup", "add", "Styring", "Skjemaer")
        qualcode(srv.project, "stc", "subgroup", "add", "Styring", "Tid")
        qualcode(srv.project, "stc", "unit", "add", "intervju-stine", "--quote", "skjemaene tar tid", "--group", "Styring")
        qualcode(srv.project, "stc", "unit", "add", "intervju-stine", "--quote", "Kartleggingen må være ferdig", "--group", "Styring")

    def open_board(self, driver):
        log_in(driver)
        driver.get(server().base + "/#/board")
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".card"))

    def card(self, driver, text):
        return [c for c in driver.find_elements(By.CSS_SELECTOR, ".card") if text in c.text][0]

    def test_a_card_moves_with_the_keyboard_and_by_dragging(self):
        srv = server()
        driver = browser()
        try:
            self.open_board(driver)
            self.assertIn("2 enheter utenfor subgrupper", driver.find_element(By.CSS_SELECTOR, ".steps").text)
            card = self.card(driver, "skjemaene tar tid")
            card.send_keys(Keys.ENTER)
            menu = WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, ".move-menu select"))
            Select(menu).select_by_visible_text("Styring/Skjemaer")
            menu.send_keys(Keys.ENTER)
            WebDriverWait(driver, 5).until(lambda d: "Skjemaer" in text_of(d, "toast"))
            self.assertIn(["Skjemaer"], [sorted(c) for c in groups_of(srv, "skjemaene tar tid")] or [[]])
            # Dragging: the page's own drag events, as the browser fires them for a mouse drag.
            driver.execute_script("""
                const card = [...document.querySelectorAll('.card')].find(c => c.textContent.includes('Kartleggingen'));
                const zone = document.querySelector('.zone[data-path="Styring/Tid"]');
                const data = new DataTransfer();
                card.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: data }));
                zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
                zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));""")
            WebDriverWait(driver, 5).until(lambda d: "Tid" in text_of(d, "toast"))
            # The toast can come before the board is drawn again: wait for the card in its new place.
            in_tid = lambda d: d.execute_script(
                "return [...document.querySelectorAll('.zone[data-path=\"Styring/Tid\"] .card')].map(c => c.innerText)")
            WebDriverWait(driver, 5).until(lambda d: any("Kartleggingen" in x for x in in_tid(d)), "the card is not under Styring/Tid")
            self.assertNotIn("enheter utenfor subgrupper", driver.find_element(By.CSS_SELECTOR, ".steps").text)
            driver.save_screenshot(str(SHOTS / "board.png"))
        finally:
            driver.quit()

    def test_a_condensate_and_golden_quote_are_written_beside_the_cards(self):
        srv = server()
        driver = browser()
        try:
            self.open_board(driver)
            zone = WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, '.zone[data-path="Styring/Skjemaer"]'))
            zone.find_element(By.CSS_SELECTOR, ".zone-head button").click()
            text = WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "condensate"))
            text.send_keys("Jeg bruker mye tid på skjemaer før jeg kan jobbe med det som betyr noe.")
            options = Select(driver.find_element(By.ID, "golden")).options
            if len(options) > 1:
                Select(driver.find_element(By.ID, "golden")).select_by_index(1)
            driver.find_element(By.CSS_SELECTOR, "#panel .primary").click()
            WebDriverWait(driver, 5).until(lambda d: text_of(d, "toast") in ("Lagret", "Saved"))
            status = json.loads(qualcode(srv.project, "stc", "group", "--json"))
            sub = [g for g in status if g["path"] == "Styring/Skjemaer"][0]
            self.assertEqual(sub["condensate"], "Jeg bruker mye tid på skjemaer før jeg kan jobbe med det som betyr noe.")
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main(verbosity=2)
