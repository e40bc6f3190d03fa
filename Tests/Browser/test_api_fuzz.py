"""The JSON API fuzzed from its own OpenAPI document with Schemathesis, on a server and project of their
own (the fuzzer deletes and merges codes at random, which the browser tests must not see). Every request it
makes carries a logged-in owner's cookie and CSRF token, and the ids of a real transcript, code and segment
where a path asks for one, so the fuzzing reaches the library instead of stopping at 404. It fails on any
5xx, a status the document does not list, or a response of another content type or shape than documented.

The time it takes is bounded: QUALCODE_FUZZ_SECONDS (60 by default)."""
import http.cookiejar
import json
import os
import subprocess
import unittest
import urllib.request

from harness import Server, qualcode

SECONDS = os.environ.get("QUALCODE_FUZZ_SECONDS", "60")
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def toml_string(value):
    return json.dumps(value, ensure_ascii=False)


class ApiFuzzTests(unittest.TestCase):
    def test_no_route_fails_or_answers_outside_its_document(self):
        srv = Server()
        try:
            project = srv.project
            qualcode(project, "code", "intervju-eva", "--quote", "tillit er alt", "--code", "Tillit")
            qualcode(project, "code", "intervju-eva", "--quote", "mer rapportering", "--code", "Arbeid/Rapportering")
            transcript = json.loads(qualcode(project, "transcripts", "--json"))[0]["id"]
            code = [c for c in json.loads(qualcode(project, "codes", "--json")) if c["path"] == "Tillit"][0]["id"]
            segment = json.loads(qualcode(project, "units", "--json"))[0]["id"]

            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            opener.open(srv.address)
            session = json.load(opener.open(srv.base + "/api/session"))
            cookie = "; ".join(f"{c.name}={c.value}" for c in jar)

            by_path = {
                r"^/api/transcripts/\{id\}": transcript,
                r"^/api/codes/\{id\}": code,
                r"^/api/segments/\{id\}": segment,
            }
            config = [
                f"headers = {{ Cookie = {toml_string(cookie)}, \"X-CSRF-Token\" = {toml_string(session['csrfToken'])} }}",
            ]
            for pattern, value in by_path.items():
                config += ["", "[[operations]]", f"include-path-regex = {toml_string(pattern)}",
                           f"parameters = {{ \"path.id\" = {toml_string(value)} }}"]
            path = srv.folder / "schemathesis.toml"
            path.write_text("\n".join(config) + "\n", encoding="utf-8")

            # The event stream never ends and logging out would end the fuzzer's session: both left out.
            # The coverage phase is left out too: it stops on a fault of its own under Python 3.11.
            run = subprocess.run(
                ["schemathesis", "--config-file", str(path), "run", srv.base + "/api/openapi.json",
                 "--checks", CHECKS, "--phases", "examples,fuzzing", "--max-time", SECONDS, "--workers", "2",
                 "--exclude-path", "/api/events", "--exclude-path", "/api/logout", "--warnings", "off"],
                capture_output=True, text=True, cwd=srv.folder)
            report = run.stdout + run.stderr
            self.assertEqual(run.returncode, 0, report[-6000:])
            self.assertIn("passed", report)
            # What was tried, for whoever reads the run's log.
            print("\n" + "\n".join(line for line in report.splitlines() if "generated" in line or "Tested:" in line))
            # The server is still up and the project still opens.
            self.assertEqual(opener.open(srv.base + "/api/session").status, 200)
            qualcode(project, "codes")
        finally:
            srv.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
