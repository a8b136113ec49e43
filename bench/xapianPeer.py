"""The archive benchmark's peer (issue 13): the same sources indexed with Xapian, the engine
behind Recoll and notmuch, and the same query mix run against it, top 20 with snippets.

  python3 bench/xapianPeer.py build ARCHIVE.sqlite INDEX_DIR [SHARD_SIZE] -> JSON build figures
  python3 bench/xapianPeer.py query INDEX_DIR REPEATS ARCHIVE.sqlite < mix.json -> JSON timings per query

Above SHARD_SIZE sources (default 200,000) the index is built as shards of that many sources, then
merged by `xapian-compact` (Debian xapian-tools), Xapian's own way for a large build: one growing
index rewrote its B-tree blocks at every flush (222 GB written for 8.7 GB of index at 1M).
Snippets are made by Xapian (MSet.snippet) from each hit's body, read from the archive by id as
Précis reads its own; before, they were made from the document data, which holds only the id.

Title words weigh ten times body words (as in Précis's bm25), BM25 with FTS5's k1 = 1.2 and
b = 0.75; outlet:, author:, tag: are boolean filters, after:/before: a date range. Needs the
Debian package python3-xapian; the benchmark says so and goes on without it when missing.
"""
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

import xapian

SLOT_DATE = 0

# Snippets weighed by Xapian's background model, the first good window taken. Its default adds
# SNIPPET_EXHAUSTIVE, which scores every window of the text: 94 ms for 20 bodies of ~3 KB, against
# 0.5 ms without (measured on a 3,000-source index); Précis's snippets are not exhaustive either.
SNIPPET_FLAGS = xapian.MSet.SNIPPET_BACKGROUND_MODEL

# Documents Xapian buffers before it writes them out. Its default (10,000) suits short documents;
# with ~3 KB of positional text each, the buffer of 10,000 grows to ~400 MB and every document
# added costs more than the last (20,000 documents: 61 s CPU at 10,000, 37 s at 2,000, 37 s at
# 1,000). 2,000 is where the curve flattens. Same terms, weights and positions either way.
FLUSH_THRESHOLD = "2000"


def build(archive, index_dir, shard_size=200_000):
    # Read when the database is opened; an explicit XAPIAN_FLUSH_THRESHOLD still wins.
    os.environ.setdefault("XAPIAN_FLUSH_THRESHOLD", FLUSH_THRESHOLD)
    started = time.perf_counter()
    cpu_started = time.process_time()
    source = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    total = source.execute("SELECT count(*) FROM sources").fetchone()[0]
    tags = {}
    for source_id, tag in source.execute("SELECT source_id, tag FROM source_tags"):
        tags.setdefault(source_id, []).append(tag)
    if total > shard_size and shutil.which("xapian-compact") is None:
        # Checked before indexing: the shards took 20 minutes at 1M before the merge found it missing.
        sys.exit("xapian-compact not found: install Debian xapian-tools to build the peer above "
                 f"{shard_size:,} sources")
    rows = source.execute("SELECT id, title, body, outlet, author, published_at FROM sources ORDER BY id")
    shards = []
    if total <= shard_size:
        count = index_rows(rows, tags, index_dir)
    else:
        count = 0
        while count < total:
            shard = f"{index_dir}.shard{len(shards)}"
            shards.append(shard)
            count += index_rows(rows, tags, shard, shard_size)
        # --no-renumber keeps each document's id (= its source id): the shards' id ranges are disjoint.
        if os.path.exists(index_dir):
            shutil.rmtree(index_dir)
        subprocess.run(["xapian-compact", "--no-renumber", "--multipass", *shards, index_dir],
                       check=True, stdout=subprocess.DEVNULL)
        for shard in shards:
            shutil.rmtree(shard)
    seconds = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = time.process_time() - cpu_started + children.ru_utime + children.ru_stime
    size = sum(os.path.getsize(os.path.join(index_dir, f)) for f in os.listdir(index_dir))
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, children.ru_maxrss) / 1024
    print(json.dumps({"docs": count, "seconds": seconds, "rate": count / seconds, "cpuSeconds": cpu_seconds,
                      "shards": len(shards), "flushThreshold": int(os.environ["XAPIAN_FLUSH_THRESHOLD"]),
                      "loadAverage": os.getloadavg(), "indexMb": size / 2**20, "peakRssMb": peak}))


