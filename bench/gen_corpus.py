#!/usr/bin/env python3
"""Generates a seeded, news-like corpus with scraping noise, as text files and as JSON Lines.

Every run with the same --seed and --megabytes writes the same bytes. Documents mix article prose (with
the traps the rules must leave alone: share prices, scores, times, "years ago") and noise lines of the
shapes the built-in rules remove (page stamps, captions with agency credits, footers, counters, layout
labels, widgets, promos, ads, cookie rows, copyright lines).

usage: gen_corpus.py OUTDIR [--megabytes 200] [--seed 42]
writes OUTDIR/corpus.txt (all documents, separated by blank lines), OUTDIR/docs/NNNNNN.txt,
OUTDIR/corpus.jsonl ({"id", "source", "text"} per document)
"""
import argparse
import json
import os
import random

SUBJECTS = ["The minister", "Officials", "The company", "Investors", "The council", "Researchers", "Police",
            "The coach", "Analysts", "The senator", "Residents", "The central bank", "Doctors", "The court",
            "Firefighters", "The union", "Shareholders", "The mayor", "Scientists", "The airline"]
VERBS = ["said", "announced", "warned", "confirmed", "denied", "reported", "argued", "estimated", "noted",
         "told reporters", "wrote in a statement", "predicted"]
CLAUSES = ["that the plan would cost about ${n} million over {k} years",
           "that shares rose {p}% in early trading after the results",
           "that the final score of {a}-{b} surprised nobody in the stadium",
           "that the meeting would start at {h}:{m:02d} a.m. on Tuesday",
           "that the bridge had been closed {k} years ago after a flood",
           "that share prices fell sharply on Monday before recovering",
           "that the vote passed {a} to {b} after a long debate",
           "that the new policy would take effect on March {d}, 2021",
           "that the team had not won at home since {k} years ago",
           "that the ratio of {a}:{b} held through the second quarter",
           "that the photo exhibition would open in the old town hall",
           "that related talks would resume after the holiday",
           "that advertisers had pulled spending from the network",
           "that subscriptions to the service grew by {p}% last year"]
PLACES = ["LONDON", "WASHINGTON", "TOKYO", "PARIS", "NAIROBI", "SYDNEY", "BERLIN", "MUMBAI", "LIMA", "OSLO"]
AGENCIES = ["Reuters", "AP", "AFP"]
NAMES = ["Rick Wilking", "Ann Smith", "Carlos Barria", "Kim Kyung-Hoon", "Maria Golovnina", "Dominic Evans",
         "José García", "Lena Öberg", "Tom Brown", "Priya Nair"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
LABELS = ["narrow-browser-and-phone", "medium-browser-and-portrait-tablet", "landscape-tablet",
          "medium-wide-browser", "wide-browser-and-larger", "above-phone", "portrait-tablet-and-above",
          "landscape-tablet-and-below"]
WIDGETS = ["Share this article", "Advertisement", "Related Coverage", "Sign up for our newsletter",
           "Follow us on Instagram", "Story continues below advertisement", "Most Popular",
           "Terms | Privacy Policy | Cookie Policy", "© 2019 Reuters. All Rights Reserved.", "12 Comments",
           "Image 1 of 5", "You may also like"]


def sentence(rng):
    clause = rng.choice(CLAUSES).format(n=rng.randint(2, 900), k=rng.randint(2, 40), p=rng.randint(1, 30),
                                        a=rng.randint(0, 9), b=rng.randint(0, 9), h=rng.randint(1, 12),
                                        m=rng.choice([0, 15, 30, 45]), d=rng.randint(1, 28))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {clause}."


def paragraph(rng, first=False):
    text = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
    if first:
        text = f"{rng.choice(PLACES)} ({rng.choice(AGENCIES)}) - " + text
    return text


def date(rng):
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2010, 2023)}"


def document(rng):
    parts = []
    if rng.random() < 0.6:
        parts.append(f"{date(rng)} / {rng.randint(1, 12)}:{rng.randint(0, 59):02d} PM / {rng.randint(2, 9)} years ago")
    parts.append(" ".join(w.capitalize() for w in sentence(rng).rstrip(".").split()[:8]))
    parts.append(paragraph(rng, first=True))
    for _ in range(rng.randint(3, 9)):
        roll = rng.random()
        if roll < 0.12:
            parts.append(f"A view of the harbour in {rng.choice(PLACES).title()}, {date(rng)}. REUTERS/{rng.choice(NAMES)}")
        elif roll < 0.25:
            parts.append(rng.choice(WIDGETS))
        parts.append(paragraph(rng))
    if rng.random() < 0.7:
        parts.append(f"Reporting by {rng.choice(NAMES)}; Editing by {rng.choice(NAMES)}")
    if rng.random() < 0.5:
        parts.append("0 : 0\n" + "\n".join("  \u2022 " + label for label in rng.sample(LABELS, rng.randint(3, 8))))
    return "\n\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--megabytes", type=float, default=200)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.outdir, "docs"), exist_ok=True)
    target = int(args.megabytes * 1_000_000)
    written = 0
    index = 0
    with open(os.path.join(args.outdir, "corpus.txt"), "w", encoding="utf-8", newline="") as corpus, \
            open(os.path.join(args.outdir, "corpus.jsonl"), "w", encoding="utf-8", newline="") as jsonl:
        while written < target:
            text = document(rng)
            corpus.write(text + "\n")
            record = {"id": f"doc-{index:07d}", "source": rng.choice(["wire", "web", "archive"]), "text": text}
            jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
            if index < 20000:
                with open(os.path.join(args.outdir, "docs", f"{index:06d}.txt"), "w", encoding="utf-8", newline="") as doc:
                    doc.write(text)
            written += len(text.encode("utf-8")) + 1
            index += 1
    print(f"{index} documents, {written / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
