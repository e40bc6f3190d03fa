"""The participants page: participants added, renamed, given typed values and deleted (what goes shown
first, a participant in use needing a second click), attributes defined with a type, the library's
refusals shown as they come, a reader who sees the list and no forms, and a change from the command line
showing up by itself. The module's own participants (Hedda, Åse) and transcript (intervju-hedda) keep it
apart from the other modules that share the server."""
import json
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import SHOTS, BrowserTest, add_account, log_in, log_in_with_form, qualcode, server, text_of


def listed():
    """The participants as the command line lists them, by pseudonym."""
    return {p["pseudonym"]: p for p in json.loads(qualcode(server().project, "participant", "list", "--json"))}


def open_page(driver):
    driver.find_element(By.ID, "nav-participants").click()
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#participant-rows tr")))


def row(driver, pseudonym, timeout=5):
    return WebDriverWait(driver, timeout).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, f'#participant-rows tr[data-pseudonym="{pseudonym}"]')))


def pseudonyms(driver):
    return driver.execute_script("return [...document.querySelectorAll('#participant-rows tr[data-pseudonym]')].map(r => r.dataset.pseudonym)")


def refused(driver):
    """Waits for the page's error message (the library's sentence) and returns it."""
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "toast").is_displayed()
                                   and "error" in d.find_element(By.ID, "toast").get_attribute("class"))
    return driver.find_element(By.ID, "toast").text


def value_cell(driver, pseudonym, attribute):
    return row(driver, pseudonym).find_element(By.CSS_SELECTOR, f'td[data-attribute="{attribute}"]').text


