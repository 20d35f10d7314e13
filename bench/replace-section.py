#!/usr/bin/env python3
"""Replaces one benchmark's section of bench/RESULTS.md: from its "## " heading (the section file's first line) to the
next "## " heading or the end; appends it when the file has no such section yet.
Usage: bench/replace-section.py RESULTS.md SECTION.md"""
import os
import sys

path, section = sys.argv[1], open(sys.argv[2]).read().rstrip("\n") + "\n"
heading = section.split("\n", 1)[0]
if not heading.startswith("## "):
    sys.exit(f"{sys.argv[2]}: the section must start with a '## ' heading")
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
start = text.find(heading + "\n")
if start < 0:
    text = text.rstrip("\n") + "\n\n" + section
else:
    nxt = text.find("\n## ", start + len(heading))
    text = text[:start] + section + (text[nxt:] if nxt >= 0 else "")
with open(path, "w") as out:
    out.write(text)
