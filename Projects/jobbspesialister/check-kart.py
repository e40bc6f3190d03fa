#!/usr/bin/env python3
"""Checks kart.tsv, the work map of the jobbspesialister demo study, before it is replayed.

    python3 Projects/jobbspesialister/check-kart.py [kart.tsv]

One action per line, fields separated by tabs; `#` starts a comment line, blank lines are skipped.
The actions and their fields are listed in README.md (and in ACTIONS below). The checker reports, one
line each with the kart.tsv line number:

- an unknown action, a wrong number of fields, an empty field where one is required, or an empty
  field followed by a filled one (the replay reads lines with bash `read` and IFS=tab, which runs
  consecutive tabs together, so only trailing fields may be left empty);
- a name used before it is defined (steps, actions, actors, texts, clauses, disjunctures, terms,
  the problematic), or defined twice (names compare ignoring case, as the work map does);
- a node name with «/» or longer than 40 characters, a text name or clause label with «:» or «;»
  (they separate TEXT:LABEL and the clause list of a disjuncture);
- an unknown text kind, link kind, disjuncture kind or locality, a link whose ends are not of the
  kinds the link joins (the rules of WorkMapping's MapLinkKind.ends), a link from a node to itself,
  a precedes or regulates chain that goes round in a circle, or a part-of link to another step than
  the action's own;
- a quote of 8-40 words that is not, character for character, in the named transcript exactly once,
  inside one turn of the informant (never the interviewer's), as the importer reads the turns:
  `Name: text` lines in .txt/.md (an unlabelled line continues the turn above), merged same-speaker
  cues in .vtt/.srt;
- a step or disjuncture without evidence, and fewer than four transcripts with an answer to each of
  the four standing questions.

Exits 1 after listing every problem, else prints a summary and exits 0. Standard library only.
"""
import csv
import difflib
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

# action -> (field names, how many of them are required: the rest may be left empty, trailing only)
ACTIONS = {
    "standpoint": (["text"], 1),
    "problematic": (["statement"], 1),
    "problematic-revise": (["statement"], 1),
    "actor": (["name", "role", "institution", "locality"], 4),
    "step": (["name", "description", "order"], 3),
    "action": (["name", "step"], 2),
    "text": (["name", "kind", "step-or-process", "issuer", "version"], 3),
    "clause": (["text", "label", "excerpt", "metric", "value", "unit"], 3),
    "link": (["kind", "from", "to"], 3),
    "evidence": (["node", "transcript", "quote"], 3),
    "link-evidence": (["kind", "from", "to", "transcript", "quote"], 5),
    "clause-evidence": (["node", "text", "label"], 3),
    "disjuncture": (["name", "kind", "step", "clauses", "note"], 5),
    "term": (["term", "follow-up"], 2),
    "unpacked": (["term", "definition"], 2),
    "answer": (["question", "transcript", "text"], 3),
}

TEXT_KINDS = {"law", "boss-text", "method", "quality-tool", "form", "plan", "system", "target"}
DISJUNCTURE_KINDS = {"text-practice", "text-text", "text-context"}
NODE_KINDS = {"step", "action", "actor", "text", "disjuncture"}
# MapLinkKind.ends in Sources/WorkMapping/Model.swift: which kinds each link may go from and to.
LINK_ENDS = {
    "precedes": ({"step"}, {"step"}),
    "part-of": ({"action"}, {"step"}),
    "performs": ({"actor"}, {"action"}),
    "uses": ({"action", "step"}, {"text"}),
    "produces": ({"action", "step"}, {"text"}),
    "governs": ({"text"}, {"step", "action"}),
    "regulates": ({"text"}, {"text"}),
    "coordinates-with": ({"action"}, {"action"}),
    "reports-to": ({"action", "actor"}, {"actor"}),
}
ACYCLIC = {"precedes", "regulates"}
INTERVIEWER_LABELS = {"i", "int", "intervjuer", "interviewer", "moderator", "mod", "forsker", "researcher", "q"}
MAX_NODE_NAME = 40
MAX_NAME = 200  # NameRules.maximumLength
QUOTE_WORDS = (8, 40)
QUESTIONS = 4
MIN_ANSWERED_TRANSCRIPTS = 4


def fold(name):
    """How the work map compares names: precomposed, Unicode lower case."""
    return unicodedata.normalize("NFC", name).lower()


# ---------------------------------------------------------------- transcripts, read as the importer does

