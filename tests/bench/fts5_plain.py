#!/usr/bin/python3
"""fts5_plain.py — the yardstick of the speed benchmarks: plain SQLite FTS5 indexing the files presscut would.

Inserts title + body of every article into one table
    CREATE VIRTUAL TABLE doc USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')
in one transaction (the database's default journal), with Python's standard sqlite3 module (run by Debian's
/usr/bin/python3, linked to the same system SQLite as presscut).

  fts5_plain.py OUT.db PATH...

Files taken: those presscut's walker takes by default in a folder — extensions .txt .text .json .jsonl
.ndjson (case-insensitive), not hidden, not README* LICENSE* LICENCE* COPYING* CHANGELOG* NOTICE*; a PATH
naming a file is taken as it is. Articles: a .txt file is one article, its first line the title and the rest
the body; a .jsonl line and each object of a .json array is one article (title = "title", body = "text", or
the "content" of its "sentences" joined, as in ukraine-news-bias-2014).

Raw-text bytes are the sizes of the files taken; the benchmark scripts use this one count for presscut too. Prints one line of shell assignments:
    files=N articles=N bytes=N seconds=S db_bytes=N
seconds covers reading, parsing, inserting and the commit, not the walk."""
import fnmatch
import json
import os
import sqlite3
import sys
import time

EXTENSIONS = {"txt", "text", "json", "jsonl", "ndjson"}
DEFAULT_EXCLUDES = ("README*", "LICENSE*", "LICENCE*", "COPYING*", "CHANGELOG*", "NOTICE*")


def wanted(name):
    if name.startswith("."):
        return False
    if any(fnmatch.fnmatch(name, pattern) for pattern in DEFAULT_EXCLUDES):
        return False
    base, dot, ext = name.rpartition(".")
    return bool(base) and dot == "." and ext.lower() in EXTENSIONS


def walk(path):
    """The files presscut would index under path, in a stable order."""
    if not os.path.isdir(path):
        yield path
        return
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if wanted(name):
                yield os.path.join(folder, name)


def record_article(record):
    """(title, body) of one JSON article, or None when it is not an object."""
    if not isinstance(record, dict):
        return None
    body = record.get("text")
    if body is None and isinstance(record.get("sentences"), list):
        sentences = sorted((s for s in record["sentences"] if isinstance(s, dict)),
                           key=lambda s: s.get("position_in_article", 0))
        body = " ".join(str(s.get("content", "")) for s in sentences)
    return str(record.get("title") or ""), str(body or "")


def articles(path):
    """The (title, body) pairs of one file."""
    ext = path.rpartition(".")[2].lower()
    if ext in ("jsonl", "ndjson"):  # streamed: a JSON Lines export can be larger than memory
        with open(path, "rb") as f:
            for line in f:
                if line.strip():
                    article = record_article(json.loads(line.decode("utf-8", "replace")))
                    if article:
                        yield article
        return
    with open(path, "rb") as f:
        data = f.read().decode("utf-8", "replace")
    if ext == "json":
        parsed = json.loads(data)
        for record in parsed if isinstance(parsed, list) else [parsed]:
            article = record_article(record)
            if article:
                yield article
    else:
        title, _, body = data.partition("\n")
        yield title, body


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: fts5_plain.py OUT.db PATH...")
    db_path = sys.argv[1]
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)
    paths = [p for root in sys.argv[2:] for p in walk(root)]
    start = time.monotonic()
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')")
    db.execute("BEGIN")
    n_articles = n_bytes = 0
    for path in paths:
        n_bytes += os.path.getsize(path)
        for title, body in articles(path):
            db.execute("INSERT INTO doc(title, body) VALUES (?, ?)", (title, body))
            n_articles += 1
    db.execute("COMMIT")
    db.close()
    seconds = time.monotonic() - start
    print("files=%d articles=%d bytes=%d seconds=%.3f db_bytes=%d"
          % (len(paths), n_articles, n_bytes, seconds, os.path.getsize(db_path)))


if __name__ == "__main__":
    main()
