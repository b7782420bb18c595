#!/usr/bin/env python3
"""Every relative link and image in README.md and docs/*.md names a file that
exists (and, for a #anchor into a Markdown file, a heading that makes it), so
the docs cannot point at a screenshot or page that was renamed or never taken."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
link = re.compile(r"\]\(([^)\s]+)\)")


def anchors(md: pathlib.Path) -> set:
    # GitHub's rule: lower case, punctuation dropped, spaces to hyphens.
    out = set()
    for line in md.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            out.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return out


problems = []
checked = 0
pages = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
for page in pages:
    for target in link.findall(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:", target):
            continue  # http:, https:, mailto:
        checked += 1
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            problems.append(f"{page.relative_to(root)}: {target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            problems.append(f"{page.relative_to(root)}: {target}: no such heading")
print(f"{checked} links in {len(pages)} pages checked")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
