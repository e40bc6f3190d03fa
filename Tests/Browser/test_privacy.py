"""Privacy in the browser (issue 13): the transcript's «Personvern» panel lists what the detectors find and
marks it in the text; a finding is dismissed, brought back and dismissed again, one is replaced and the text
changes while the passage coded on it stays coded; a safe export is refused while the phone number stands and
allowed once it is replaced. The owner keeps the ethics register and withdraws a participant on pages of their
own; a coder sees neither link and the routes refuse them.

The module works on participants, transcripts and codes of its own (Sigrun, Torunn, Personvern/…), so the
other modules sharing the server see none of it. All data are invented: the national identity number is a
synthetic one (month + 80) with valid check digits."""
import shutil
import tempfile
import time
import unittest
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import (SHOTS, BrowserTest, add_account, highlight_count, log_in, log_in_with_form, open_transcript, qualcode,
                     server, text_of)

NATIONAL_ID = "15879010079"
SIGRUN = f"""Intervjuer: Hvordan kan NAV nå deg?
Sigrun: Fødselsnummeret mitt er {NATIONAL_ID}, og mobilen er 912 34 567.
Sigrun: E-post går også: sigrun.prove@eksempel.no, det er greit.
Intervjuer: Og jobben?
Sigrun: Jeg trives godt i jobben nå, det har gått seg til.
"""
TORUNN = """Intervjuer: Hva skjedde etter kurset?
Torunn: Jeg fikk praksisplass på lageret, og sjefen var grei med meg.
"""


