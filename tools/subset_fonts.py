"""Make the bundled PDF fonts: WOFF2 subsets of Noto Serif SC and Noto Sans SC, Regular and Bold.

Run by developers when the character set must grow (new data with a rare character), never
at build time; its output under static/fonts/ is committed:

    apt-get install fonts-noto-cjk        # NotoSansCJK-*.ttc, NotoSerifCJK-*.ttc
    .venv/bin/python tools/subset_fonts.py

It takes the Simplified Chinese face out of each Debian collection, keeps the characters
below, names it as Google distributes it ("Noto Serif SC", NotoSerifSC-Regular, …) so that a
PDF shows at a glance that our fonts, not the system's, were embedded, and writes
static/fonts/OFL.txt with the fonts' copyright notices and licence.

Characters kept: ASCII, Latin-1 punctuation and signs, general and CJK punctuation, full-width
forms, Roman numerals, enclosed numbers and other signs, GB2312's symbol rows and its 6,763
hanzi, and every character of the repository's data (templates, Python sources such as
the glossary and the narrative, code lists, fixtures and the published texts in tests/data).
"""
import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
LICENCE_SOURCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")
OUTPUT = REPO / "static" / "fonts"
# (collection file, our family, style) → static/fonts/<family without spaces>-<style>.woff2
FACES = [
    ("NotoSerifCJK-Regular.ttc", "Noto Serif SC", "Regular"),
    ("NotoSerifCJK-Bold.ttc", "Noto Serif SC", "Bold"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans SC", "Regular"),
    ("NotoSansCJK-Bold.ttc", "Noto Sans SC", "Bold"),
]
SC_NAME = "CJKsc-"  # PostScript names of the SC faces: NotoSansCJKsc-Regular, …

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00BF),  # Latin-1 punctuation and signs: ° ± · ²
    (0x00D7, 0x00D7), (0x00F7, 0x00F7),  # × ÷
    (0x2000, 0x206F),  # general punctuation: — ‘ ’ “ ” … ‰ ※
    (0x2100, 0x214F),  # letterlike symbols: ℃ №
    (0x2150, 0x218F),  # number forms: Ⅰ–Ⅻ ⅰ–ⅻ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: ≤ ≥ ≠ ≈ √ ∑
    (0x2460, 0x24FF),  # enclosed numbers: ① ⑴ ⒈
    (0x25A0, 0x25FF), (0x2605, 0x2606),  # ■ □ ▲ △ ○ ● ◆ ◇ ★ ☆
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、 。 《 》 【 】 〔 〕
    (0x3220, 0x3243),  # parenthesised ideographs: ㈠ – ㈩
    (0x3380, 0x33FF),  # square units: ㎡ ㎏ ㎞
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width and half-width forms: （ ） ： ； ％ ＝
]
DATA_SUFFIXES = {".html", ".py", ".csv", ".json", ".txt", ".md", ".css"}
DATA_DIRS = ["templates", "budget", "tests", "bench", "docs", "static/css"]


def gb2312_characters():
    """GB2312's symbols (rows 1–3: punctuation, signs, numbers, full-width forms) and its 6,763
    hanzi (rows 16–87); rows 4–9 (kana, Greek, Cyrillic, pinyin, box drawing) have no use here."""
    characters = set()
    for lead in list(range(0xA1, 0xA4)) + list(range(0xB0, 0xF8)):
        for trail in range(0xA1, 0xFF):
            try:
                characters.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # unassigned cells
    return characters


def data_characters(dirs=DATA_DIRS):
    """The non-ASCII characters of the repository's text files (tests/data holds the published texts)."""
    characters = set()
    for directory in dirs:
        root = REPO / directory
        if not root.is_dir():
            continue
        for path in root.rglob("*"):
            if path.suffix in DATA_SUFFIXES and ".venv" not in path.parts and path.is_file():
                characters.update(c for c in path.read_text(encoding="utf-8", errors="ignore") if ord(c) > 0x7E)
    return characters


def wanted_characters():
    characters = {chr(code) for start, end in RANGES for code in range(start, end + 1)}
    return characters | gb2312_characters() | data_characters()


def sc_face(path):
    for font in TTCollection(path).fonts:
        if SC_NAME in font["name"].getDebugName(6):
            return font
    raise SystemExit(f"{path} has no Simplified Chinese face")


def rename(font, family, style):
    """Name the subset as Google names these faces; the only Reserved Font Name is 'Source'."""
    postscript = f"{family.replace(' ', '')}-{style}"
    names = {1: family, 2: style, 3: f"{postscript};subset", 4: f"{family} {style}", 6: postscript,
             16: family, 17: style}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    # CFF fonts carry their PostScript name a second time.
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        cff.topDictIndex[0].FullName = f"{family} {style}"
        cff.topDictIndex[0].FamilyName = family


def make_subset(font, characters):
    options = subset.Options()
    options.flavor = "woff2"
    # Horizontal text only, and the SC face's own glyphs: 'locl' would pull in the JP/KR/TC forms.
    options.layout_features = ["ccmp", "kern", "liga", "calt", "mark", "mkmk"]
    options.hinting = False  # hints matter on screens at small sizes, not in print
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx"]  # no vertical text in our documents
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    font.flavor = "woff2"


def licence_text(fonts):
    """OFL.txt: each face's copyright, the Reserved Font Name, then the licence as Debian ships it."""
    notices = sorted({font["name"].getDebugName(0) for font in fonts})
    body = []
    for line in LICENCE_SOURCE.read_text(encoding="utf-8").split("License: SIL-1.1\n")[-1].splitlines():
        if line and not line.startswith(" "):
            break  # the next licence of the Debian file starts
        body.append("" if line.strip() == "." else line[1:])
    header = [
        "The fonts in this folder are subsets of Noto Serif CJK SC and Noto Sans CJK SC",
        "(https://github.com/notofonts/noto-cjk), made by tools/subset_fonts.py.",
        "",
        *(f"{notice.replace('©', 'Copyright')} With Reserved Font Name 'Source'." for notice in notices),
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "",
    ]
    return "\n".join(header + body).rstrip() + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="folder of the Noto CJK .ttc files")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    characters = wanted_characters()
    data = data_characters()
    args.output.mkdir(parents=True, exist_ok=True)
    originals = []
    for collection, family, style in FACES:
        font = sc_face(args.source / collection)
        originals.append(font)
        missing = sorted(c for c in data if ord(c) not in font.getBestCmap())
        if missing:
            print(f"{collection}: no glyph for {''.join(missing)!r}", file=sys.stderr)
        rename(font, family, style)
        make_subset(font, characters)
        target = args.output / f"{family.replace(' ', '')}-{style}.woff2"
        font.save(target)
        print(f"{target.relative_to(REPO)}: {len(font.getGlyphOrder())} glyphs, {target.stat().st_size:,} bytes")
    (args.output / "OFL.txt").write_text(licence_text(originals), encoding="utf-8")


if __name__ == "__main__":
    main()
