#!/usr/bin/env python3
"""Generates the bundled `suggest` example: a seeded JSON Lines corpus of four synthetic news sites, each
with its own boilerplate lines (follow prompts, counters, app and subscription promos, bylines, footers,
dated mastheads) mixed into varied prose, and the answer key.

The prose carries the traps a suggester must leave alone: sentences that repeat across many documents
("He declined to comment."), subheads, headlines, sentences with numbers, dates and names, and lines that
start like a site's boilerplate ("Follow the money, ..."). A few lines of noise the built-in rules already
remove ("Advertisement", "Share this article") are mixed in too.

Every run with the same --seed writes the same bytes.

usage: gen_suggest_corpus.py [OUTDIR] [--seed 8] [--documents 50]
writes OUTDIR/corpus.jsonl ({"id", "site", "text"} per document) and OUTDIR/boilerplate.txt (every
boilerplate line that occurs, one a line, sorted: what applying the suggested rules must remove; every
other non-blank line is prose that must stay). OUTDIR defaults to Fixtures/suggest.
"""
import argparse
import json
import os
import random
import sys

# The prose vocabulary of the benchmark corpus, so that both speak alike.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from gen_corpus import MONTHS, SUBJECTS, VERBS  # noqa: E402

CLAUSES = ["that the plan would cost about ${n} million over {k} years",
           "that shares rose {p}% in early trading after the results",
           "that the final score of {a}-{b} surprised nobody in the stadium",
           "that the meeting would start at {h}:{m:02d} a.m. on Tuesday",
           "that the bridge had been closed {k} years ago after a flood",
           "that the vote passed {a} to {b} after a long debate",
           "that the new policy would take effect on March {d}, 2021",
           "that comments on the proposal would close in {k} days",
           "that the app had been downloaded {n} thousand times",
           "that subscriptions to the service grew by {p}% last year",
           "that nobody would follow the old rules after {month}",
           "that the copyright dispute would go to trial in {month}",
           "that {name} would lead the review from {month}"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NAMES = ["Ann Smith", "Carlos Barria", "Maria Golovnina", "Dominic Evans", "José García", "Lena Öberg",
         "Tom Brown", "Priya Nair", "Kofi Mensah", "Yuki Tanaka"]
REPEATED_PROSE = ["He declined to comment.", "The company did not respond to a request for comment.",
                  "The investigation is ongoing.", "She said she was hopeful about the outcome.",
                  "Follow the money, investigators say.", "Police said no one was hurt."]
SUBHEADS = ["What comes next", "A long road", "Why it matters", "The numbers", "Looking ahead", "Mixed signals",
            "A divided council", "Behind the scenes", "The cost of waiting", "An old rivalry", "Early warnings",
            "The view from the street", "Questions remain", "A second chance", "Lessons learned",
            "Counting the votes", "The fine print", "Rising tensions", "Room to grow", "A quiet deal",
            "On the ground", "Voices from the crowd", "The bigger picture", "Under pressure", "A new plan"]
HEADLINE_NOUNS = ["budget", "bridge", "election", "stadium", "harbour", "airport", "school board", "museum",
                  "water supply", "housing plan", "rail line", "festival", "trade deal", "hospital"]
HEADLINE_VERBS = ["delays", "approves", "rejects", "reviews", "defends", "questions", "expands", "cuts"]
BUILTIN_NOISE = ["Advertisement", "Share this article"]


def sentence(rng):
    clause = rng.choice(CLAUSES).format(
        n=rng.randint(2, 900), k=rng.randint(2, 40), p=rng.randint(1, 30), a=rng.randint(0, 9),
        b=rng.randint(0, 9), h=rng.randint(1, 12), m=rng.choice([0, 15, 30, 45]), d=rng.randint(1, 28),
        month=rng.choice(MONTHS), name=rng.choice(NAMES))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {clause}."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))


def headline(rng):
    subject = rng.choice(SUBJECTS).replace("The ", "")
    return f"{subject[0].upper() + subject[1:]} {rng.choice(HEADLINE_VERBS)} {rng.choice(HEADLINE_NOUNS)} " \
           f"after {rng.randint(2, 40)}-{rng.choice(['day', 'week', 'month'])} {rng.choice(['review', 'delay', 'dispute', 'study'])}"


def dated(rng):
    return rng.choice(WEEKDAYS), rng.choice(MONTHS), rng.randint(1, 28), rng.choice([2019, 2020])


# Each site: boilerplate generators with the share of documents that carry them, placed at the top,
# in the middle or at the bottom of a document.
SITES = {
    "wxyz-news.example": [
        ("top", 0.9, lambda r: "WXYZ News | {}, {} {}, {}".format(*dated(r))),
        ("top", 0.8, lambda r: f"Follow WXYZ News on {r.choice(['Twitter', 'Facebook', 'Instagram'])}"),
        ("middle", 0.5, lambda r: "Download the WXYZ News app"),
        ("bottom", 0.7, lambda r: f"{r.randint(0, 300)} Comments"),
        ("bottom", 0.9, lambda r: "Copyright 2020 WXYZ Broadcasting Company"),
    ],
    "harbor-gazette.example": [
        ("top", 0.6, lambda r: f"Gazette Insider: {r.randint(1, 9)} free articles left this month"),
        ("middle", 0.5, lambda r: "Story continues after the gallery"),
        ("bottom", 0.8, lambda r: "Have a news tip? Email newsroom@harborgazette.example"),
        ("bottom", 0.7, lambda r: "The Harbor Gazette (c) 2019 [all rights reserved]"),
    ],
    "metro-ledger.example": [
        ("top", 0.9, lambda r: f"Ledger reporter {r.choice(NAMES[:5])}"),
        ("middle", 0.4, lambda r: "Subscribe to the Ledger for $1 a week"),
        ("bottom", 0.8, lambda r: "Metro Ledger Daily Briefing * Sign up *"),
        ("bottom", 0.6, lambda r: "Updated {}/{}/{} {}:{:02d} ET".format(r.randint(1, 12), r.randint(1, 28), 2020, r.randint(1, 12), r.randint(0, 59))),
    ],
    "valley-sports.example": [
        ("top", 0.85, lambda r: "Valley Sports Wire \u2014 {} {}".format(r.choice(MONTHS), r.randint(1, 28))),
        ("middle", 0.5, lambda r: "Listen to the Valley Sports podcast"),
        ("bottom", 0.75, lambda r: "Tickets + schedules: valleysports.example/tickets"),
        ("bottom", 0.6, lambda r: f"Photos ({r.randint(2, 24)})"),
    ],
}


def document(rng, site):
    boiler = {"top": [], "middle": [], "bottom": []}
    for place, share, make in SITES[site]:
        if rng.random() < share:
            boiler[place].append(make(rng))
    body = [paragraph(rng) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.4:
        body.insert(rng.randint(1, len(body)), rng.choice(SUBHEADS))
    if rng.random() < 0.35:
        body.insert(rng.randint(1, len(body)), rng.choice(REPEATED_PROSE))
    for line in boiler["middle"] + ([rng.choice(BUILTIN_NOISE)] if rng.random() < 0.3 else []):
        body.insert(rng.randint(1, len(body)), line)
    lines = boiler["top"] + [headline(rng), ""] + [p + "\n" for p in body] + boiler["bottom"]
    noise = boiler["top"] + boiler["middle"] + boiler["bottom"] + [l for l in body if l in BUILTIN_NOISE]
    return "\n".join(lines).rstrip("\n") + "\n", noise


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "Fixtures", "suggest"))
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--documents", type=int, default=50, help="documents per site")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    noise = set()
    with open(os.path.join(args.outdir, "corpus.jsonl"), "w", encoding="utf-8", newline="") as out:
        for index in range(args.documents * len(SITES)):
            site = sorted(SITES)[index % len(SITES)]
            text, lines = document(rng, site)
            noise.update(lines)
            out.write(json.dumps({"id": f"doc-{index:04d}", "site": site, "text": text}, ensure_ascii=False) + "\n")
    with open(os.path.join(args.outdir, "boilerplate.txt"), "w", encoding="utf-8", newline="") as out:
        out.write("".join(line + "\n" for line in sorted(noise)))


if __name__ == "__main__":
    main()
