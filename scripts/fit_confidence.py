#!/usr/bin/env python3
"""Fits the engine's confidence (config/confidence.toml) and reports it cross-validated.

The engine ranks candidates by `blend * lexical + (1 - blend) * semantic` and decides with
a logistic regression over the evidence of the top candidate (engine::Evidence). This
script asks the engine for that evidence (`cargo run --release --example
confidence_evidence`), on:
  - question sets (JSON lines with "q", "expect" and either "any_of" article phrases or
    "entries" ids), by default the shared eval sets and tests/fixtures/*-questions.jsonl
    (not the out-of-scope probes, kept out of the fit as a check on it);
  - every alternate phrasing of every entry, asked with that phrasing taken out of the
    knowledge (leave-one-out), as new wordings of known questions.
Then, by k-fold cross-validation (folds keep an entry's left-out phrasings together), it
chooses the blend, fits the weights and the answer threshold on k-1 folds and scores the
held-out fold, and reports those held-out figures, averaged over several random splits.
Finally it fits on everything and, with --write, writes config/confidence.toml.

Pure Python 3.11, no packages: the data are a few hundred rows of seven numbers.

Usage: scripts/fit_confidence.py [--write] [--folds K] [--shuffles N] [QUESTIONS.jsonl ...]
"""
import argparse, json, math, random, re, subprocess, sys, os
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLENDS = [0.5, 0.6, 0.7, 0.8]
# A wrong answer costs this many right ones: a wrong confident answer is worse than "I
# don't have that in the FAQ".
WRONG_ANSWER_COST = 2.2
L2 = 0.01
SEED = 7


def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", s).strip().lower()


def evidence(blend, files):
    """The engine's evidence for every question and left-out phrasing, at one blend."""
    cmd = ["cargo", "run", "--quiet", "--release", "--example", "confidence_evidence", "--", "--blend", str(blend)]
    rows = []
    for args in (files, ["--leave-one-out"]):
        out = subprocess.run(cmd + args, cwd=ROOT, capture_output=True, text=True, check=True)
        rows += [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return rows


def label(record):
    """(kind expected, group for folds, is candidate c a right answer?) for one record."""
    src = record["source"]
    if src["file"] == "leave-one-out":
        own = next(c["passage"] for c in record["candidates"] if c["id"] == src["entry"]) if any(
            c["id"] == src["entry"] for c in record["candidates"]) else None
        right = lambda c: c["id"] == src["entry"] or (own is not None and c["passage"] == own)
        return "answer", "entry:" + src["entry"], right
    row = src["row"]
    expect = row["expect"]
    if "any_of" in row:
        phrases = [norm(p) for p in row["any_of"]]
        right = lambda c: bool(c["passage"]) and any(p in norm(c["passage"]) for p in phrases)
    else:
        ids = set(row.get("entries", []))
        right = lambda c: c["id"] in ids
    return expect, "q:" + record["q"], right


def examples(records):
    """One example per question triage lets through: the top candidate's features, whether
    it is a right answer, and what was expected."""
    out = []
    for r in records:
        expect, group, right = label(r)
        if expect == "urgent" or r["kind"] == "urgent":
            continue
        # Questions the engine declines before weighing (small talk, not one known word)
        # have no candidates: they are reported, not fitted.
        top = r["candidates"][0] if r["candidates"] else None
        # A not-covered topic, or a match on everyday words alone that is far in meaning,
        # is declined whatever the confidence says.
        declined = top is None or top["not_covered"] or top.get("coincidental", False)
        is_right = not declined and expect == "answer" and right(top)
        out.append(dict(x=top["features"] if top else None, y=1.0 if is_right else 0.0,
                        expect=expect, right=is_right, nc=declined,
                        group=group, file=r["source"]["file"], q=r["q"], gated=top is None))
    return out


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit(data, iterations=25):
    """L2-regularised logistic regression by Newton's method (a few hundred rows of seven
    features: exact, and fast enough in plain Python)."""
    n = len(data[0]["x"]) + 1
    w = [0.0] * n
    rows = [[1.0] + list(d["x"]) for d in data]
    for _ in range(iterations):
        g = [L2 * w[j] * len(rows) if j else 0.0 for j in range(n)]
        h = [[(L2 * len(rows) if i == j and i else 0.0) for j in range(n)] for i in range(n)]
        for x, d in zip(rows, data):
            p = sigmoid(sum(wi * xi for wi, xi in zip(w, x)))
            e, s = p - d["y"], max(p * (1 - p), 1e-9)
            for i in range(n):
                g[i] += e * x[i]
                hi = h[i]
                for j in range(n):
                    hi[j] += s * x[i] * x[j]
        step = solve(h, g)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(si) for si in step) < 1e-7:
            break
    return w