def is_label(label):
    if not label or not (label[0].isalpha() or label[0].isdigit()):
        return False
    if len(label.split(" ")) > 3 or len(label) > 40:
        return False
    return all(ch.isalpha() or ch.isdigit() or ch in " .-'" for ch in label)


def line_label(line):
    """(label, offset of the words) for a `Name: ` or `**N:**` line, as SpeakerTurns.label reads it."""
    i, limit, bold = 0, min(len(line), 48), False
    if i + 1 < limit and line[i] in "*_" and line[i + 1] == line[i]:
        bold, i = True, 2
    start = i
    while i < limit and line[i] != ":":
        i += 1
    if not (i < limit and i > start):
        return None
    end = i
    if bold and end - start > 2 and line[end - 1] in "*_":
        end -= 2
    label = line[start:end]
    if not is_label(label):
        return None
    i += 1
    if bold and i + 1 < len(line) and line[i] in "*_":
        i += 2
    if not (i < len(line) and line[i] in " \t"):
        return None
    while i < len(line) and line[i] in " \t":
        i += 1
    if i >= len(line):
        return None
    return label, i


def plain_turns(text, known_names):
    """Turns of a plain-text or Markdown transcript: [(speaker, start, end)] into `text`."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    found = [(n, line_label(raw)) for n, (_, raw) in enumerate(lines)]
    counts = Counter(f[1][0] for f in found if f[1])
    turns = []
    for n, label in found:
        start, raw = lines[n]
        if label and (label[0].lower() in known_names or label[0].lower() in INTERVIEWER_LABELS or counts[label[0]] >= 2):
            turns.append([label[0], start + label[1], start + len(raw)])
        elif turns and raw and not raw.startswith("#"):
            turns[-1][2] = start + len(raw)
    return [tuple(t) for t in turns if t[2] > t[1]]


def subtitle_turns(text, fmt):
    """Text and turns of a .vtt or .srt file: cues merged by speaker, `Speaker: words` lines."""
    lines = text.split("\n")
    i = 0
    if fmt == "vtt":
        if not lines or not lines[0].startswith("WEBVTT"):
            raise ValueError("no WEBVTT header")
        i = 1
        while i < len(lines) and lines[i].strip():
            i += 1
    cues = []
    while i < len(lines):
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i >= len(lines):
            break
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        if fmt == "vtt" and block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing = 0 if "-->" in block[0] else 1
        payload = " ".join(block[timing + 1:])
        speaker = None
        m = re.match(r"\s*<v(?:\.[^ >]*)? ([^>]+)>(.*)$", payload) if fmt == "vtt" else None
        if m:
            speaker, payload = m.group(1).strip(), m.group(2)
        words = re.sub(r"<[^>]*>", "", payload).strip()
        if speaker is None:
            m = re.match(r"([^\W\d][\w .'-]{0,39}): (.*)$", words)
            if m and len(m.group(1).split(" ")) <= 3:
                speaker, words = m.group(1), m.group(2).strip()
        if words:
            cues.append([speaker, words])
    merged = []
    for cue in cues:
        if merged and merged[-1][0] is not None and merged[-1][0] == cue[0]:
            merged[-1][1] += " " + cue[1]
        else:
            merged.append(cue)
    out, turns = "", []
    for n, (speaker, words) in enumerate(merged):
        if n:
            out += "\n"
        words = unicodedata.normalize("NFC", words)
        if speaker:
            out += speaker + ": "
            turns.append((speaker, len(out), len(out) + len(words)))
        out += words
    return out, turns


class Transcript:
    def __init__(self, path, known_names):
        self.path = path
        raw = open(path, encoding="utf-8-sig").read().replace("\r\n", "\n")
        ext = path.rsplit(".", 1)[-1].lower()
        if ext in ("vtt", "srt"):
            self.text, self.turns = subtitle_turns(raw, ext)
        else:
            self.text = unicodedata.normalize("NFC", raw)
            self.turns = plain_turns(self.text, known_names)

    def where(self, quote):
        """None when the quote is where it should be, else what is wrong."""
        hits = [m.start() for m in re.finditer(re.escape(quote), self.text)]
        if not hits:
            near = max(self.text.split("\n"), key=lambda line: longest_common(line, quote))
            return "quote not found; the nearest line starts «%s»" % near[:70]
        if len(hits) > 1:
            return "quote occurs %d times in the transcript (it must be unique)" % len(hits)
        start, end = hits[0], hits[0] + len(quote)
        for speaker, s, e in self.turns:
            if s <= start and end <= e:
                if speaker.lower() in INTERVIEWER_LABELS:
                    return "quote is in the interviewer's turn, not the informant's"
                return None
        return "quote is not inside one speaker turn"


def longest_common(line, quote):
    """Length of the longest run of characters the line and the quote share."""
    m = difflib.SequenceMatcher(None, line, quote, autojunk=False)
    return m.find_longest_match(0, len(line), 0, len(quote)).size


def load_transcripts(folder):
    names = set()
    table = os.path.join(folder, "deltakere.csv")
    if os.path.exists(table):
        with open(table, encoding="utf-8-sig", newline="") as f:
            names = {fold(row["pseudonym"]) for row in csv.DictReader(f)}
    out = {}
    for file in sorted(os.listdir(folder)):
        m = re.match(r"intervju-(.+)\.(txt|md|vtt|srt)$", file)
        if m:
            out[m.group(1).lower()] = Transcript(os.path.join(folder, file), names)
    return out


# ---------------------------------------------------------------- the map


def main(argv):
    path = argv[1] if len(argv) > 1 else os.path.join(HERE, "kart.tsv")
    folder = os.path.dirname(os.path.abspath(path))
    transcripts = load_transcripts(folder)
    errors = []

    def err(n, message):
        errors.append((n, "%s:%d: %s" % (os.path.basename(path), n, message)))

    counts = Counter()
    nodes = {kind: {} for kind in NODE_KINDS}  # kind -> folded name -> (name, line)
    action_step = {}  # folded action -> folded step
    clauses = {}  # (folded text, folded label) -> line
    terms = {}
    problematic = 0
    links = set()
    graph = {kind: defaultdict(set) for kind in ACYCLIC}
    evidence = defaultdict(set)  # (kind, folded name) -> transcripts
    answers = defaultdict(set)  # transcript -> question numbers
    step_order = []

    def define(n, kind, name):
        if not name:
            return err(n, "empty %s name" % kind)
        if "/" in name:
            err(n, "%s name «%s» has a «/» (a node's name is also its code's)" % (kind, name))
        if len(name) > MAX_NODE_NAME:
            err(n, "%s name «%s» is %d characters, more than %d for a map box" % (kind, name, len(name), MAX_NODE_NAME))
        if fold(name) in nodes[kind]:
            err(n, "%s «%s» is already defined on line %d" % (kind, name, nodes[kind][fold(name)][1]))
        else:
            nodes[kind][fold(name)] = (name, n)

    def known(n, kind, name):
        if kind not in NODE_KINDS:
            err(n, "«%s» is not a node kind (step, action, actor, text, disjuncture)" % kind)
            return False
        if fold(name) not in nodes[kind]:
            err(n, "%s «%s» is not defined on an earlier line" % (kind, name))
            return False
        return True

    def node_ref(n, ref, allowed=NODE_KINDS):
        """`kind:name` -> (kind, folded name) or None."""
        if ":" not in ref:
            err(n, "«%s» is not kind:name" % ref)
            return None
        kind, name = ref.split(":", 1)
        if kind not in allowed:
            err(n, "«%s»: %s is not allowed here (%s)" % (ref, kind, ", ".join(sorted(allowed))))
            return None
        return (kind, fold(name)) if known(n, kind, name) else None

    def clause_ref(n, ref):
        if ref.count(":") != 1:
            err(n, "«%s» is not TEXT:LABEL" % ref)
            return None
        text, label = ref.split(":")
        if not known(n, "text", text):
            return None
        if (fold(text), fold(label)) not in clauses:
            err(n, "clause «%s» of text «%s» is not defined on an earlier line" % (label, text))
            return None
        return fold(text), fold(label)

    def quote(n, transcript, q):
        t = transcripts.get(transcript)
        if t is None:
            err(n, "no transcript «%s» (known: %s)" % (transcript, ", ".join(sorted(transcripts))))
            return False
        words = len(q.split())
        if not QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1]:
            err(n, "quote has %d words, not %d-%d" % (words, *QUOTE_WORDS))
        if q != q.strip():
            err(n, "quote starts or ends with white space")
        problem = t.where(unicodedata.normalize("NFC", q))
        if problem:
            err(n, "%s: %s" % (transcript, problem))
            return False
        return True

    def path_exists(kind, start, goal):
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            for nxt in graph[kind][node]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines, 1):
        if "\r" in line:
            err(n, "carriage return in the line (write LF line endings)")
            line = line.replace("\r", "")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        action, *fields = line.split("\t")
        if action not in ACTIONS:
            err(n, "unknown action «%s»" % action)
            continue
        names, required = ACTIONS[action]
        if len(fields) > len(names) or len(fields) < required:
            err(n, "%s takes %s fields (%s), found %d" % (action, required if required == len(names) else "%d-%d" % (required, len(names)),
                                                          ", ".join(names), len(fields)))
            continue
        fields += [""] * (len(names) - len(fields))
        if any(v != v.strip() for v in fields):
            err(n, "a field starts or ends with white space")
            fields = [v.strip() for v in fields]
        if any(not v for v in fields[:required]):
            err(n, "%s: required field «%s» is empty" % (action, names[[bool(v) for v in fields].index(False)]))
            continue
        filled = [bool(v) for v in fields]
        if any(not a and b for a, b in zip(filled, filled[1:])):
            err(n, "an empty field is followed by a filled one (only trailing fields may be empty)")
        for v in fields:
            if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cf") for ch in v):
                err(n, "control or invisible character in a field")
        counts[action] += 1
        a = dict(zip(names, fields))

        if action == "standpoint":
            if len(a["text"]) > MAX_NAME:
                err(n, "standpoint longer than %d characters" % MAX_NAME)
        elif action == "problematic":
            problematic += 1
        elif action == "problematic-revise":
            if not problematic:
                err(n, "problematic-revise before any problematic")
            problematic += 1
        elif action == "actor":
            define(n, "actor", a["name"])
            if a["locality"] not in ("local", "translocal"):
                err(n, "locality «%s» is not local or translocal" % a["locality"])
        elif action == "step":
            define(n, "step", a["name"])
            step_order.append(fold(a["name"]))
            if a["order"] not in ("fixed", "not-fixed"):
                err(n, "order «%s» is not fixed or not-fixed" % a["order"])
        elif action == "action":
            if known(n, "step", a["step"]):
                if fold(a["name"]) in nodes["action"]:
                    err(n, "action «%s» is already defined on line %d (action names are unique over the map, so action:NAME is one)"
                        % (a["name"], nodes["action"][fold(a["name"])][1]))
                else:
                    define(n, "action", a["name"])
                    action_step[fold(a["name"])] = fold(a["step"])
        elif action == "text":
            define(n, "text", a["name"])
            if any(c in a["name"] for c in ":;"):
                err(n, "text name «%s» has «:» or «;» (they separate clause references)" % a["name"])
            if a["kind"] not in TEXT_KINDS:
                err(n, "text kind «%s» is not one of %s" % (a["kind"], ", ".join(sorted(TEXT_KINDS))))
            if a["step-or-process"] != "process":
                known(n, "step", a["step-or-process"])
        elif action == "clause":
            if known(n, "text", a["text"]):
                key = (fold(a["text"]), fold(a["label"]))
                if any(c in a["label"] for c in ":;"):
                    err(n, "clause label «%s» has «:» or «;»" % a["label"])
                if len(a["label"]) > MAX_NAME:
                    err(n, "clause label longer than %d characters" % MAX_NAME)
                if key in clauses:
                    err(n, "clause «%s» of «%s» is already defined on line %d" % (a["label"], a["text"], clauses[key]))
                clauses[key] = n
            if a["value"]:
                try:
                    float(a["value"])
                except ValueError:
                    err(n, "value «%s» is not a number (write 6.5, not 6,5)" % a["value"])
        elif action in ("link", "link-evidence"):
            kind = a["kind"]
            if kind not in LINK_ENDS:
                err(n, "link kind «%s» is not one of %s" % (kind, ", ".join(sorted(LINK_ENDS))))
                continue
            ends = LINK_ENDS[kind]
            src = node_ref(n, a["from"], ends[0])
            dst = node_ref(n, a["to"], ends[1])
            if not (src and dst):
                continue
            if action == "link-evidence":
                if (kind, src, dst) not in links:
                    err(n, "no link %s %s → %s on an earlier line" % (kind, a["from"], a["to"]))
                elif quote(n, a["transcript"].lower(), a["quote"]):
                    evidence[("link", kind, src, dst)].add(a["transcript"].lower())
                continue
            if src == dst:
                err(n, "a %s link from «%s» to itself" % (kind, a["from"]))
                continue
            if kind == "part-of" and action_step.get(src[1]) != dst[1]:
                err(n, "action «%s» is part of another step than «%s»" % (a["from"], a["to"]))
            if kind in ACYCLIC:
                if path_exists(kind, dst, src):
                    err(n, "%s would go round in a circle: %s → %s → … → %s" % (kind, a["from"], a["to"], a["from"]))
                    continue
                graph[kind][src].add(dst)
            if kind == "precedes" and step_order.index(src[1]) > step_order.index(dst[1]):
                err(n, "step «%s» precedes «%s», against the order the steps were added in" % (a["from"], a["to"]))
            links.add((kind, src, dst))
        elif action == "evidence":
            ref = node_ref(n, a["node"])
            if ref and quote(n, a["transcript"].lower(), a["quote"]):
                evidence[ref].add(a["transcript"].lower())
        elif action == "clause-evidence":
            ref = node_ref(n, a["node"])
            c = clause_ref(n, "%s:%s" % (a["text"], a["label"]))
            if ref and c:
                evidence[("clause-backed",) + ref].add(c)
        elif action == "disjuncture":
            define(n, "disjuncture", a["name"])
            if a["kind"] not in DISJUNCTURE_KINDS:
                err(n, "disjuncture kind «%s» is not one of %s" % (a["kind"], ", ".join(sorted(DISJUNCTURE_KINDS))))
            known(n, "step", a["step"])
            refs = [r.strip() for r in a["clauses"].split(";")]
            if any(not r for r in refs):
                err(n, "empty clause reference in «%s»" % a["clauses"])
            for r in refs:
                if r:
                    clause_ref(n, r)
            if not problematic:
                err(n, "disjuncture before any problematic (it is tied to the latest)")
        elif action == "term":
            if fold(a["term"]) in terms:
                err(n, "term «%s» is already defined on line %d" % (a["term"], terms[fold(a["term"])]))
            terms[fold(a["term"])] = n
        elif action == "unpacked":
            if fold(a["term"]) not in terms:
                err(n, "term «%s» is not defined on an earlier line" % a["term"])
        elif action == "answer":
            if not re.fullmatch(r"[1-9]", a["question"]) or not 1 <= int(a["question"]) <= QUESTIONS:
                err(n, "question «%s» is not 1-%d" % (a["question"], QUESTIONS))
            elif a["transcript"].lower() not in transcripts:
                err(n, "no transcript «%s»" % a["transcript"])
            else:
                answers[a["transcript"].lower()].add(int(a["question"]))

    for kind in ("step", "disjuncture"):
        for key, (name, line) in nodes[kind].items():
            if not evidence[(kind, key)]:
                err(line, "%s «%s» has no evidence from a transcript" % (kind, name))
    complete = sorted(t for t, qs in answers.items() if len(qs) == QUESTIONS)
    if len(complete) < MIN_ANSWERED_TRANSCRIPTS:
        err(len(lines), "only %d transcripts have answers to all %d questions (%s); at least %d are wanted"
            % (len(complete), QUESTIONS, ", ".join(complete) or "none", MIN_ANSWERED_TRANSCRIPTS))
    if not counts["standpoint"]:
        err(len(lines), "no standpoint")

    if errors:
        for _, e in sorted(errors, key=lambda e: e[0]):
            print(e)
        print("%d problem(s) in %s" % (len(errors), os.path.relpath(path)), file=sys.stderr)
        return 1

    print("%s: OK, %d actions on %d lines" % (os.path.relpath(path), sum(counts.values()), len(lines)))
    print("  " + " · ".join("%s %d" % (k, counts[k]) for k in ACTIONS if counts[k]))
    print("  informants per step:")
    for key in step_order:
        who = sorted(evidence[("step", key)])
        print("    %-34s %d (%s)" % (nodes["step"][key][0], len(who), ", ".join(who)))
    for kind in ("action", "text", "actor"):
        missing = [name for key, (name, _) in nodes[kind].items() if not evidence[(kind, key)]]
        backed = len(nodes[kind]) - len(missing)
        print("  %ss with evidence: %d of %d%s" % (kind, backed, len(nodes[kind]), ("; without: " + ", ".join(missing)) if missing else ""))
    per_transcript = Counter()
    for line in lines:
        parts = line.split("\t")
        if parts[0] == "evidence" and len(parts) == 4:
            per_transcript[parts[2].lower()] += 1
        elif parts[0] == "link-evidence" and len(parts) == 6:
            per_transcript[parts[4].lower()] += 1
    print("  quotes per transcript: " + ", ".join("%s %d" % (t, per_transcript[t]) for t in sorted(transcripts)))
    print("  transcripts with all %d questions answered: %s" % (QUESTIONS, ", ".join(complete)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