def index_rows(rows, tags, index_dir, limit=None):
    """Indexes rows (up to limit) into a new database at index_dir; returns how many."""
    db = xapian.WritableDatabase(index_dir, xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("none"))
    count = 0
    for source_id, title, body, outlet, author, published in rows:
        doc = xapian.Document()
        generator.set_document(doc)
        generator.index_text(title, 10)
        generator.increase_termpos()
        generator.index_text(body)
        for prefix, value in (("XO", outlet), ("A", author)):
            for word in (value or "").lower().replace("’", " ").split():
                doc.add_boolean_term(prefix + word)
        for tag in tags.get(source_id, []):
            doc.add_boolean_term("K" + tag.lower())
        if published:
            doc.add_value(SLOT_DATE, published.replace("-", ""))
        doc.set_data(str(source_id))
        # Source ids only go up, so this appends: replace_document keeps Xapian's docid = source id.
        db.replace_document(source_id, doc)
        count += 1
        if count == limit:
            break
    db.commit()
    db.close()
    return count


def parse(db, query):
    """The mix's syntax, in Xapian's query parser: words, "phrases", prefix*, OR, -word, filters."""
    parser = xapian.QueryParser()
    parser.set_database(db)
    parser.set_stemming_strategy(xapian.QueryParser.STEM_NONE)
    parser.set_default_op(xapian.Query.OP_AND)
    parser.add_boolean_prefix("outlet", "XO")
    parser.add_boolean_prefix("author", "A")
    parser.add_boolean_prefix("tag", "K")
    parser.add_rangeprocessor(xapian.RangeProcessor(SLOT_DATE))
    after = before = None
    words = []
    for part in query.split(" "):
        if part.startswith("after:"):
            after = part[6:].replace("-", "")
        elif part.startswith("before:"):
            before = part[7:].replace("-", "")
        else:
            words.append(part)
    text = " ".join(words).replace('outlet:"canadian press"', "outlet:canadian outlet:press")
    flags = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD | xapian.QueryParser.FLAG_LOVEHATE
             | xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_BOOLEAN_ANY_CASE)
    parsed = parser.parse_query(text.lower().replace(" or ", " OR "), flags)
    if after or before:
        # Inclusive after:, exclusive before:, as Précis reads them (dates are YYYYMMDD strings).
        upper = str(int(before) - 1) if before else "99999999"
        parsed = xapian.Query(xapian.Query.OP_FILTER, parsed,
                              xapian.Query(xapian.Query.OP_VALUE_RANGE, SLOT_DATE, after or "00000000", upper))
    return parsed


def query(index_dir, repeats, archive):
    mix = json.load(sys.stdin)
    source = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    db = xapian.Database(index_dir)
    stemmer = xapian.Stem("none")
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(xapian.BM25Weight(1.2, 0, 1, 0.75, 0.5))
    out = []
    for item in mix:
        parsed = parse(db, item["query"])
        enquire.set_query(parsed)
        if item.get("sort") == "date":
            enquire.set_sort_by_value_then_relevance(SLOT_DATE, True)
        else:
            enquire.set_sort_by_relevance()
        samples = []
        total = 0
        for _ in range(repeats + 1):
            started = time.perf_counter()
            mset = enquire.get_mset(0, 20)
            for match in mset:
                body = source.execute("SELECT body FROM sources WHERE id = ?", (match.docid,)).fetchone()[0]
                mset.snippet(body, 200, stemmer, SNIPPET_FLAGS)
            samples.append((time.perf_counter() - started) * 1000)
            total = mset.get_matches_estimated()
        samples = samples[1:]
        out.append({"query": item["query"], "samples": samples, "medianMs": statistics.median(samples), "total": total})
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3], *(int(a) for a in sys.argv[4:5]))
    else:
        query(sys.argv[2], int(sys.argv[3]), sys.argv[4])
