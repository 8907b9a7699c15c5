#!/usr/bin/env python3
"""Makes a labelled lookup set from a folder of articles.

    python3 tests/lookup/make-sets.py CORPUS_DIR OUT.tsv SEED

Each line of OUT.tsv is `class<TAB>article id<TAB>snippet<TAB>query`: the
passage of that article that starts with the snippet is the one the query
must find first. Two hundred queries, forty in each of five classes, as a reader
who half remembers a passage would type them: four of its rarer words
(`plain`); the same with one typo in a word of five letters or more
(`typo`); one word in another form of it that the corpus uses elsewhere,
"proposal" for "proposed" (`morphology`); the words in another order
(`order`); and a fifth word the passage does not have (`wrong`). The
word forms come from a small suffix table here, not from dossier's
stemmer, so the set does not test the stemmer against itself.
"""

import os
import random
import re
import sys
from collections import Counter

STOP = set("""a about above after again against all also although am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how however i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such
than that the their theirs them themselves then there these they this those through to too under until up upon very
was we were what when where which while who whom why will with would you your yours yourself yourselves one two
said says say like well even much many may might must shall made make first last new old us thus yet still
within without whose every upon onto""".split())
SUFFIXES = sorted("""ations ation itions ition ions ion ings ing ed es s al ity ities ments ment ances ance
ences ence ly er ers ive ives ous""".split(), key=len, reverse=True)
CLASSES = ["plain", "typo", "morphology", "order", "wrong"]
PER_CLASS = 40


def articles(folder):
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".txt", ".md")) or name.lower() == "readme.md":
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        aid = os.path.splitext(name)[0]
        if text.startswith("---\n"):
            head, _, text = text[4:].partition("\n---\n")
            for line in head.splitlines():
                if line.startswith("id:"):
                    aid = line[3:].strip()
        paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
        yield aid, [p for p in paras if p]


def words(text):
    return [w.lower() for w in re.findall(r"[A-Za-z]+", text)]


def base(w):
    for s in SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 5:
            return w[: -len(s)].rstrip("e")
    return w.rstrip("e")


def typo(w, rng):
    i = rng.randrange(1, len(w) - 2)
    if rng.random() < 0.5:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    return w[:i] + w[i + 1:]


def main():
    folder, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    passages = [(a, p) for a, ps in articles(folder) for p in ps]
    df = Counter()
    for _, p in passages:
        df.update(set(words(p)))
    forms = {}
    for w in df:
        forms.setdefault(base(w), []).append(w)
    vocab = [w for w, n in df.items() if 3 <= n <= 30 and w not in STOP and len(w) >= 5]
    lines, used = [], set()
    for cls in CLASSES:
        made = 0
        while made < PER_CLASS:
            aid, p = rng.choice(passages)
            ws = words(p)
            if len(ws) < 40 or (aid, p[:40]) in used:
                continue
            # The snippet must start only this passage of the article.
            snippet = " ".join(p.split()[:8])
            if sum(1 for a, q in passages if a == aid and q.startswith(snippet)) != 1:
                continue
            content = sorted({w for w in ws if w not in STOP and len(w) >= 4}, key=lambda w: (df[w], w))
            if len(content) < 8:
                continue
            chosen = rng.sample(content[:8], 4)
            chosen.sort(key=ws.index)
            have = set(ws)
            q = list(chosen)
            if cls == "typo":
                long = [i for i, w in enumerate(q) if len(w) >= 5]
                if not long:
                    continue
                i = rng.choice(long)
                q[i] = typo(q[i], rng)
            elif cls == "morphology":
                options = [(i, f) for i, w in enumerate(q) for f in forms.get(base(w), [])
                           if f != w and f not in have and len(w) >= 5]
                if not options:
                    continue
                i, f = rng.choice(options)
                q[i] = f
            elif cls == "order":
                while q == chosen:
                    rng.shuffle(q)
            elif cls == "wrong":
                extra = rng.choice(vocab)
                if extra in have:
                    continue
                q.insert(rng.randrange(0, 5), extra)
            used.add((aid, p[:40]))
            lines.append("\t".join([cls, aid, snippet, " ".join(q)]))
            made += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("# class\tarticle\tsnippet (the passage starts with it)\tquery\n")
        f.write(f"# made by tests/lookup/make-sets.py with seed {seed}\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
