"""Run an NQL script over JSON Lines or folders of pages with Apache Spark, with the result one nql gives.

    nql-spark SCRIPT.nql INPUT... --out DIR [--master local[2]] [--partitions N] [--format json] [--pages]

Map: every partition of the input is piped through one `nql` process (the binary and its
entity model are shipped to the workers with SparkContext.addFile). When the script ends
with a mergeable built-in (len, tally, timeline, cooccur, stories ...), each process runs
with `--partial --part I` and prints partial results; the driver collects them and
`nql --merge` prints the result over the whole input into DIR/result.FORMAT. Otherwise the
script is a map stage and its output lines are saved as DIR/part-* (saveAsTextFile).

Pages (a folder or glob of HTML, text, Markdown, JSON files: whatever load(folder) reads) are read
with binaryFiles and sorted by path into the partitions; each partition writes its pages into a
private temporary folder and `nql -f jsonl -e 'load(TMP)'` turns them into the article lines the
script reads, with the ids load(folder) gives in one process (see pages_to_lines).
"""
import argparse
import json
import os
import shlex
import subprocess
import shutil
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def find_model(nql):
    for d in [os.environ.get("NQL_MODEL_DIR"), os.path.join(os.path.dirname(nql), "nql_NQLNews.resources", "Resources"),
              os.path.join(ROOT, "Sources", "NQLNews", "Resources")]:
        if d and os.path.isfile(os.path.join(d, "ner.model")):
            return os.path.join(d, "ner.model")
    sys.exit("nql-spark: ner.model not found (set NQL_MODEL_DIR)")


def aggregates(nql, script):
    """Whether the script ends with a mergeable built-in: nql says so on empty input (exit 2 if not)."""
    run = subprocess.run([nql, "--partial", "-e", script], stdin=subprocess.DEVNULL, capture_output=True)
    if run.returncode == 2:
        return False
    if run.returncode not in (0, 4):  # 4: the empty input could not be read, the rest ran
        sys.exit("nql-spark: the script does not run:\n" + run.stderr.decode(errors="replace"))
    return True


def pipe_partition(script, partial):
    """The map stage: one nql per partition, lines in, lines out (RDD.pipe, with the partition's number)."""

    def run(index, lines):
        from pyspark import SparkFiles
        nql = SparkFiles.get("nql")
        os.chmod(nql, 0o755)
        env = dict(os.environ, NQL_MODEL_DIR=os.path.dirname(SparkFiles.get("ner.model")))
        args = [nql, "-f", "jsonl", "-e", script] + (["--partial", "--part", str(index)] if partial else [])
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

        fed = [0]

        def feed():
            try:
                for line in lines:
                    fed[0] += 1
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass
            finally:
                proc.stdin.close()

        errors = []
        threading.Thread(target=feed, daemon=True).start()
        drain = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)
        drain.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        code = proc.wait()
        drain.join()
        message = b"".join(errors).decode(errors="replace")
        if code not in (0, 4):  # 4: some lines could not be read; nql said which on stderr
            raise RuntimeError("nql %s failed with exit code %d on partition %d:\n%s" % (shlex.join(args[:4]), code, index, message))
        if message and not (code == 4 and fed[0] == 0):  # an empty partition is no news
            sys.stderr.write(message)

    return run


# Sources/NQLNews/Load/ArticleLoader.swift, formatsByExtension: the files load(folder) reads.
PAGE_EXTENSIONS = {"txt", "text", "md", "markdown", "html", "htm", "xhtml", "json", "jsonl", "ndjson"}
LINE_EXTENSIONS = {"jsonl", "ndjson"}
GLOB_CHARS = set("*?[")


def extension(path):
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name.lstrip(".") else ""


def reads_pages(inputs):
    """Whether the inputs are pages rather than JSON Lines: a local folder holding any file that is
    not JSON Lines, or a file or glob naming pages (.html, .txt, .md ...). Remote folders: --pages."""
    for path in inputs:
        if "://" in path:
            if extension(path) in PAGE_EXTENSIONS - LINE_EXTENSIONS:
                return True
        elif os.path.isdir(path):
            for _, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                if any(extension(f) in PAGE_EXTENSIONS - LINE_EXTENSIONS for f in files if not f.startswith(".")):
                    return True
        elif extension(path) in PAGE_EXTENSIONS - LINE_EXTENSIONS:
            return True
    return False


