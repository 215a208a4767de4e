#!/usr/bin/python3
"""search_process.py — search as a whole process: `presscut --db P search -n 10 QUERY` against the sqlite3 shell
running bm25 + snippet top-10 on a plain FTS5 table of the same files (fts5_plain.py's `doc`):
    SELECT rowid, title, bm25(doc), snippet(doc, 1, '[', ']', '…', 24) FROM doc WHERE doc MATCH '…'
    ORDER BY bm25(doc) LIMIT 10
Each run is a new process, timed from fork to exit (wall clock, output to a pipe and read whole); the two
alternate, query by query, the one going first switching every repetition. Run by search_process.sh and
scale.sh; a measurement, not a test.

  search_process.py --presscut BIN --pdb PRESSCUT.db --fdb FTS5.db --queries TSV [--reps 4]
                    [--date-query QUERY] [--cold-word WORD] [--tsv]

--queries     "type<TAB>presscut query<TAB>FTS5 MATCH" lines (process_queries.tsv)
--date-query  also times presscut on QUERY with and without its date: filter (the words before it)
--cold-word   also times presscut and sqlite3 on a word the index has never seen (Cyrillic: presscut may
              load a hunspell dictionary for it), --reps new processes
--tsv         print only "type<TAB>presscut p50<TAB>p95<TAB>sqlite3 p50<TAB>p95" lines (ms), for scale.sh"""
import argparse
import statistics
import subprocess
import sys
import time


def percentile(values, p):
    """The p-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def run_ms(argv):
    """(wall milliseconds, stdout lines) of one process; stops the benchmark when it fails."""
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - start) * 1e3
    if done.returncode not in (0, 1):  # presscut search: 1 when nothing matches
        sys.exit("search_process.py: failed (%d): %s\n%s" % (done.returncode, " ".join(argv),
                                                             done.stderr.decode("utf-8", "replace")[-500:]))
    return ms, done.stdout.count(b"\n")


def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


class Bench:
    def __init__(self, args):
        self.args = args

    def presscut(self, query):
        return [self.args.presscut, "--db", self.args.pdb, "search", "-n", "10", "--color", "never", "--", query]

    def sqlite(self, match):
        sql = ("SELECT rowid, title, bm25(doc), snippet(doc, 1, '[', ']', '…', 24) FROM doc WHERE doc MATCH %s "
               "ORDER BY bm25(doc) LIMIT 10" % sql_string(match))
        return ["sqlite3", "-readonly", self.args.fdb, sql]

    def alternate(self, pairs):
        """Times each (presscut argv, sqlite3 argv) pair --reps times, alternating; returns per pair the lists
        of presscut and sqlite3 milliseconds and sqlite3's row count."""
        times = [([], [], 0) for _ in pairs]
        for rep in range(self.args.reps):
            for i, (p_argv, s_argv) in enumerate(pairs):
                order = [(0, p_argv), (1, s_argv)] if rep % 2 == 0 else [(1, s_argv), (0, p_argv)]
                for which, argv in order:
                    ms, lines = run_ms(argv)
                    times[i][which].append(ms)
                    if which == 1:
                        times[i] = (times[i][0], times[i][1], lines)
        return times


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3:
                sys.exit("%s:%d: expected type<TAB>presscut query<TAB>FTS5 match" % (path, n))
            queries.append(fields)
    return queries


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--presscut", required=True)
    ap.add_argument("--pdb", required=True)
    ap.add_argument("--fdb", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--reps", type=int, default=4)
    ap.add_argument("--date-query")
    ap.add_argument("--cold-word")
    ap.add_argument("--tsv", action="store_true")
    args = ap.parse_args()
    bench = Bench(args)
    queries = read_queries(args.queries)
    times = bench.alternate([(bench.presscut(p), bench.sqlite(f)) for _, p, f in queries])

    types = list(dict.fromkeys(t for t, _, _ in queries))
    rows = []
    for kind in types + ["all"]:
        chosen = [i for i, q in enumerate(queries) if kind in ("all", q[0])]
        p_ms = [ms for i in chosen for ms in times[i][0]]
        s_ms = [ms for i in chosen for ms in times[i][1]]
        empty = sum(1 for i in chosen if times[i][2] == 0)
        rows.append((kind, len(chosen), empty, percentile(p_ms, 50), percentile(p_ms, 95),
                     percentile(s_ms, 50), percentile(s_ms, 95)))
    if args.tsv:
        for kind, _, _, pp50, pp95, sp50, sp95 in rows:
            print("%s\t%.1f\t%.1f\t%.1f\t%.1f" % (kind, pp50, pp95, sp50, sp95))
        return

    print("whole process, wall ms, %d runs of each query alternated with sqlite3" % args.reps)
    print("%-8s %7s %9s %9s %9s %9s %9s %11s" % ("type", "queries", "no hits", "pc p50", "pc p95",
                                                 "sql p50", "sql p95", "p95 ratio"))
    for kind, n, empty, pp50, pp95, sp50, sp95 in rows:
        print("%-8s %7d %9d %9.1f %9.1f %9.1f %9.1f %10.2fx" % (kind, n, empty, pp50, pp95, sp50, sp95, pp95 / sp95))
    print("(no hits: queries for which plain FTS5 found nothing; ratio: presscut p95 / sqlite3 p95)")

    if args.date_query:
        words = " ".join(w for w in args.date_query.split() if not w.startswith("date:"))
        filtered, plain = bench.alternate([(bench.presscut(args.date_query), bench.presscut(words))])[0][:2]
        print("date filter: presscut %-28s p50 %6.1f p95 %6.1f ms" % (repr(args.date_query), percentile(filtered, 50),
                                                                       percentile(filtered, 95)))
        print("             presscut %-28s p50 %6.1f p95 %6.1f ms   (filtered / unfiltered p95: %.2fx)"
              % (repr(words), percentile(plain, 50), percentile(plain, 95),
                 percentile(filtered, 95) / percentile(plain, 95)))
    if args.cold_word:
        p_ms, s_ms, _ = bench.alternate([(bench.presscut(args.cold_word), bench.sqlite('"%s"' % args.cold_word))])[0]
        print("a word the index has never seen, %r, each run a new process: presscut median %.1f max %.1f ms, "
              "sqlite3 median %.1f max %.1f ms" % (args.cold_word, statistics.median(p_ms), max(p_ms),
                                                   statistics.median(s_ms), max(s_ms)))


if __name__ == "__main__":
    main()
