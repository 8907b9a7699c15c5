#!/usr/bin/env python3
"""Dump saved news pages to plain text, as a browser's "select all, copy" would:
every visible string, menus and footers included, one block per paragraph.

Made for the Article Extraction Benchmark (181 saved news pages with the
article body as ground truth, MIT licence). The pages are not shipped with
dossier; fetch that benchmark's git repository yourself, then run:

    python3 tests/boilerplate/dump_pages.py BENCHMARK_DIR OUT_DIR
    DOSSIER_PAGES=OUT_DIR cargo test --test boilerplate -- --nocapture

For each page NAME it writes OUT_DIR/NAME.txt (the dump: the page's <title>
first, as a reader saving the page sees it, then the visible blocks),
OUT_DIR/NAME.expected (the ground-truth article body) and
OUT_DIR/NAME.title (the text of the page's first <h1>, the headline; absent
when the page has none). Uses the standard library only.
"""
import gzip
import html.parser
import json
import os
import re
import sys

SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe",
        "object", "canvas", "select", "option"}
BLOCK = {"p", "div", "section", "article", "header", "footer", "nav", "aside",
         "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
         "dt", "dd", "table", "tr", "td", "th", "blockquote", "figure",
         "figcaption", "form", "pre", "address", "hr", "br", "button",
         "label", "fieldset", "legend", "menu", "summary", "details"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col",
        "embed", "param", "source", "track", "wbr"}


class Dump(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.blocks, self.cur = [], []
        self.title, self.in_title = [], False
        self.h1, self.in_h1, self.h1_done = [], False, False

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if text:
            self.blocks.append(text)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag in SKIP and tag not in VOID:
            self.skip += 1
        if tag in BLOCK:
            self.flush()
        if tag == "h1" and not self.h1_done:
            self.in_h1 = True

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in SKIP and tag not in VOID and self.skip:
            self.skip -= 1
        if tag in BLOCK:
            self.flush()
        if tag == "h1" and self.in_h1:
            self.in_h1, self.h1_done = False, True

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        self.cur.append(data)
        if self.in_h1:
            self.h1.append(data)


def squash(parts):
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def main(bench, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(bench, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    n = 0
    for name, item in sorted(truth.items()):
        path = os.path.join(bench, "html", name + ".html.gz")
        if not os.path.exists(path):
            continue
        with gzip.open(path, "rb") as f:
            page = f.read().decode("utf-8", errors="replace")
        d = Dump()
        d.feed(page)
        d.close()
        d.flush()
        title = squash(d.title)
        blocks = ([title] if title else []) + d.blocks
        short = name[:16]
        with open(os.path.join(out, short + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(blocks) + "\n")
        with open(os.path.join(out, short + ".expected"), "w", encoding="utf-8") as f:
            f.write(item.get("articleBody", "") + "\n")
        h1 = squash(d.h1)
        if h1:
            with open(os.path.join(out, short + ".title"), "w", encoding="utf-8") as f:
                f.write(h1 + "\n")
        n += 1
    print(f"{n} pages dumped to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: dump_pages.py BENCHMARK_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