def display_prefixes(inputs):
    """(URI prefix, path prefix) pairs that turn the file URIs Spark gives back into the paths
    load(INPUT) gives one nql: "file:/abs/pages/a.html" -> "pages/a.html" for the input "pages/"."""
    out = []
    for path in inputs:
        if "://" in path or path.startswith("file:"):
            continue  # a remote path: its URI is its name
        parts = path.split("/")
        lead = next((i for i, part in enumerate(parts) if GLOB_CHARS & set(part)), len(parts))
        base = "/".join(parts[:lead]).rstrip("/") or ("/" if path.startswith("/") else ".")
        uri = "file:" + os.path.abspath(base)
        # load shows a path under the current folder relative to it (as ArticleBuiltins.load does).
        cwd = os.getcwd() + "/"
        shown = base[len(cwd):] if base.startswith(cwd) else base
        out.append((uri, "" if base == "." and not path.startswith("./") else shown))
    return sorted(out, key=lambda p: -len(p[0]))


def display_path(uri, prefixes):
    for prefix, shown in prefixes:
        if uri == prefix:
            return shown
        if uri.startswith(prefix + "/"):
            rest = uri[len(prefix) + 1:]
            return shown.rstrip("/") + "/" + rest if shown else rest
    return uri


def pages_to_lines(prefixes):
    """The pages of one partition (in path order) as the JSON Lines of their articles: written into a
    private temporary folder as p/NNNNNN/NAME (so the file name decides the format, as in load(folder),
    and the folder's sorted order is the partition's order), loaded by nql, and given back the ids
    and paths load(folder) gives ("pages/a.html#1", not "p/000000/a.html#1")."""

    def run(index, pages):
        from pyspark import SparkFiles
        nql = SparkFiles.get("nql")
        os.chmod(nql, 0o755)
        env = dict(os.environ, NQL_MODEL_DIR=os.path.dirname(SparkFiles.get("ner.model")))
        tmp = tempfile.mkdtemp(prefix="nql-spark-pages.")
        try:
            shown = {}  # "p/NNNNNN/NAME" -> the path load(INPUT) shows
            for n, (uri, data) in enumerate(pages):
                name = uri.rsplit("/", 1)[-1]
                if name.startswith(".") or extension(name) not in PAGE_EXTENSIONS:
                    continue  # load(folder) skips these too
                local = "p/%06d/%s" % (n, name)
                os.makedirs(os.path.join(tmp, os.path.dirname(local)))
                with open(os.path.join(tmp, local), "wb") as f:
                    f.write(data)
                shown[local] = display_path(uri, prefixes)
            if not shown:
                return
            # Run in the temporary folder, so nql shows the files as p/NNNNNN/NAME.
            load = subprocess.run([nql, "-f", "jsonl", "-e", 'load("p")'], capture_output=True, env=env, cwd=tmp)
            message = load.stderr.decode(errors="replace")
            for local, path in shown.items():
                message = message.replace(local, path)
            if load.returncode not in (0, 4):  # 4: some pages could not be read; nql said which
                raise RuntimeError("nql could not load the pages of partition %d:\n%s" % (index, message))
            if message:
                sys.stderr.write(message)
            for line in load.stdout.decode("utf-8").splitlines():
                article = json.loads(line)
                local = article.get("path")
                if local in shown:
                    article["path"] = shown[local]
                    if isinstance(article.get("id"), str) and article["id"].startswith(local):
                        article["id"] = shown[local] + article["id"][len(local):]
                yield json.dumps(article, ensure_ascii=False, separators=(",", ":"))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    return run


MAX_BUCKET_PAIRS = 40  # StoryOptions.maxBucketPairs in Sources/NQLNews/Analysis/Stories.swift


def band_entries(line):
    """A stories partial (one article) as ((band, key), (part, index)) pairs: its LSH buckets."""
    d = json.loads(line)
    ref = (d["part"], d["index"])
    return [((b, key), ref) for b, key in enumerate(d["value"]["bands"])]


