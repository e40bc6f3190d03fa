"""A transcript from Teams keeps its times; with a recording attached, clicking a turn's time plays it
from there (the server answers the player's range requests)."""
import math
import struct
import time
import unittest
import wave

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from harness import SHOTS, browser, log_in, qualcode, server

# Our own synthetic Teams transcript.
VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Intervjuer>Hvordan startet dagen din i dag?</v>

00:00:05.500 --> 00:00:09.000
<v Siri>Med en kaffe og tre skjemaer, egentlig.</v>

00:00:10.000 --> 00:00:14.000
<v Intervjuer>Tre skjemaer før klokka ni?</v>
"""


def write_tone(path, seconds=16, rate=8000):
    """A quiet sine tone: a recording long enough to seek in, made here rather than shipped."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = b"".join(struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(seconds * rate))
        out.writeframes(frames)


class RecordingTests(unittest.TestCase):
    def test_clicking_a_turns_time_plays_the_recording_from_there(self):
        srv = server()
        (srv.folder / "intervju-siri.vtt").write_text(VTT, encoding="utf-8")
        qualcode(srv.project, "participant", "add", "Siri")
        qualcode(srv.project, "import", str(srv.folder / "intervju-siri.vtt"), "--participant", "Siri")
        write_tone(srv.folder / "siri.wav")
        qualcode(srv.project, "transcript", "set", "intervju-siri", "--media", str(srv.folder / "siri.wav"))

        driver = browser()
        try:
            log_in(driver)
            link = [a for a in driver.find_elements(By.CSS_SELECTOR, "#transcripts a") if "intervju-siri" in a.text][0]
            link.click()
            player = WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "player")))
            WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].readyState >= 1", player))
            times = driver.find_elements(By.CSS_SELECTOR, ".speaker button.time")
            self.assertEqual([b.text for b in times], ["0:01", "0:05", "0:10"])
            times[1].click()
            WebDriverWait(driver, 5).until(lambda d: d.execute_script("return !arguments[0].paused", player))
            position = driver.execute_script("return arguments[0].currentTime", player)
            self.assertGreaterEqual(position, 5.4)
            self.assertLess(position, 8.0)
            driver.save_screenshot(str(SHOTS / "recording.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main(verbosity=2)
