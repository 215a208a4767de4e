#!/usr/bin/python3
"""reuters_as_files.py — writes the Reuters-21578 articles that have a <BODY> one per .txt file, the layout of a
folder of scraped one-article files: title line, 'date YYYY-MM-DD' line, blank line, body (entities decoded,
control characters dropped, hard wraps kept). 19,043 files; with the BBC folder beside them they make the
small-files benchmark corpus.

  reuters_as_files.py SGML_DIR OUT_DIR [--drop-last-line]

--drop-last-line leaves out each body's last line (the sign-off " Reuter" most of them end with), to show
what the repeated line costs. Files go to OUT_DIR/NN/NEWID.txt, 1,000 to a folder."""
import glob
import html
import os
import re
import sys

MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
RECORD = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def field(record, tag):
    match = re.search(r"<%s>(.*?)</%s>" % (tag, tag), record, re.S)
    return CONTROL.sub("", html.unescape(match.group(1))) if match else ""


def iso_date(text):
    match = re.match(r"\s*(\d+)-([A-Z]{3})-(\d{4})", text.upper())
    if not match or match.group(2) not in MONTHS:
        return ""
    return "%s-%02d-%02d" % (match.group(3), MONTHS[match.group(2)], int(match.group(1)))


def main():
    args = [a for a in sys.argv[1:] if a != "--drop-last-line"]
    if len(args) != 2:
        sys.exit("usage: reuters_as_files.py SGML_DIR OUT_DIR [--drop-last-line]")
    drop_last = "--drop-last-line" in sys.argv
    sgml_dir, out_dir = args
    files = sorted(glob.glob(os.path.join(sgml_dir, "reut2-*.sgm")))
    if not files:
        sys.exit("reuters_as_files.py: no reut2-*.sgm in %s" % sgml_dir)
    written = 0
    for path in files:
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for newid, record in RECORD.findall(data):
            body = field(record, "BODY").rstrip()
            if not body:
                continue
            if drop_last:
                body = body.rpartition("\n")[0].rstrip()
            title = " ".join(field(record, "TITLE").split())
            folder = os.path.join(out_dir, "%02d" % (int(newid) // 1000))
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "%s.txt" % newid), "w", encoding="utf-8") as out:
                out.write("%s\ndate %s\n\n%s\n" % (title, iso_date(field(record, "DATE")), body))
            written += 1
    print("%d files in %s" % (written, out_dir))


if __name__ == "__main__":
    main()