class ParticipantPageTests(BrowserTest):
    @classmethod
    def setUpClass(cls):
        srv = server()
        (srv.folder / "intervju-hedda.txt").write_text(
            "Intervjuer: Hvordan begynte du?\n\nHedda: Jeg begynte som jobbspesialist i 2019, på Østlandet.\n", encoding="utf-8")
        qualcode(srv.project, "participant", "add", "Hedda", "--label", "Informant H", "--attr", "tjenestested=Hamar")
        qualcode(srv.project, "import", str(srv.folder / "intervju-hedda.txt"), "--participant", "Hedda")
        qualcode(srv.project, "code", "intervju-hedda", "--quote", "begynte som jobbspesialist", "--code", "Deltakerprøve/Start")
        qualcode(srv.project, "memo", "add", "--on", "participant:Hedda", "Hedda har lang erfaring.")
        qualcode(srv.project, "participant", "attr", "add", "ansiennitet", "--type", "float", "--label", "År i NAV")
        add_account("ruth", "reader", "ruth-passord")

    def test_1_the_list_shows_values_transcripts_and_counts(self):
        driver = self.new_browser()
        log_in(driver)
        open_page(driver)
        self.assertIn(driver.find_element(By.ID, "nav-participants").text, ["Deltakere", "Participants"])
        hedda = row(driver, "Hedda")
        self.assertEqual(value_cell(driver, "Hedda", "tjenestested"), "Hamar")
        self.assertIn("Informant H", hedda.text)
        self.assertEqual(hedda.find_element(By.CSS_SELECTOR, "td.linked a").text, "intervju-hedda")
        self.assertEqual(hedda.find_elements(By.CSS_SELECTOR, "td.n")[-1].text, "1")
        headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#participants thead th")]
        self.assertTrue(any(h.lower().startswith("år i nav") for h in headers), headers)
        self.assertTrue(any(t.text == "desimaltall" for t in driver.find_elements(By.CSS_SELECTOR, "#attributes td")))
        # The transcript link opens it.
        hedda.find_element(By.CSS_SELECTOR, "td.linked a").click()
        WebDriverWait(driver, 5).until(lambda d: "Hedda:" in text_of(d, "transcript"))

    def test_2_add_rename_and_refusals_from_the_library(self):
        driver = self.new_browser()
        log_in(driver)
        open_page(driver)
        field = driver.find_element(By.ID, "new-participant")
        field.send_keys("Åse")
        driver.find_element(By.ID, "new-participant-label").send_keys("Informant Å", Keys.ENTER)
        row(driver, "Åse")
        self.assertEqual(listed()["Åse"]["label"], "Informant Å")
        # «åse» is the same name; a direction override is no name. Refused with the library's words; nothing added.
        field = driver.find_element(By.ID, "new-participant")
        self.assertEqual(driver.switch_to.active_element, field, "the focus stays in the field for the next one")
        field.send_keys("åse", Keys.ENTER)
        self.assertIn('"åse" already exists', refused(driver))
        field = driver.find_element(By.ID, "new-participant")
        field.clear()
        field.send_keys("\u202eesÅ", Keys.ENTER)
        self.assertIn("direction-changing", refused(driver))
        self.assertEqual([p for p in listed() if p.lower().endswith("se")], ["Åse"])

        # Rename: Esc closes the form, Enter saves.
        row(driver, "Åse").find_element(By.CSS_SELECTOR, 'button[data-action="rename"]').click()
        name = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.action-row input[name="pseudonym"]')))
        name.send_keys(Keys.ESCAPE)
        WebDriverWait(driver, 5).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".action-row"))
        row(driver, "Åse").find_element(By.CSS_SELECTOR, 'button[data-action="rename"]').click()
        name = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.action-row input[name="pseudonym"]')))
        name.clear()
        name.send_keys("Eva", Keys.ENTER)
        self.assertIn('"Eva" already exists', refused(driver))
        name.clear()
        name.send_keys("Åsne", Keys.ENTER)
        row(driver, "Åsne")
        self.assertIn("Åsne", listed())
        self.assertNotIn("Åse", listed())

    def test_3_values_are_typed_by_their_attribute(self):
        driver = self.new_browser()
        log_in(driver)
        open_page(driver)
        # A new attribute, with its type chosen before any value.
        driver.find_element(By.ID, "new-attribute").send_keys("fast ansatt")
        Select(driver.find_element(By.ID, "new-attribute-type")).select_by_value("boolean")
        driver.find_element(By.ID, "new-attribute-label").send_keys("Fast ansatt", Keys.ENTER)
        WebDriverWait(driver, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, '#attributes tr[data-attribute="fast ansatt"]')))
        types = json.loads(qualcode(server().project, "participant", "attr", "list", "--json"))
        self.assertEqual({a["name"]: a["type"] for a in types}["fast ansatt"], "boolean")

        row(driver, "Hedda").find_element(By.CSS_SELECTOR, 'button[data-action="values"]').click()
        years = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.values-form input[name="ansiennitet"]')))
        years.send_keys("mange")
        years.send_keys(Keys.ENTER)
        self.assertIn("is not a valid float value", refused(driver))
        self.assertNotIn("ansiennitet", listed()["Hedda"]["attributes"])
        years.clear()
        years.send_keys("6,5")
        Select(driver.find_element(By.CSS_SELECTOR, '.values-form select[name="fast ansatt"]')).select_by_value("true")
        place = driver.find_element(By.CSS_SELECTOR, '.values-form input[name="tjenestested"]')
        place.clear()
        place.send_keys("Hamar og Gjøvik")
        driver.execute_script("document.getElementById('toast').hidden = true")  # the refusal above, shown already
        driver.save_screenshot(str(SHOTS / "participants.png"))
        place.send_keys(Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".action-row"))
        WebDriverWait(driver, 5).until(lambda d: value_cell(d, "Hedda", "ansiennitet") == "6,5")
        self.assertEqual(value_cell(driver, "Hedda", "fast ansatt"), "ja")
        self.assertEqual(listed()["Hedda"]["attributes"], {"ansiennitet": "6.5", "fast ansatt": "true", "tjenestested": "Hamar og Gjøvik"})

    def test_4_deleting_shows_what_goes_and_a_participant_in_use_needs_a_second_click(self):
        driver = self.new_browser()
        log_in(driver)
        open_page(driver)
        row(driver, "Hedda").find_element(By.CSS_SELECTOR, 'button[data-action="delete"]').click()
        preview = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".delete-preview")))
        self.assertIn("1 notat", preview.text)
        self.assertIn("taletur", preview.text)
        self.assertIn("intervju-hedda", preview.text)
        preview.find_element(By.CSS_SELECTOR, "button.danger:not([hidden])").click()
        refusal = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".delete-preview .error-line")))
        self.assertIn('participant "Hedda" is in use', refusal.text)
        self.assertIn("Hedda", listed(), "refused: nothing deleted yet")
        anyway = driver.find_element(By.CSS_SELECTOR, ".delete-preview button.danger:not([hidden])")
        self.assertEqual(driver.switch_to.active_element, anyway)
        anyway.send_keys(Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: "Hedda" not in pseudonyms(d))
        self.assertNotIn("Hedda", listed())
        # The transcript and its coding stay.
        self.assertIn("intervju-hedda", qualcode(server().project, "transcript", "list"))

    def test_5_a_change_from_the_command_line_shows_up_and_a_reader_sees_no_forms(self):
        driver = self.new_browser()
        log_in_with_form(driver, "ruth", "ruth-passord")
        open_page(driver)
        self.assertFalse(driver.find_elements(By.ID, "new-participant"))
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "#participant-rows button"))
        qualcode(server().project, "participant", "add", "Håkon", "--attr", "tjenestested=Lillehammer")
        row(driver, "Håkon", timeout=5)
        self.assertEqual(value_cell(driver, "Håkon", "tjenestested"), "Lillehammer")
        qualcode(server().project, "participant", "delete", "Håkon")


if __name__ == "__main__":
    unittest.main(verbosity=2)
