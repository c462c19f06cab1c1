#!/usr/bin/env python3
"""Writes models/wordfreq/en-zipf.txt: how common each everyday English word is.

The engine uses it to tell generic words ("dad", "week", "together": personal context and
filler, which should not count against an answer) from topic words the FAQ never covers
("migraine", "warfarin": which should). Each line is `word zipf`, most frequent first, for
the plain a-z/0-9 words whose Zipf frequency (log10 of uses per billion words) in
wordfreq's English data is at least MIN_ZIPF; rarer words are treated as topic words.

Reproducible offline from the PyPI package pinned below (no hub, no network once it is
installed):  pip install wordfreq==3.1.1 && scripts/build_word_frequencies.py
"""
import os, re

import wordfreq

MIN_ZIPF = 3.5
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models/wordfreq/en-zipf.txt")


def main():
    rows = []
    for word in wordfreq.top_n_list("en", 100_000):
        z = wordfreq.zipf_frequency(word, "en")
        if z < MIN_ZIPF:
            break
        if re.fullmatch(r"[a-z0-9]+", word):
            rows.append(f"{word} {z:.2f}")
    with open(OUT, "w") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows)} words to {OUT}")


if __name__ == "__main__":
    main()
