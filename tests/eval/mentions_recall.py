#!/usr/bin/python3
"""mentions_recall.py — recall and precision of `presscut mentions` on entity annotations nobody here wrote.

Data: the Russian FactRuEval-2016 texts (../shared/corpus/factrueval-2016: .objects name .spans, whose
start/length are character offsets into the .txt) and the Ukrainian ner-uk «Наші гроші» texts
(../shared/corpus/ner-uk-nashigroshi/ng: brat .ann, start/end character offsets into the .txt).

Entities: tests/eval/mentions_entities.tsv, in the entity-list format `presscut entities import` reads
(entity<TAB>alias: the aliases a user would type, the nominative and the English name, never the inflected
forms). Its comment lines `#gold<TAB>lang<TAB>entity<TAB>regex` (ignored by the import) say which annotated
words are that entity: every word (a run of letters, digits, - and ') inside an annotated person,
organisation or place (FactRuEval: Person, Org, Location, LocOrg; ner-uk: PERS, ORG, LOC) that the regex
matches whole is one annotated mention occurrence of the entity ("Москвы" inside "мэрии Москвы" counts for
Moscow). Occurrences are deduplicated by position, since annotations nest.

Run: the two folders are indexed, the list imported, and `presscut mentions NAME --format jsonl --all-copies`
run for each entity. Only mentions in annotated files count (SOURCE.md, LICENSE, list.txt are left out).

Alignment: presscut's article is not the file byte for byte (the first line becomes the title, the body is
cleaned, wrapped lines may be joined), so its offsets are not the file's. Each found mention is placed in the
original file by its text and context instead: among the places where the file holds the mention's text, the
one whose preceding and following text (white space collapsed) agree longest with the mention's left and right
context is chosen; each place is used once. That is independent of how presscut cut the title and body.

Figures per language:
- recall = annotated occurrences overlapped by a found mention of the same entity / annotated occurrences;
- strict precision = found mentions that overlap an annotated occurrence of their entity / found mentions.
  A lower bound: the annotators miss mentions (FactRuEval leaves whole documents without locations), and a
  name inside a longer annotated name joined by a hyphen or apostrophe («Київ-Арт», «Інтерфакс-Україна») is
  one word of the annotation that the regex does not match whole;
- nested precision = as strict, but a found mention lying wholly inside an annotated person, organisation or
  place of any entity also counts as right (the nested-name convention FactRuEval itself follows when it
  annotates «Москвы» inside «мэрии Москвы»); an upper bound of what the annotations can say;
- hand precision = the share of a fixed random sample of the found mentions that a reader judged to be
  mentions of their entity, with a 95% Wilson interval. The sample is every found mention whose key
  (language, entity, file, offset, context) hashes under SAMPLE_RATE of its language with the seed
  SAMPLE_SEED, so it does not move when other mentions come and go; the verdicts are in
  tests/eval/mentions_precision_sample.tsv (--verdicts), columns language, entity, file, offset (or
  "unplaced"), mention, context (from the file; presscut's own context when unplaced), the scorer's verdict
  (annotated, nested, unannotated, unplaced), the hand verdict and the reason for it. Hand verdicts: `yes`,
  the word names the entity; `nested`, it names the entity as part of a longer name of something else (a
  company, an edition, a law: «Закону України», «Автотрейдінг-Одеса»), counted as right like the nested
  annotations above; `no`, another word or another entity (a reason is always given). A sampled mention
  without a verdict is listed and left out of the figure; --write-verdicts FILE writes the sample with the
  verdicts known so far, to be completed by hand.
Samples of the found mentions that match no annotation and of the missed occurrences are printed too.

Usage: mentions_recall.py --presscut BIN --corpus DIR --entities TSV [--work DIR] [--min-recall R]
       [--min-precision P] [--verdicts TSV] [--min-hand-precision P] [--write-verdicts TSV] [--sample N]
       mentions_recall.py --self-test      (checks the annotation readers and the alignment on small inputs)
Exit 0, 1 when a figure is below its floor, 77 when the corpus is absent (1 under CI=true).
"""
import argparse
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tempfile

