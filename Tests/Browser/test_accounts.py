"""Accounts in the browser: the login form, a reader who cannot code, and two coders who see each other's
codings under their own names."""
import json
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from harness import (BrowserTest, SHOTS, add_account, click_coded, code_selection, highlight_count, log_in_with_form,
                     open_transcript, qualcode, select_text, server, units, text_of)


class AccountTests(BrowserTest):
    @classmethod
    def setUpClass(cls):
        server()
        add_account("lise", "reader", "lese-passord")
        add_account("lars", "coder", "lars-passord")
        add_account("berit", "coder", "berit-passord")

    def test_1_a_wrong_password_is_refused_on_the_form(self):
        driver = self.new_browser()
        driver.get(server().base + "/login?next=https://evil.example")
        driver.save_screenshot(str(SHOTS / "login.png"))
        driver.find_element(By.ID, "name").send_keys("lars")
        driver.find_element(By.ID, "password").send_keys("galt passord")
        driver.find_element(By.ID, "log-in").click()
        WebDriverWait(driver, 5).until(lambda d: "Feil navn eller passord" in d.page_source)
        self.assertEqual(driver.get_cookies(), [])

    def test_2_a_reader_logs_in_through_the_form_and_cannot_code(self):
        driver = self.new_browser()
        log_in_with_form(driver, "lise", "lese-passord")
        self.assertEqual(driver.current_url, server().base + "/")
        open_transcript(driver)
        before = len(units())
        select_text(driver, "skjemaene tar tid")
        driver.find_element(By.TAG_NAME, "body").send_keys("c")
        WebDriverWait(driver, 5).until(lambda d: "ikke endre" in text_of(d, "toast")
                                       or "not change" in d.find_element(By.ID, "toast").text)
        self.assertFalse(driver.find_element(By.ID, "picker").is_displayed())
        # The API refuses too, with the session's own CSRF token.
        status = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/api/session').then(r => r.json()).then(s => fetch('/api/codings', {method: 'POST',
              headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},
              body: JSON.stringify({transcript: arguments[0], start: 0, end: 5, codes: ['Lesers kode']})}))
              .then(r => done(r.status));""", transcript_id())
        self.assertEqual(status, 403)
        self.assertEqual(len(units()), before)

    def test_3_two_coders_see_each_others_codings_with_their_names(self):
        lars, berit = self.new_browser(), self.new_browser()
        log_in_with_form(lars, "lars", "lars-passord")
        log_in_with_form(berit, "berit", "berit-passord")
        for driver in (lars, berit):
            open_transcript(driver)
        select_text(lars, "mer rapportering")
        code_selection(lars, "Rapportering")
        WebDriverWait(berit, 2.5).until(lambda d: highlight_count(d, "Rapportering") == 1)
        select_text(berit, "Kartleggingen må være ferdig")
        code_selection(berit, "Kartlegging")
        WebDriverWait(lars, 2.5).until(lambda d: highlight_count(d, "Kartlegging") == 1)
        self.assertTrue(click_coded(berit, "mer rapportering"))
        WebDriverWait(berit, 5).until(lambda d: "lars" in text_of(d, "popover"))
        self.assertTrue(click_coded(lars, "Kartleggingen"))
        WebDriverWait(lars, 5).until(lambda d: "berit" in text_of(d, "popover"))
        # The API says the same: each coding under the name of the account that made it.
        view = lars.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/api/transcripts/' + arguments[0]).then(r => r.json()).then(done);""", transcript_id())
        paths = {code["id"]: code["path"] for code in view["codes"]}
        coders = {paths[c["code"]]: c["coder"] for c in view["codings"] if paths[c["code"]] in ("Rapportering", "Kartlegging")}
        self.assertEqual(coders, {"Rapportering": "lars", "Kartlegging": "berit"})


def transcript_id():
    return json.loads(qualcode(server().project, "transcript", "list", "--json"))[0]["id"]


if __name__ == "__main__":
    unittest.main(verbosity=2)
