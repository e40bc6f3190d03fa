"""The event log as a readable history page."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from harness import SHOTS, browser, log_in, qualcode, server


class HistoryTests(unittest.TestCase):
    def test_the_history_names_who_did_what(self):
        srv = server()
        (srv.folder / "intervju-hege.txt").write_text("Intervjuer: Hva betyr tillit?\n\nHege: Uten tillit stopper alt opp.\n", encoding="utf-8")
        qualcode(srv.project, "import", str(srv.folder / "intervju-hege.txt"))
        qualcode(srv.project, "code", "intervju-hege", "--quote", "Uten tillit", "--code", "Historikk/Tillitsforhold", coder="berit")
        driver = browser()
        try:
            log_in(driver)
            driver.find_element(By.ID, "history-link").click()
            rows = WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#history li"))
            texts = [r.text for r in rows]
            coded = [x for x in texts if "berit" in x and "kodet" in x]
            self.assertTrue(coded, texts[:5])
            self.assertIn("Historikk/Tillitsforhold", coded[0])
            self.assertIn("«Uten tillit»", coded[0])
            self.assertTrue(any("opprettet prosjektet" in x for x in texts) or driver.find_element(By.CSS_SELECTOR, "#main button").is_displayed())
            driver.save_screenshot(str(SHOTS / "history.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main(verbosity=2)
