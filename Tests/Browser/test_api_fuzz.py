"""The JSON API fuzzed from its own OpenAPI document with Schemathesis, on a server and project of their
own (the fuzzer deletes and merges codes at random, which the browser tests must not see). Every request it
makes carries a logged-in owner's cookie and CSRF token, and the ids of a real transcript, code, segment,
participant and memo where a path asks for one, so the fuzzing reaches the library instead of stopping at 404.
It fails on any 5xx, a status the document does not list, or a response of another content type or shape than
documented.

It runs in two phases: first every route but the ones that take records away, so the ids stay real while the
reads and edits are fuzzed; then only those (undo, coding removal, code merge and delete, participant and memo
delete). The project's event log must show that the first phase's edits went through (a quote edit and a code
update at least), so a fuzzer stuck at 404 fails the test.

The time it takes is bounded: QUALCODE_FUZZ_SECONDS (60 by default) for both phases together."""
import collections
import http.cookiejar
import json
import os
import subprocess
import unittest
import urllib.request

from harness import Server, qualcode

SECONDS = max(2, int(os.environ.get("QUALCODE_FUZZ_SECONDS", "60")))
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
# The routes that take records away: fuzzed last, when losing the ids no longer matters.
DESTRUCTIVE = [
    "POST /api/codings/undo",
    "POST /api/codings/remove",
    "POST /api/codes/{id}/merge",
    "POST /api/codes/{id}/delete",
    "POST /api/participants/{id}/delete",
    "POST /api/memos/{id}/delete",
    "POST /api/participants/{id}/withdraw",
    "POST /api/transcripts/{id}/privacy/apply",
]
# What the first phase must have done at least once. The examples phase sends the document's examples of
# QuoteEdit and CodeUpdate first, so both happen however short the time; fuzzing adds more.
REQUIRED_EVENTS = ["quote.edit", "code.update"]


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
            participant = json.loads(qualcode(project, "participants", "--json"))[0]["id"]
            qualcode(project, "memo", "add", "--on", "code:Tillit", "Brukes om relasjonen til veilederen.")
            memo = json.loads(qualcode(project, "memos", "--json"))[0]["id"]
            # A small work map, so the map's routes get a real step and link.
            qualcode(project, "map", "step", "add", "Henvisning")
            qualcode(project, "map", "step", "add", "Bli kjent")
            qualcode(project, "map", "link", "precedes", "step:Henvisning", "step:Bli kjent")
            qualcode(project, "map", "evidence", "add", "step:Henvisning", "intervju-eva", "--quote", "tillit er alt")

            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            opener.open(srv.address)
            session = json.load(opener.open(srv.base + "/api/session"))
            cookie = "; ".join(f"{c.name}={c.value}" for c in jar)

            def history(before=None):
                query = "?limit=500" + (f"&before={before}" if before else "")
                return json.load(opener.open(srv.base + "/api/history" + query))

            last_before_fuzzing = history()[0]["id"]
            work_map = json.load(opener.open(srv.base + "/api/map"))
            step = [n for n in work_map["nodes"] if n["name"] == "Henvisning"][0]["key"]
            link = work_map["links"][0]["id"]

            by_path = {
                r"^/api/transcripts/\{id\}": transcript,
                r"^/api/codes/\{id\}": code,
                r"^/api/segments/\{id\}": segment,
                r"^/api/participants/\{id\}": participant,
                r"^/api/memos/\{id\}": memo,
            }
            config = [
                f"headers = {{ Cookie = {toml_string(cookie)}, \"X-CSRF-Token\" = {toml_string(session['csrfToken'])} }}",
            ]
            for pattern, value in by_path.items():
                config += ["", "[[operations]]", f"include-path-regex = {toml_string(pattern)}",
                           f"parameters = {{ \"path.id\" = {toml_string(value)} }}"]
            config += ["", "[[operations]]", f"include-path-regex = {toml_string('^/api/map/nodes/')}",
                       f"parameters = {{ \"path.kind\" = \"step\", \"path.id\" = {toml_string(step)} }}",
                       "", "[[operations]]", f"include-path-regex = {toml_string('^/api/map/links/')}",
                       f"parameters = {{ \"path.id\" = {toml_string(link)} }}"]
            # A destructive route renamed in the document would be fuzzed in the first phase again, unnoticed.
            document = json.load(opener.open(srv.base + "/api/openapi.json"))
            operations = {f"{method.upper()} {route}" for route, methods in document["paths"].items() for method in methods}
            self.assertEqual([name for name in DESTRUCTIVE if name not in operations], [])
            path = srv.folder / "schemathesis.toml"
            path.write_text("\n".join(config) + "\n", encoding="utf-8")

            def fuzz(seconds, *filters):
                # The event stream never ends and logging out would end the fuzzer's session: both left out.
                # The coverage phase is left out too: it stops on a fault of its own under Python 3.11.
                run = subprocess.run(
                    ["schemathesis", "--config-file", str(path), "run", srv.base + "/api/openapi.json",
                     "--checks", CHECKS, "--phases", "examples,fuzzing", "--max-time", str(seconds), "--workers", "2",
                     "--exclude-path", "/api/events", "--exclude-path", "/api/logout", "--warnings", "off", *filters],
                    capture_output=True, text=True, cwd=srv.folder)
                report = run.stdout + run.stderr
                self.assertEqual(run.returncode, 0, report[-6000:])
                self.assertIn("passed", report)
                # What was tried, for whoever reads the run's log.
                print("\n" + "\n".join(line for line in report.splitlines() if "generated" in line or "Tested:" in line))

            # Two thirds of the time for the reads and edits on real ids, the rest for taking records away.
            first = SECONDS * 2 // 3
            fuzz(first, *[option for name in DESTRUCTIVE for option in ("--exclude-name", name)])
            fuzz(SECONDS - first, *[option for name in DESTRUCTIVE for option in ("--include-name", name)])

            # The server is still up, and its log holds what the fuzzer did.
            self.assertEqual(opener.open(srv.base + "/api/session").status, 200)
            events, page = [], history()
            while page and page[-1]["id"] > last_before_fuzzing:
                events += page
                page = history(before=page[-1]["id"])
            events += [e for e in page if e["id"] > last_before_fuzzing]
            counts = collections.Counter(e["action"] for e in events)
            print("events by action:", ", ".join(f"{action} {n}" for action, n in sorted(counts.items())))
            for action in REQUIRED_EVENTS:
                self.assertGreater(counts[action], 0, f"no {action} event: the fuzzer never got an edit through ({dict(counts)})")
            # The project still opens.
            qualcode(project, "codes")
        finally:
            srv.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