def national_id_is_valid(number):
    """The mod-11 rule, so the test's own number is known to be one the detector must find."""
    digits = [int(c) for c in number]
    first = (11 - sum(d * w for d, w in zip(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2])) % 11) % 11
    second = (11 - sum(d * w for d, w in zip(digits, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11) % 11
    return first == digits[9] and second == digits[10]


def wait_for_file(folder, name, timeout=15):
    path = Path(folder) / name
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.exists() and not list(Path(folder).glob("*.crdownload")):
            return path
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded; the folder holds {sorted(p.name for p in Path(folder).iterdir())}")


def findings(driver):
    """The panel's findings as (kind, text, dismissed), read in the page at once."""
    return driver.execute_script("""
        return [...document.querySelectorAll('#privacy-findings li.finding')].map(li =>
          [li.dataset.kind, li.querySelector('.finding-text').textContent, li.classList.contains('dismissed')]);""")


def click_in_finding(driver, text, button_class):
    """Clicks a finding's button, found afresh (the panel is redrawn after every decision)."""
    return driver.execute_script("""
        const li = [...document.querySelectorAll('#privacy-findings li.finding')].find(l => l.querySelector('.finding-text').textContent === arguments[0]);
        const button = li && li.querySelector('button.' + arguments[1]);
        if (!button) return false;
        button.click();
        return true;""", text, button_class)


def press(driver, css):
    """Clicks a form's button brought to the middle of the view (the sticky page head covers the top)."""
    button = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def set_value(driver, element_id, value):
    """A date field set as the page reads it (typing into one depends on the browser's locale)."""
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)


class PrivacyTests(BrowserTest):
    @classmethod
    def setUpClass(cls):
        assert national_id_is_valid(NATIONAL_ID)
        srv = server()
        p = srv.project
        for name, text in [("Sigrun", SIGRUN), ("Torunn", TORUNN)]:
            qualcode(p, "participant", "add", name)
            path = srv.folder / f"intervju-{name.lower()}.txt"
            path.write_text(text, encoding="utf-8")
            qualcode(p, "import", str(path), "--participant", name)
        qualcode(p, "code", "intervju-sigrun", "--quote", "mobilen er 912 34 567", "--code", "Personvern/Kontakt")
        qualcode(p, "code", "intervju-torunn", "--quote", "praksisplass på lageret", "--code", "Personvern/Praksis")
        # A quote export made from Torunn's words: the withdrawal preview names the file.
        cls.made = Path(tempfile.mkdtemp(prefix="qualcode-privacy-"))
        qualcode(p, "quotes", "--code", "Personvern/Praksis", "-o", str(cls.made / "torunn-sitater.docx"))
        add_account("petra", "coder", "petra-passord")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.made, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.downloads = Path(tempfile.mkdtemp(prefix="qualcode-downloads-"))
        self.addCleanup(shutil.rmtree, self.downloads, ignore_errors=True)

    def safe_quote_export(self, driver):
        """The quotes of Personvern/Kontakt as a safe export; the outcome box's text once the answer is in."""
        driver.execute_script("location.hash = '#/'")
        driver.find_element(By.ID, "nav-exports").click()
        form = WebDriverWait(driver, 10).until(EC.visibility_of_element_located((By.ID, "export-quotes")))
        safe = driver.find_element(By.ID, "export-safe")
        if not safe.is_selected():
            safe.click()
        form.find_element(By.CSS_SELECTOR, '#export-codes li[data-path="Personvern/Kontakt"] input').click()
        form.find_element(By.NAME, "name").send_keys("trygg-eksport")
        form.find_element(By.ID, "export-download").click()

    def test_findings_are_dismissed_replaced_and_a_safe_export_follows_them(self):
        driver = self.new_browser(self.downloads)
        log_in(driver)

        # While the phone number stands, the safe export is refused, naming it, and nothing is saved.
        self.safe_quote_export(driver)
        WebDriverWait(driver, 10).until(lambda d: "Not written" in text_of(d, "export-outcome"))
        refusal = text_of(driver, "export-outcome")
        self.assertIn("912 34 567", refusal)
        self.assertIn("intervju-sigrun line 2", refusal)
        self.assertFalse(list(self.downloads.iterdir()))

        # The panel lists the three findings, each marked in the text.
        open_transcript(driver, "intervju-sigrun")
        toggle = driver.find_element(By.ID, "privacy-toggle")
        self.assertEqual(toggle.text, "Personvern")
        toggle.click()
        WebDriverWait(driver, 10).until(lambda d: len(findings(d)) == 3)
        self.assertEqual(findings(driver), [["nationalIdentityNumber", NATIONAL_ID, False], ["phoneNumber", "912 34 567", False],
                                            ["email", "sigrun.prove@eksempel.no", False]])
        kinds = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#privacy-findings .finding-kind")]
        self.assertEqual(kinds, ["FØDSELSNUMMER", "TELEFONNUMMER", "E-POSTADRESSE"])
        marks = driver.execute_script("return [...document.querySelectorAll('#transcript mark.finding')].map(m => m.textContent)")
        self.assertEqual(marks, [NATIONAL_ID, "912 34 567", "sigrun.prove@eksempel.no"])
        self.assertIn("3 funn", text_of(driver, "privacy-summary"))
        # Clicking a finding scrolls the text to it and flashes it.
        driver.execute_script("document.getElementById('main').scrollTop = 0")
        driver.find_elements(By.CSS_SELECTOR, "#privacy-findings .finding-go")[2].click()
        WebDriverWait(driver, 5).until(lambda d: d.execute_script(
            "return document.querySelectorAll('#transcript mark.finding')[2].classList.contains('flash')"))
        self.assertIn("current", driver.find_elements(By.CSS_SELECTOR, "#privacy-findings li.finding")[2].get_attribute("class"))

        # Dismissed here: gone from the list until «Vis avviste», where «Angre» brings it back.
        self.assertTrue(click_in_finding(driver, NATIONAL_ID, "privacy-dismiss"))
        WebDriverWait(driver, 10).until(lambda d: len(findings(d)) == 2)
        self.assertIn("2 funn", text_of(driver, "privacy-summary"))
        show = WebDriverWait(driver, 5).until(EC.element_to_be_clickable((By.ID, "privacy-show-dismissed")))
        self.assertIn("Vis avviste (1)", driver.find_element(By.CSS_SELECTOR, ".privacy-tools").text)
        show.click()
        WebDriverWait(driver, 5).until(lambda d: [NATIONAL_ID, True] in [f[1:] for f in findings(d)])
        self.assertTrue(click_in_finding(driver, NATIONAL_ID, "privacy-restore"))
        WebDriverWait(driver, 10).until(lambda d: [f[2] for f in findings(d)] == [False, False, False])
        self.assertTrue(click_in_finding(driver, NATIONAL_ID, "privacy-dismiss"))
        WebDriverWait(driver, 10).until(lambda d: [f[2] for f in findings(d)] == [True, False, False])

        # The phone number is replaced: the text changes, and the passage coded on it stays coded.
        self.assertEqual(highlight_count(driver, "Kontakt"), 1)
        self.assertTrue(click_in_finding(driver, "912 34 567", "privacy-apply"))
        WebDriverWait(driver, 10).until(lambda d: "[telefonnummer]" in text_of(d, "transcript"))
        self.assertNotIn("912 34 567", text_of(driver, "transcript"))
        WebDriverWait(driver, 10).until(lambda d: [f[1] for f in findings(d)] == [NATIONAL_ID, "sigrun.prove@eksempel.no"])
        self.assertEqual(highlight_count(driver, "Kontakt"), 1)
        coded = driver.execute_script("return [...document.querySelectorAll('#transcript .piece.coded')].map(p => p.textContent)")
        self.assertEqual(coded, ["mobilen er [telefonnummer]"])
        self.assertIn("mobilen er [telefonnummer]", qualcode(server().project, "units", "--json"))
        driver.execute_script("document.getElementById('main').scrollTop = 0")
        driver.save_screenshot(str(SHOTS / "privacy.png"))

        # The safe export now passes: the dismissed number is not in the quote, the phone number is replaced.
        self.safe_quote_export(driver)
        wait_for_file(self.downloads, "trygg-eksport.docx")
        self.assertNotIn("Not written", text_of(driver, "export-outcome"))

    def test_the_owner_keeps_the_ethics_register(self):
        driver = self.new_browser()
        log_in(driver)
        link = driver.find_element(By.ID, "nav-ethics")
        self.assertEqual(link.text, "Etikk")
        link.click()
        WebDriverWait(driver, 10).until(lambda d: text_of(d, "ethics-warnings") != "")
        self.assertIn("No approval is recorded", text_of(driver, "ethics-warnings"))

        driver.find_element(By.ID, "ethics-approval-body").send_keys("Sikt")
        driver.find_element(By.ID, "ethics-approval-reference").send_keys("654321")
        set_value(driver, "ethics-approval-date", "2026-01-15")
        press(driver, "#ethics-approval-form button[type=submit]")
        WebDriverWait(driver, 10).until(lambda d: "654321" in text_of(d, "ethics-approvals"))
        self.assertNotIn("No approval is recorded", text_of(driver, "ethics-warnings"))

        Select(driver.find_element(By.ID, "ethics-consent-participant")).select_by_visible_text("Sigrun")
        set_value(driver, "ethics-consent-date", "2026-02-01")
        driver.find_element(By.ID, "ethics-consent-how").send_keys("skriftlig samtykke")
        press(driver, "#ethics-consent-form button[type=submit]")
        WebDriverWait(driver, 10).until(lambda d: "skriftlig samtykke" in text_of(d, "ethics-consents"))
        row = driver.execute_script("""return [...document.querySelectorAll('#ethics-consents tbody tr')]
            .map(r => r.innerText).find(t => t.startsWith('Sigrun'))""")
        self.assertIn("2026-02-01", row)

        set_value(driver, "ethics-plan-audio", "2026-06-30")
        set_value(driver, "ethics-plan-data", "2027-12-31")
        press(driver, "#ethics-plan-form button[type=submit]")
        WebDriverWait(driver, 10).until(lambda d: "2027-12-31" in text_of(d, "ethics-plan-now"))

        Select(driver.find_element(By.ID, "ethics-deletion-participant")).select_by_visible_text("Sigrun")
        set_value(driver, "ethics-deletion-date", "2026-03-01")
        driver.find_element(By.ID, "ethics-deletion-method").send_keys("slettet fra opptaker")
        press(driver, "#ethics-deletion-form button[type=submit]")
        WebDriverWait(driver, 10).until(lambda d: "slettet fra opptaker" in text_of(d, "ethics-deletions"))
        driver.execute_script("document.getElementById('main').scrollTop = 0")
        driver.save_screenshot(str(SHOTS / "ethics.png"))

        # A refusal is the server's one line under its form, and what was typed stays.
        set_value(driver, "ethics-approval-date", "")
        driver.execute_script("document.getElementById('ethics-approval-date').removeAttribute('required')")
        driver.find_element(By.ID, "ethics-approval-body").send_keys("REK")
        driver.find_element(By.ID, "ethics-approval-reference").send_keys("2026/77")
        press(driver, "#ethics-approval-form button[type=submit]")
        WebDriverWait(driver, 10).until(lambda d: "is not a date" in d.find_element(By.CSS_SELECTOR, "#ethics-approval-form .form-error").text)
        self.assertEqual(driver.find_element(By.ID, "ethics-approval-body").get_attribute("value"), "REK")
        self.assertNotIn("2026/77", text_of(driver, "ethics-approvals"))

    def test_the_owner_withdraws_a_participant_after_a_preview(self):
        driver = self.new_browser()
        log_in(driver)
        WebDriverWait(driver, 10).until(lambda d: "intervju-torunn" in text_of(d, "transcripts"))
        driver.find_element(By.ID, "nav-withdraw").click()
        choose = WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "withdraw-participant")))
        Select(choose).select_by_visible_text("Torunn")
        WebDriverWait(driver, 10).until(lambda d: "intervju-torunn" in text_of(d, "withdraw-transcripts"))
        self.assertIn("1 koding", text_of(driver, "withdraw-dependents"))
        self.assertIn("torunn-sitater.docx", text_of(driver, "withdraw-exports"))
        # Nothing has gone yet.
        self.assertIn("Torunn", qualcode(server().project, "participants"))

        button = driver.find_element(By.ID, "withdraw-submit")
        self.assertFalse(button.is_enabled())
        confirm = driver.find_element(By.ID, "withdraw-confirm")
        confirm.send_keys("torunn")
        self.assertFalse(button.is_enabled())
        driver.save_screenshot(str(SHOTS / "withdraw.png"))
        confirm.clear()
        confirm.send_keys("Torunn")
        self.assertTrue(button.is_enabled())
        button.click()
        WebDriverWait(driver, 15).until(lambda d: "Torunn er trukket" in text_of(d, "withdraw-outcome"))
        self.assertIn("torunn-sitater.docx", text_of(driver, "withdraw-outcome"))
        WebDriverWait(driver, 10).until(lambda d: "intervju-torunn" not in text_of(d, "transcripts"))
        self.assertNotIn("Torunn", qualcode(server().project, "participants"))
        self.assertNotIn("Torunn", [o.text for o in Select(driver.find_element(By.ID, "withdraw-participant")).options])

    def test_a_coder_sees_no_owner_pages_and_the_routes_refuse_them(self):
        driver = self.new_browser()
        log_in_with_form(driver, "petra", "petra-passord")
        self.assertFalse(driver.find_element(By.ID, "nav-ethics").is_displayed())
        self.assertFalse(driver.find_element(By.ID, "nav-withdraw").is_displayed())
        statuses = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            (async () => {
              const csrf = (await (await fetch('/api/session')).json()).csrfToken;
              const post = (path, body) => fetch(path, { method: 'POST', body: JSON.stringify(body),
                headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } }).then(r => r.status);
              const participants = await (await fetch('/api/participants')).json();
              const sigrun = participants.find(p => p.pseudonym === 'Sigrun').id;
              done([await fetch('/api/ethics').then(r => r.status),
                    await post('/api/ethics/approvals', { body: 'Sikt', reference: '1', date: '2026-01-15' }),
                    await fetch(`/api/participants/${sigrun}/withdrawal`).then(r => r.status),
                    await post(`/api/participants/${sigrun}/withdraw`, { confirm: 'Sigrun' })]);
            })();""")
        self.assertEqual(statuses, [403, 403, 403, 403])
        # Typing the address shows the page's refusal, not the register.
        driver.execute_script("location.hash = '#/ethics'")
        WebDriverWait(driver, 10).until(lambda d: "Bare prosjektets eier" in text_of(d, "main"))
        # A coder may still decide on findings in a transcript.
        open_transcript(driver, "intervju-sigrun")
        driver.find_element(By.ID, "privacy-toggle").click()
        WebDriverWait(driver, 10).until(lambda d: len(findings(d)) >= 1)
        self.assertTrue(driver.find_elements(By.CSS_SELECTOR, "#privacy-findings button.privacy-dismiss"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