WORD = re.compile(r"\w+(?:['’-]\w+)*")
RU_TYPES = {"Person", "Org", "Location", "LocOrg"}
UK_TYPES = {"PERS", "ORG", "LOC"}
SAMPLE_SEED = "mentions-precision-1"
SAMPLE_RATE = {"ru": 0.08, "uk": 0.12}
VERDICT_COLUMNS = ["lang", "entity", "file", "offset", "mention", "context", "scorer", "hand", "reason"]


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def words_in(text, start, end):
    """(start, end, word) for every word of text[start:end], offsets into text."""
    for m in WORD.finditer(text, start, end):
        yield m.start(), m.end(), m.group(0)


def factrueval_regions(folder, name):
    """Character regions of the annotated persons, organisations and places of one FactRuEval document."""
    spans = {}
    with open(os.path.join(folder, name + ".spans"), encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 4:
                spans[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]))
    regions = []
    with open(os.path.join(folder, name + ".objects"), encoding="utf-8") as f:
        for line in f:
            head = line.split("#")[0].split()
            if len(head) >= 3 and head[1] in RU_TYPES:
                regions.extend(spans[s] for s in head[2:] if s in spans)
    return regions


def nerUk_regions(path_ann):
    """Character regions of the annotated persons, organisations and places of one brat .ann file."""
    regions = []
    with open(path_ann, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4 and fields[0].startswith("T") and fields[1] in UK_TYPES:
                regions.append((int(fields[2]), int(fields[3])))
    return regions


def annotated_documents(corpus):
    """{path of .txt: (lang, regions)} for both corpora."""
    docs = {}
    for part in ("devset", "testset"):
        folder = os.path.join(corpus, "factrueval-2016", part)
        for entry in sorted(os.listdir(folder)):
            if entry.endswith(".objects"):
                name = entry[: -len(".objects")]
                docs[os.path.join(folder, name + ".txt")] = ("ru", factrueval_regions(folder, name))
    folder = os.path.join(corpus, "ner-uk-nashigroshi", "ng")
    for entry in sorted(os.listdir(folder)):
        if entry.endswith(".ann"):
            docs[os.path.join(folder, entry[:-4] + ".txt")] = ("uk", nerUk_regions(os.path.join(folder, entry)))
    return docs


def read_entities(path):
    """(aliases {entity: [alias]}, gold [(lang, entity, compiled regex)]) from the entity file."""
    aliases, gold = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#gold\t"):
                _, lang, entity, regex = line.split("\t")
                gold.append((lang, entity, re.compile(regex)))
            elif line.strip() and not line.startswith("#"):
                entity, alias = line.split("\t")
                aliases.setdefault(entity.strip(), []).append(alias.strip())
    return aliases, gold


def gold_occurrences(docs, gold):
    """{(lang, entity): set of (path, start, end)}: the annotated words each entity's regex matches."""
    occ = {}
    for lang, entity, regex in gold:
        found = occ.setdefault((lang, entity), set())
        for path, (doc_lang, regions) in docs.items():
            if doc_lang != lang:
                continue
            text = read_text(path)
            for start, end in regions:
                for ws, we, word in words_in(text, start, end):
                    if regex.fullmatch(word):
                        found.add((path, ws, we))
    return occ


def collapse(s):
    return " ".join(s.split())


def agreement_before(text, at, left):
    """How many characters of the collapsed `left` end the collapsed text before `at`."""
    left = collapse(left)
    before = collapse(text[max(0, at - 4 * len(left) - 64):at])
    n = 0
    while n < len(left) and n < len(before) and left[-1 - n] == before[-1 - n]:
        n += 1
    return n


def agreement_after(text, at, right):
    right = collapse(right)
    after = collapse(text[at:at + 4 * len(right) + 64])
    n = 0
    while n < len(right) and n < len(after) and right[n] == after[n]:
        n += 1
    return n


def align(text, mention, left, right, used):
    """(start, end) in text of the mention (as whole words) best agreeing with its context, not in `used`;
    None if absent."""
    best, best_score = None, -1
    at = text.find(mention)
    while at >= 0:
        end = at + len(mention)
        whole = (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
        if whole and (at, end) not in used:
            score = agreement_before(text, at, left) + agreement_after(text, at + len(mention), right)
            if score > best_score:
                best, best_score = (at, at + len(mention)), score
        at = text.find(mention, at + 1)
    return best


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def found_mentions(presscut, db, entity, docs):
    """([(path, start, end, mention, left, right)] of the mentions presscut finds in annotated files,
    [(path, mention, left, right)] of those that could not be placed in their file)."""
    out = subprocess.run([presscut, "--db", db, "mentions", entity, "--format", "jsonl", "--all-copies"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit("mentions %s failed: %s" % (entity, out.stderr.strip()))
    used, found, lost = {}, [], []
    for line in out.stdout.splitlines():
        m = json.loads(line)
        path = m["path"]
        if path not in docs:
            continue
        text = read_text(path)
        place = align(text, m["mention"], m["left"], m["right"], used.setdefault(path, set()))
        if place is None:
            lost.append((path, m["mention"], m["left"], m["right"]))
            continue
        used[path].add(place)
        found.append((path, place[0], place[1], m["mention"], m["left"], m["right"]))
    return found, lost


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def score(gold, found):
    """(hits of gold, correct found, missed gold list, wrong found list) for one entity."""
    by_path = {}
    for path, s, e in gold:
        by_path.setdefault(path, []).append((s, e))
    found_by_path = {}
    for f in found:
        found_by_path.setdefault(f[0], []).append(f)
    hit = sum(1 for path, s, e in gold if any(overlaps(s, e, f[1], f[2]) for f in found_by_path.get(path, [])))
    missed = [g for g in gold
              if not any(overlaps(g[1], g[2], f[1], f[2]) for f in found_by_path.get(g[0], []))]
    wrong = [f for f in found if not any(overlaps(f[1], f[2], s, e) for s, e in by_path.get(f[0], []))]
    return hit, len(found) - len(wrong), missed, wrong


def inside_region(found, regions):
    """Whether a found mention lies wholly inside one of the annotated regions."""
    return any(s <= found[1] and found[2] <= e for s, e in regions)


def in_sample(lang, key):
    """Whether the mention with this key is in the hand-checked sample of its language (a seeded hash)."""
    digest = hashlib.sha256((SAMPLE_SEED + "\t" + lang + "\t" + "\t".join(key)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64 < SAMPLE_RATE[lang]


def wilson(k, n, z=1.96):
    """(low, high) of the 95% Wilson score interval of k successes in n trials."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def sample_rows(lang, entity, corpus, found, lost, gold, regions_of):
    """The rows (dicts of VERDICT_COLUMNS, without hand verdicts) of one entity's sampled found mentions."""
    rows = []
    for f in found:
        path, start, end = f[0], f[1], f[2]
        if any(g[0] == path and overlaps(g[1], g[2], start, end) for g in gold):
            verdict = "annotated"
        elif inside_region(f, regions_of(path)):
            verdict = "nested"
        else:
            verdict = "unannotated"
        rows.append({"file": os.path.relpath(path, corpus), "offset": str(start), "mention": f[3],
                     "context": context_of(path, start, end, 60), "scorer": verdict})
    for path, mention, left, right in lost:
        rows.append({"file": os.path.relpath(path, corpus), "offset": "unplaced", "mention": mention,
                     "context": collapse(left)[-60:] + " [" + mention + "] " + collapse(right)[:60],
                     "scorer": "unplaced"})
    sampled = []
    for row in rows:
        row.update(lang=lang, entity=entity, hand="", reason="")
        if in_sample(lang, verdict_key(row)):
            sampled.append(row)
    return sampled


def verdict_key(row):
    """The cells that identify a sampled mention, as they read in the verdict file."""
    return tuple(clean_cell(row[c]) for c in ("entity", "file", "offset", "context"))


def clean_cell(text):
    return " ".join(text.replace("\t", " ").split())


def read_verdicts(path):
    """{(lang,) + verdict_key: row} of a verdict file; rows without a hand verdict are kept too."""
    verdicts = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("lang\t"):
                continue
            cells = line.split("\t")
            if len(cells) != len(VERDICT_COLUMNS):
                raise SystemExit("%s:%d: expected %d tab-separated columns (%s), found %d; fix the line" % (
                    path, number, len(VERDICT_COLUMNS), ", ".join(VERDICT_COLUMNS), len(cells)))
            row = dict(zip(VERDICT_COLUMNS, cells))
            if row["hand"] not in ("", "yes", "nested", "no"):
                raise SystemExit("%s:%d: hand verdict %r is not yes, nested or no; fix the line" % (
                    path, number, row["hand"]))
            verdicts[(row["lang"],) + verdict_key(row)] = row
    return verdicts


def write_verdicts(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# mentions_precision_sample.tsv — the hand-checked sample of `presscut mentions` "
                "(tests/eval/mentions_recall.py says how it is drawn and read).\n")
        f.write("\t".join(VERDICT_COLUMNS) + "\n")
        for row in rows:
            f.write("\t".join(clean_cell(row[c]) for c in VERDICT_COLUMNS) + "\n")


def context_of(path, start, end, width=40):
    text = read_text(path)
    return collapse(text[max(0, start - width):start]) + " [" + text[start:end] + "] " + \
        collapse(text[end:end + width])


def evaluate(args):
    corpus = args.corpus
    if not os.path.isfile(os.path.join(corpus, "factrueval-2016", "SOURCE.md")) or \
            not os.path.isfile(os.path.join(corpus, "ner-uk-nashigroshi", "SOURCE.md")):
        print("corpus not found at %s" % corpus, file=sys.stderr)
        return 1 if os.environ.get("CI") == "true" else 77
    docs = annotated_documents(corpus)
    aliases, gold_rules = read_entities(args.entities)
    gold = gold_occurrences(docs, gold_rules)
    work = args.work or tempfile.mkdtemp(prefix="mentions_recall.")
    db = os.path.join(work, "eval.db")
    if os.path.exists(db):
        os.remove(db)
    run([args.presscut, "--db", db, "index", os.path.join(corpus, "factrueval-2016"),
         os.path.join(corpus, "ner-uk-nashigroshi")])
    run([args.presscut, "--db", db, "entities", "import", args.entities])
    verdicts = read_verdicts(args.verdicts) if args.verdicts else {}
    sample_all = []
    status = 0
    for lang in ("ru", "uk"):
        total = hits = n_found = correct = nested = lost = 0
        missed_all, wrong_all, sample = [], [], []
        print("%s:" % lang)
        for (g_lang, entity), occ in sorted(gold.items()):
            if g_lang != lang:
                continue
            found, lost_here = found_mentions(args.presscut, db, entity,
                                              {p: d for p, d in docs.items() if d[0] == lang})
            hit, ok, missed, wrong = score(occ, found)
            nested += sum(1 for w in wrong if inside_region(w, docs[w[0]][1]))
            sample += sample_rows(lang, entity, corpus, found, lost_here, occ, lambda p: docs[p][1])
            print("  %-16s annotated %4d found %4d  recall %.3f  precision %.3f   (%s)" % (
                entity, len(occ), len(found), hit / len(occ) if occ else 1.0, ok / len(found) if found else 1.0,
                ", ".join(aliases.get(entity, []))))
            total += len(occ)
            hits += hit
            n_found += len(found)
            correct += ok
            lost += len(lost_here)
            missed_all += [(entity,) + m for m in missed]
            wrong_all += [(entity,) + w[:3] for w in wrong]
        recall = hits / total if total else 0.0
        precision = correct / n_found if n_found else 0.0
        print("%s: recall %.3f (%d of %d annotated occurrences), strict precision %.3f (%d of %d found mentions), "
              "nested precision %.3f (%d)%s" % (
                  lang, recall, hits, total, precision, correct, n_found,
                  (correct + nested) / n_found if n_found else 0.0, correct + nested,
                  "; %d found mentions could not be placed in their file" % lost if lost else ""))
        hand = hand_figures(lang, sample, verdicts)
        sample_all += sample
        for title, rows in (("found, not annotated as that entity (check by hand)", wrong_all),
                            ("annotated, not found", missed_all)):
            step = max(1, len(rows) // args.sample) if rows else 1
            print("  sample of %d %s:" % (len(rows), title))
            for entity, path, s, e in rows[::step][:args.sample]:
                print("    %-14s %s: %s" % (entity, os.path.basename(path), context_of(path, s, e)))
        if recall < args.min_recall or precision < args.min_precision or \
                (args.verdicts and hand < args.min_hand_precision):
            print("%s: below the floor (recall >= %.2f, strict precision >= %.2f, hand precision >= %.2f)" % (
                lang, args.min_recall, args.min_precision, args.min_hand_precision))
            status = 1
    if args.write_verdicts:
        write_verdicts(args.write_verdicts, sample_all)
        print("wrote the sample of %d found mentions (%d judged) to %s" % (
            len(sample_all), sum(1 for r in sample_all if r["hand"]), args.write_verdicts))
    return status


def hand_figures(lang, sample, verdicts):
    """Prints the hand-checked precision of one language's sample and returns it (0 when nothing is judged);
    copies the known verdicts into the sample rows."""
    counts = {"yes": 0, "nested": 0, "no": 0}
    unjudged = []
    for row in sample:
        known = verdicts.get((lang,) + verdict_key(row))
        if known and known["hand"]:
            row["hand"], row["reason"] = known["hand"], known["reason"]
            counts[row["hand"]] += 1
        else:
            unjudged.append(row)
    judged = sum(counts.values())
    right = counts["yes"] + counts["nested"]
    low, high = wilson(right, judged)
    print("%s: hand precision %.3f (%d of %d sampled found mentions; 95%% interval %.3f-%.3f; %d of them nested "
          "in a longer name, without those %.3f)%s" % (
              lang, right / judged if judged else 0.0, right, judged, low, high, counts["nested"],
              counts["yes"] / judged if judged else 0.0,
              "; %d sampled mentions have no verdict yet" % len(unjudged) if unjudged else ""))
    for row in unjudged[:10]:
        print("    no verdict: %-14s %s %s: %s" % (row["entity"], row["file"], row["offset"], row["context"]))
    return right / judged if judged else 0.0


def self_test():
    """The readers and the alignment on small made-up inputs."""
    failures = 0

    def check(cond, what):
        nonlocal failures
        if not cond:
            failures += 1
            print("FAIL: " + what, file=sys.stderr)

    text = "Путин сказал. Потом Путина видели, и Путин ушёл.\nВ Москве"
    check(align(text, "Путин", "Потом Путина видели, и", "ушёл. В Москве", set()) == (37, 42),
          "align picks the place whose context agrees")
    check(align(text, "Путин", "", "сказал.", set()) == (0, 5), "align: the first word")
    check(align(text, "Путин", "", "сказал.", {(0, 5)}) == (37, 42), "align: a used place is skipped")
    check(align(text, "Медведев", "", "", set()) is None, "align: absent")
    check(align("a  b\nc Kyiv d", "Kyiv", "a b c", "d", set()) == (7, 11), "align: white space collapsed")
    check([w for _, _, w in words_in("мэрии Москвы «Газпром-нефть» O'Neil", 0, 36)] ==
          ["мэрии", "Москвы", "Газпром-нефть", "O'Neil"], "words")
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "b.spans"), "w", encoding="utf-8") as f:
            f.write("1 loc_name 6 6 10 1  # 10 Москвы\n2 org_descr 0 5 9 1  # 9 мэрии\n")
        with open(os.path.join(d, "b.objects"), "w", encoding="utf-8") as f:
            f.write("7 Org 2 1 # мэрии Москвы\n8 LocOrg 1 # Москвы\n9 Project 1 # x\n")
        check(sorted(factrueval_regions(d, "b")) == [(0, 5), (6, 12), (6, 12)], "factrueval regions")
        with open(os.path.join(d, "a.ann"), "w", encoding="utf-8") as f:
            f.write("T1\tORG\t0\t17\tПАТ «Укртрансгаз»\nT2\tDATE\t18\t27\t29 квітня\nT3\tLOC\t30\t35\tКиєві\n")
        check(nerUk_regions(os.path.join(d, "a.ann")) == [(0, 17), (30, 35)], "brat regions")
    gold = {("p", 0, 5), ("p", 37, 42)}
    hit, ok, missed, wrong = score(gold, [("p", 0, 5, "", "", ""), ("p", 20, 26, "", "", "")])
    check((hit, ok, len(missed), len(wrong)) == (1, 1, 1, 1), "score")
    check(inside_region(("p", 6, 10), [(0, 5), (4, 12)]) and not inside_region(("p", 3, 8), [(0, 5), (6, 12)]),
          "inside_region: wholly inside one region")
    low, high = wilson(95, 100)
    check(abs(low - 0.888) < 0.001 and abs(high - 0.978) < 0.001, "wilson interval of 95 of 100")
    check(wilson(0, 0) == (0.0, 1.0), "wilson: nothing judged")
    keys = [("e", "f", str(i), "c") for i in range(2000)]
    picked = [k for k in keys if in_sample("uk", k)]
    check(150 < len(picked) < 330 and picked == [k for k in keys if in_sample("uk", k)],
          "in_sample: about the rate, and the same every time")
    with tempfile.TemporaryDirectory() as d:
        row = {"lang": "uk", "entity": "kyiv", "file": "ng/a.txt", "offset": "7", "mention": "Києві",
               "context": " у [Києві]  сьогодні", "scorer": "annotated", "hand": "yes", "reason": ""}
        write_verdicts(os.path.join(d, "v.tsv"), [row])
        check(list(read_verdicts(os.path.join(d, "v.tsv"))) == [("uk",) + verdict_key(row)],
              "verdicts: a written row is found again by its key")
        with open(os.path.join(d, "bad.tsv"), "w", encoding="utf-8") as f:
            f.write("uk\tkyiv\tng/a.txt\t7\tКиєві\tу [Києві]\tannotated\tperhaps\t\n")
        try:
            read_verdicts(os.path.join(d, "bad.tsv"))
            check(False, "verdicts: an unknown hand verdict is refused")
        except SystemExit as e:
            check("bad.tsv:1:" in str(e) and "perhaps" in str(e), "verdicts: the error names the file and line")
    print("self-test: %s" % ("ok" if not failures else "%d failed" % failures))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--presscut")
    ap.add_argument("--corpus")
    ap.add_argument("--entities")
    ap.add_argument("--work")
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--min-precision", type=float, default=0.0)
    ap.add_argument("--sample", type=int, default=15)
    ap.add_argument("--verdicts")
    ap.add_argument("--min-hand-precision", type=float, default=0.0)
    ap.add_argument("--write-verdicts")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not (args.presscut and args.corpus and args.entities):
        ap.error("--presscut, --corpus and --entities are needed")
    return evaluate(args)


if __name__ == "__main__":
    sys.exit(main())