def solve(a, b):
    """a x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def prob(w, x):
    if x is None:
        return 0.0
    return sigmoid(w[0] + sum(wi * xi for wi, xi in zip(w[1:], x)))


def outcome(d, p, answer_at, suggest_at):
    """What the patient gets for one example at the given thresholds."""
    if d["nc"] or p < suggest_at:
        return "declined" if d["expect"] == "answer" else "right"
    if p < answer_at:
        return "suggestions"
    if d["expect"] == "answer":
        return "right" if d["right"] else "wrong answer"
    return "wrong answer"


# Suggestions are a half-way house: a small help when the right answer is offered first, and
# wrong (the eval sets count them so) for a question the FAQ does not cover.
def value(d, o):
    if o == "right":
        return 1.0
    if o == "wrong answer":
        return -WRONG_ANSWER_COST
    if o == "suggestions":
        return 0.5 if d["right"] else -1.0
    return 0.0


def utility(data, probs, answer_at, suggest_at):
    return sum(value(d, outcome(d, p, answer_at, suggest_at)) for d, p in zip(data, probs))


def choose(by_blend, train_groups):
    """Blend, weights and thresholds that do best on the training groups."""
    best = None
    grid = [i / 100 for i in range(30, 96)]
    for blend, data in by_blend.items():
        train = [d for d in data if d["group"] in train_groups and not d["gated"]]
        w = fit(train)
        probs = [prob(w, d["x"]) for d in train]
        for t in grid:
            for st in [x for x in grid if x <= t][::-1][:30]:
                u = utility(train, probs, t, st)
                if best is None or u > best[0]:
                    best = (u, blend, w, t, st)
    return best[1:]


def report(title, data, outcomes):
    print(title)
    for f, counts in sorted(counts_by_file(data, outcomes).items()):
        n = sum(counts.values())
        right = sum(v for (e, o), v in counts.items() if o == "right")
        parts = ", ".join(f"{e} {o}: {v}" for (e, o), v in sorted(counts.items()))
        print(f"  {os.path.basename(f)}: {right}/{n} right ({parts})")


def counts_by_file(data, outcomes):
    by_file = defaultdict(lambda: defaultdict(int))
    for d, o in zip(data, outcomes):
        by_file[d["file"]][(d["expect"], o)] += 1
    return by_file


def report_repeated(title, runs):
    """`report` for several cross-validation runs: mean counts, and the range of right."""
    print(title)
    per_run = [counts_by_file(data, outcomes) for data, outcomes in runs]
    for f in sorted(per_run[0]):
        rights = [sum(v for (e, o), v in r[f].items() if o == "right") for r in per_run]
        n = sum(per_run[0][f].values())
        keys = sorted({k for r in per_run for k in r[f]})
        parts = ", ".join(f"{e} {o}: {sum(r[f][(e, o)] for r in per_run) / len(runs):.1f}"
                          for e, o in keys)
        print(f"  {os.path.basename(f)}: {sum(rights) / len(runs):.1f}/{n} right "
              f"[{min(rights)}-{max(rights)}] ({parts})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="write config/confidence.toml")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--shuffles", type=int, default=5,
                    help="how many random splits into folds to average over")
    ap.add_argument("--blends", default=",".join(map(str, BLENDS)),
                    help="the blends to try, comma-separated (fewer is faster)")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or [os.path.join(ROOT, "../shared/eval/dev-questions.jsonl"),
                           os.path.join(ROOT, "../shared/eval/realistic-questions.jsonl")] + sorted(
        os.path.join(ROOT, "tests/fixtures", f) for f in os.listdir(os.path.join(ROOT, "tests/fixtures"))
        if f.endswith("-questions.jsonl"))
    files = [f for f in files if os.path.exists(f)]
    blends = [float(b) for b in args.blends.split(",")]
    records_by_blend = {b: evidence(b, files) for b in blends}
    by_blend = {b: examples(r) for b, r in records_by_blend.items()}
    groups = sorted({d["group"] for d in by_blend[blends[0]]})

    # Cross-validated: every example is judged by a rule fitted without its fold. One
    # split's figures move by several right answers with the luck of which questions share
    # a fold (each fold's thresholds sit on a knife-edge), so the split is redrawn
    # --shuffles times and the figures are the mean, with the range.
    runs = []
    for shuffle in range(args.shuffles):
        order = groups[:]
        random.Random(SEED + shuffle).shuffle(order)
        fold_of = {g: i % args.folds for i, g in enumerate(order)}
        held = {}
        for k in range(args.folds):
            train = {g for g in groups if fold_of[g] != k}
            blend, w, t, st = choose(by_blend, train)
            for d in by_blend[blend]:
                if fold_of[d["group"]] == k:
                    held[(d["group"], d["q"])] = (d, outcome(d, prob(w, d["x"]), t, st))
        runs.append(([v[0] for v in held.values()], [v[1] for v in held.values()]))
    report_repeated(f"{args.folds}-fold cross-validated (each fold judged by a rule fitted on the "
                    f"others; mean of {args.shuffles} splits, range in brackets):", runs)

    blend, w, t, st = choose(by_blend, set(groups))
    data = by_blend[blend]
    report(f"fitted on everything (blend {blend}, answer_at {t:.2f}, suggest_at {st:.2f}; "
           "not a generalisation figure):",
           data, [outcome(d, prob(w, d["x"]), t, st) for d in data])
    # The engine names its features (engine::Evidence::NAMES), in the weights' order.
    names = next(iter(records_by_blend.values()))[0]["features"]
    table = "\n".join(f"{n} = {wi:.4f}" for n, wi in zip(names, w[1:]))
    toml = f"""# The fitted decision between answer, suggestions and no match. Written by
# scripts/fit_confidence.py (do not edit by hand: refit instead); compiled into the binary
# as the default. To override it, copy this whole table into your config file.
[confidence]
blend = {blend}
answer_at = {t:.2f}
suggest_at = {st:.2f}
bias = {w[0]:.4f}
[confidence.weights]
{table}
"""
    print(toml)
    if args.write:
        with open(os.path.join(ROOT, "config/confidence.toml"), "w") as f:
            f.write(toml)
        print("wrote config/confidence.toml")


if __name__ == "__main__":
    main()