def bucket_pairs(refs):
    """Candidate pairs of one LSH bucket, as Analysis.shingleEdges makes them: every pair, or for a
    bucket of more than MAX_BUCKET_PAIRS articles a chain and a star (in article order)."""
    refs = sorted(refs)
    n = len(refs)
    if n * (n - 1) // 2 <= MAX_BUCKET_PAIRS * (MAX_BUCKET_PAIRS - 1) // 2:
        return [refs[x] + refs[y] for x in range(n) for y in range(x + 1, n)]
    return [p for x in range(1, n) for p in (refs[0] + refs[x], refs[x - 1] + refs[x])]


def main(argv):
    p = argparse.ArgumentParser(prog="nql-spark", description=__doc__.split("\n\n")[0])
    p.add_argument("script", help="the NQL script (reads its input with load(\"-\"))")
    p.add_argument("inputs", nargs="+", help="JSON Lines files, folders of them or globs, or folders or globs of pages "
                   "(any path Spark's file system reads)")
    p.add_argument("--out", required=True, help="the folder to write the result into")
    p.add_argument("--master", default=os.environ.get("SPARK_MASTER", "local[2]"))
    p.add_argument("--partitions", type=int, default=8, help="the least number of partitions (default 8)")
    p.add_argument("--format", default="json", help="the result's format, as nql --format (default json)")
    p.add_argument("--pages", action="store_true", help="read the inputs as pages, as load(folder) reads them "
                   "(the default for a local folder with pages in it, or a glob of .html, .txt, .md ... files)")
    p.add_argument("--nql", default=os.path.join(ROOT, ".build", "release", "nql"), help="the nql binary to ship")
    a = p.parse_args(argv)

    with open(a.script, encoding="utf-8") as f:
        script = f.read()
    nql = os.path.abspath(a.nql)
    if not os.access(nql, os.X_OK):
        sys.exit("nql-spark: no nql binary at %s (swift build -c release --static-swift-stdlib --product nql)" % nql)
    partial = aggregates(nql, script)

    from pyspark import SparkConf, SparkContext
    sc = SparkContext(conf=SparkConf().setMaster(a.master).setAppName("nql-spark " + os.path.basename(a.script)))
    sc.setLogLevel("ERROR")
    try:
        sc.addFile(nql)
        sc.addFile(find_model(nql))
        if a.pages or reads_pages(a.inputs):
            # Whole files, sorted by path (as load(folder) orders them), in at least --partitions ranges.
            sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
            pages = sc.binaryFiles(",".join(a.inputs), minPartitions=a.partitions).sortByKey(numPartitions=a.partitions)
            lines = pages.mapPartitionsWithIndex(pages_to_lines(display_prefixes(a.inputs)))
            kind = "pages"
        else:
            lines = sc.textFile(",".join(a.inputs), minPartitions=a.partitions)
            kind = "JSON Lines"
        sys.stderr.write("nql-spark: %d partitions of %s, %s\n" % (lines.getNumPartitions(), kind, "partial + merge" if partial else "map only"))
        mapped = lines.mapPartitionsWithIndex(pipe_partition(script, partial))
        if not partial:
            mapped.saveAsTextFile(a.out)
            return 0
        mapped.cache()
        partials = mapped.collect()
        if partials and json.loads(partials[0]).get("builtin") == "stories":
            # Stories: group the articles by LSH band key in Spark; the merge verifies the candidate pairs.
            pairs = (mapped.flatMap(band_entries).groupByKey().flatMap(lambda kv: bucket_pairs(list(kv[1])))
                     .distinct().collect())
            head = json.loads(partials[0])
            partials.append(json.dumps({"nql_partial": head["nql_partial"], "builtin": "stories", "stage": head["stage"],
                                        "options": head["options"], "part": 0, "value": {"pairs": [list(p) for p in pairs]}},
                                       separators=(",", ":")))
    finally:
        sc.stop()
    os.makedirs(a.out, exist_ok=True)
    # Reduce: the partials in any order; nql --merge orders them by part.
    merged = subprocess.run([nql, "--merge", "--format", a.format], input=("\n".join(partials) + "\n").encode("utf-8"),
                            capture_output=True, env=dict(os.environ, NQL_MODEL_DIR=os.path.dirname(find_model(nql))))
    sys.stderr.write(merged.stderr.decode(errors="replace"))
    if merged.returncode != 0:
        return merged.returncode
    with open(os.path.join(a.out, "result." + a.format), "wb") as f:
        f.write(merged.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
