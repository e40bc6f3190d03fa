"""The memos page: every kind of memo listed with who wrote it and a link to where it belongs, filtered by
kind and by words, edited and deleted in place; an edit of a memo someone changed meanwhile saves nothing
until asked to write over it; markup in a memo stays text. The module's own participant (Ingrid),
transcript (intervju-ingrid) and code (Notatprøve/Tiltro) keep it apart from the other modules."""
import json
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import SHOTS, BrowserTest, log_in, qualcode, server


def memos():
    """The memos as the command line lists them, by text."""
    return {m["text"]: m for m in json.loads(qualcode(server().project, "memo", "list", "--json"))}


def memo_id(text):
    return memos()[text]["id"]


def card(driver, text, timeout=5):
    """The memo card whose text is `text` (found afresh: a live update may have redrawn the list)."""
    return WebDriverWait(driver, timeout).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, f'.memo-card[data-id="{memo_id(text)}"]')))


def shown_texts(driver):
    return driver.execute_script("return [...document.querySelectorAll('.memo-card .memo-text')].map(m => m.textContent)")


class MemoPageTests(BrowserTest):
    SEGMENT = "Det viktigste er at de stoler på meg, ikke på skjemaet."
    TRANSCRIPT = "Ingrid snakket fort; les intervjuet på nytt med kaffe."
    CODE = "Notatprøve/Tiltro brukes når Ingrid snakker om å stole på noen."
    PERSON = "Ingrid har jobbet i NAV i tolv år."
    MARKUP = 'Ingrids notat: <script>window.__xss = 1</script> <img src=x onerror="window.__xss = 2">'

    @classmethod
    def setUpClass(cls):
        srv = server()
        (srv.folder / "intervju-ingrid.txt").write_text(
            "Intervjuer: Hva betyr tillit for deg?\n\nIngrid: Det viktigste er at de stoler på meg, ikke på skjemaet.\n",
            encoding="utf-8")
        qualcode(srv.project, "participant", "add", "Ingrid")
        qualcode(srv.project, "import", str(srv.folder / "intervju-ingrid.txt"), "--participant", "Ingrid")
        coded = qualcode(srv.project, "code", "intervju-ingrid", "--quote", "de stoler på meg", "--code", "Notatprøve/Tiltro")
        segment = coded.split()[0]
        # Oldest first: the page lists the segment's memo, written last, at the top.
        qualcode(srv.project, "memo", "add", "--on", "transcript:intervju-ingrid", cls.MARKUP)
        qualcode(srv.project, "memo", "add", "--on", "transcript:intervju-ingrid", cls.TRANSCRIPT)
        qualcode(srv.project, "memo", "add", "--on", "code:Notatprøve/Tiltro", cls.CODE)
        qualcode(srv.project, "memo", "add", "--on", "participant:Ingrid", cls.PERSON, coder="berit")
        qualcode(srv.project, "memo", "add", "--on", f"segment:{segment}", cls.SEGMENT, coder="berit")

    def open_page(self, driver, words="ingrid"):
        """The memos page filtered to this module's memos (they all name Ingrid, or her passage)."""
        log_in(driver)
        driver.find_element(By.ID, "nav-memos").click()
        field = WebDriverWait(driver, 10).until(EC.visibility_of_element_located((By.ID, "memo-search")))
        self.assertIn(driver.find_element(By.ID, "nav-memos").text, ["Notater", "Memos"])
        if words:
            field.send_keys(words, Keys.ENTER)
            # The filtered list, not the whole one drawn first.
            WebDriverWait(driver, 5).until(lambda d: "q=" in d.current_url and shown_texts(d)
                                           and all(words in text.lower() for text in shown_texts(d)))

    def test_1_every_kind_is_listed_with_its_author_and_where_it_belongs(self):
        driver = self.new_browser()
        self.open_page(driver, words="")
        WebDriverWait(driver, 5).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".memo-card")) >= 5)
        segment = card(driver, self.SEGMENT)
        self.assertIn("berit", segment.find_element(By.CSS_SELECTOR, "header .meta").text)
        self.assertIn(segment.find_element(By.CSS_SELECTOR, ".kind").text.lower(), ["kodet tekst", "coded passage"])
        self.assertEqual(segment.find_element(By.CSS_SELECTOR, ".segment-quote").text, "de stoler på meg")
        self.assertEqual(segment.find_element(By.CSS_SELECTOR, ".chips").text, "Notatprøve/Tiltro")
        self.assertEqual(card(driver, self.CODE).find_element(By.CSS_SELECTOR, ".target").text, "Notatprøve/Tiltro")
        self.assertEqual(card(driver, self.PERSON).find_element(By.CSS_SELECTOR, ".target").text, "Ingrid")
        # Markup in a memo is text.
        self.assertEqual(card(driver, self.MARKUP).find_element(By.CSS_SELECTOR, ".memo-text").text, self.MARKUP)
        self.assertIsNone(driver.execute_script("return window.__xss"))
        driver.save_screenshot(str(SHOTS / "memos.png"))
        # The segment's memo opens the transcript at the passage's line; the code's memo opens its segments.
        segment.find_element(By.CSS_SELECTOR, "a.target").click()
        flashed = WebDriverWait(driver, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#transcript .row.flash")))
        self.assertIn("de stoler på meg", flashed.text)
        driver.back()
        card(driver, self.CODE, timeout=10).find_element(By.CSS_SELECTOR, "a.target").click()
        retrieved = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".retrieved .quote")))
        self.assertEqual(retrieved.text, "de stoler på meg")

    def test_2_filters_by_kind_and_by_words(self):
        driver = self.new_browser()
        self.open_page(driver)
        self.assertEqual(set(shown_texts(driver)), {self.TRANSCRIPT, self.CODE, self.PERSON, self.MARKUP})
        Select(driver.find_element(By.ID, "memo-kind")).select_by_value("transcript")
        WebDriverWait(driver, 5).until(lambda d: "kind=transcript" in d.current_url
                                       and set(shown_texts(d)) == {self.TRANSCRIPT, self.MARKUP})
        field = driver.find_element(By.ID, "memo-search")
        field.clear()
        field.send_keys("KAFFE", Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: shown_texts(d) == [self.TRANSCRIPT])
        field = driver.find_element(By.ID, "memo-search")
        field.clear()
        field.send_keys("ingen slike ord", Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, "#memo-list .empty").text in ["Ingen notater passer.", "No memos match."])

    def test_3_an_edit_is_saved_and_one_over_another_change_needs_a_second_click(self):
        driver = self.new_browser()
        self.open_page(driver)
        person = card(driver, self.PERSON)
        person.find_element(By.CSS_SELECTOR, 'button[data-action="edit"]').click()
        editor = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".memo-card.editing textarea")))
        self.assertEqual(driver.switch_to.active_element, editor)
        editor.send_keys(" Hun kjenner alle arbeidsgiverne.")
        editor.send_keys(Keys.CONTROL, Keys.ENTER)
        edited = self.PERSON + " Hun kjenner alle arbeidsgiverne."
        WebDriverWait(driver, 5).until(lambda d: edited in memos())
        self.assertEqual(memos()[edited]["author"], "berit", "the author stays")

        # Someone changes the memo from the command line while this editor is open.
        card(driver, edited).find_element(By.CSS_SELECTOR, 'button[data-action="edit"]').click()
        editor = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".memo-card.editing textarea")))
        editor.send_keys(Keys.CONTROL, "a")
        editor.send_keys("Ingrid: min versjon.")
        theirs = "Ingrid: berits versjon."
        qualcode(server().project, "memo", "edit", memos()[edited]["id"][-8:].lower(), theirs, coder="berit")
        driver.find_element(By.CSS_SELECTOR, ".memo-card.editing button.primary").click()
        error = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".memo-card.editing .error-line")))
        self.assertIn("changed by someone else", error.text)
        self.assertIn(theirs, driver.find_element(By.CSS_SELECTOR, ".memo-card.editing .their-text").text)
        self.assertIn(theirs, memos(), "refused: their text is kept")
        driver.find_element(By.CSS_SELECTOR, ".memo-card.editing .their-text button").click()
        WebDriverWait(driver, 5).until(lambda d: "Ingrid: min versjon." in memos())

    def test_4_a_memo_is_deleted_after_asking(self):
        driver = self.new_browser()
        self.open_page(driver)
        doomed = card(driver, self.MARKUP)
        doomed.find_element(By.CSS_SELECTOR, 'button[data-action="delete"]').click()
        confirm = WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".memo-card.editing button.danger")))
        self.assertIn(self.MARKUP, memos(), "asking deletes nothing")
        self.assertEqual(driver.switch_to.active_element, confirm)
        confirm.send_keys(Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: self.MARKUP not in shown_texts(d))
        self.assertNotIn(self.MARKUP, memos())


if __name__ == "__main__":
    unittest.main(verbosity=2)
