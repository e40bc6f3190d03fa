"""Importing a transcript by upload from the page, with a participant and the speaker labels."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import SHOTS, browser, log_in, qualcode, server, text_of

TEXT = "I: Hva gjør du først om morgenen?\n\nT: Leser e-post. Så kartlegging, «som alltid».\n"


class ImportTests(unittest.TestCase):
    def test_a_transcript_is_uploaded_and_listed(self):
        srv = server()
        qualcode(srv.project, "participant", "add", "Trond")
        path = srv.folder / "intervju-trond.txt"
        path.write_text(TEXT, encoding="utf-8")
        driver = browser()
        try:
            log_in(driver)
            driver.find_element(By.ID, "import-button").click()
            WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "import-file"))).send_keys(str(path))
            WebDriverWait(driver, 5).until(lambda d: len(Select(d.find_element(By.ID, "import-participants")).options) > 0)
            Select(driver.find_element(By.ID, "import-participants")).select_by_visible_text("Trond")
            driver.find_element(By.ID, "import-map").send_keys("I=Intervjuer,T=Trond")
            driver.save_screenshot(str(SHOTS / "import.png"))
            driver.find_element(By.ID, "import-submit").click()
            WebDriverWait(driver, 10).until(lambda d: "intervju-trond" in text_of(d, "transcripts"))
            self.assertIn("Trond", qualcode(srv.project, "transcripts"))
            # The same file again: refused until the user says to import a copy (here: declines).
            driver.find_element(By.ID, "import-button").click()
            WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "import-file"))).send_keys(str(path))
            driver.execute_script("window.confirm = () => false")
            driver.find_element(By.ID, "import-submit").click()
            error = WebDriverWait(driver, 5).until(lambda d: text_of(d, "import-error"))
            self.assertIn("imported", error)
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main(verbosity=2)
