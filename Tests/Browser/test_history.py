"""The event log as a readable history page."""
import json
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from harness import SHOTS, browser, log_in, qualcode, server, text_of


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
            # A change of code and its undo: one row names the change, the rows that are parts of it or
            # that the undo wrote say so.
            qualcode(srv.project, "code", "intervju-hege", "--quote", "stopper alt opp", "--code", "Historikk/Stans")
            segment = [u for u in json.loads(qualcode(srv.project, "units", "--json")) if u["text"] == "stopper alt opp"][0]["id"]
            qualcode(srv.project, "recode", segment, "--from", "Stans", "--to", "Historikk/Brudd")
            undone = driver.execute_async_script("""
                const done = arguments[arguments.length - 1];
                fetch('/api/session').then(r => r.json()).then(s => fetch('/api/codings/undo',
                    { method: 'POST', headers: { 'X-CSRF-Token': s.csrfToken } })).then(r => r.json()).then(done);""")
            self.assertEqual(undone.get("restored"), "Stans", undone)
            driver.refresh()
            driver.find_element(By.ID, "history-link").click()
            WebDriverWait(driver, 10).until(lambda d: "angret med u" in text_of(d, "history"))
            texts = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#history li")]
            self.assertTrue(any("byttet kode på koding" in x and "Stans" in x and "Brudd" in x for x in texts), texts[:8])
            self.assertTrue(any("del av kodebytte" in x for x in texts), texts[:8])
            self.assertTrue(any("angret med u" in x and "kodet" in x and "Stans" in x for x in texts), texts[:8])
            driver.save_screenshot(str(SHOTS / "history-undo.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main(verbosity=2)
