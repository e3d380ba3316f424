#!/usr/bin/env python3
"""Run `quotegraph extract` over JSON Lines shards with Apache Spark (PySpark, RDD.pipe).

Each Spark partition streams its lines ({"id": ..., "text": ...} per line) through one
`quotegraph extract --jsonl -` process, which writes one JSON line per input record. Output
order follows partitions, not the input: compare or join records by id.

    python scripts/spark_extract.py shards/*.jsonl --output out.jsonl
    python scripts/spark_extract.py 'hdfs:///news/2024/*.jsonl' --output-dir hdfs:///qg/2024 \
        --master yarn --binary /opt/quotegraph/bin/quotegraph --model /opt/quotegraph/model

Needs `pyspark` (PyPI) and Java 17. The binary and the model directory must exist at the same
path on every executor (local mode: this machine). The run fails (exit 1) when the number of
output records differs from the number of input records, for example when a quotegraph
process could not start or load its model; records quotegraph could not process are error
records in the output, as with a plain run.
"""

import argparse
import os
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="JSONL shards: files, folders or globs (any Hadoop path)")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--output", type=Path, help="write all records to this local JSONL file")
    out.add_argument("--output-dir", help="write part files here with saveAsTextFile (any Hadoop path)")
    p.add_argument("--binary", default=os.environ.get("QUOTEGRAPH_BIN"),
                   help="quotegraph binary (default: $QUOTEGRAPH_BIN, else target/release/quotegraph)")
    p.add_argument("--model", help="model directory, passed to extract --model")
    p.add_argument("--batch-size", type=int, help="passed to extract --batch-size")
    p.add_argument("--include-text", action="store_true", help="passed to extract --include-text")
    p.add_argument("--partitions", type=int, default=4, help="minimum number of partitions (default 4)")
    p.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    return p.parse_args(argv)


def default_binary():
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "quotegraph"


def hadoop_path(path):
    """Local paths become absolute file: URIs; URIs with a scheme pass through."""
    if "://" in path:
        return path
    return "file://" + os.path.abspath(path)


def extract_command(args):
    binary = Path(args.binary) if args.binary else default_binary()
    if not binary.exists() and "/" in str(args.binary or "/"):
        sys.exit(f"spark_extract: no quotegraph binary at {binary} (build it or pass --binary)")
    command = [str(binary.resolve()), "extract", "--jsonl", "-"]
    if args.model:
        command += ["--model", os.path.abspath(args.model)]
    if args.batch_size:
        command += ["--batch-size", str(args.batch_size)]
    if args.include_text:
        command.append("--include-text")
    return command


# Environment variables that choose libtorch's CPU kernels and threads (see README: tests on
# CPUs without AVX512-BF16), passed from the driver to every extract process.
KERNEL_ENV = ("ATEN_CPU_CAPABILITY", "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA",
              "FBGEMM_ENABLE_INSTRUCTIONS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OMP_WAIT_POLICY",
              "GOMP_SPINCOUNT")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    command = extract_command(args)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    conf = (SparkConf().setAppName("quotegraph-extract").setMaster(args.master)
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        lines = (sc.textFile(",".join(hadoop_path(p) for p in args.inputs), args.partitions)
                 .filter(lambda line: line.strip() != ""))
        # RDD.pipe splits the command with shlex; quote it so paths with spaces survive. It
        # starts the command with an empty environment: pass on the driver's choice of
        # libtorch kernels and threads, so every partition computes as a plain run would.
        env = {name: os.environ[name] for name in KERNEL_ENV if name in os.environ}
        records = (lines.pipe(shlex.join(command), env=env)
                   .filter(lambda line: line.strip() != "").cache())
        n_in, n_out = lines.count(), records.count()
        if args.output is not None:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            with open(args.output, "w", encoding="utf-8") as out:
                for record in records.toLocalIterator():
                    out.write(record + "\n")
        else:
            records.saveAsTextFile(args.output_dir)
    finally:
        sc.stop()
    print(f"spark_extract: {n_in} records in, {n_out} out, "
          f"{lines.getNumPartitions()} partitions", file=sys.stderr)
    if n_in != n_out:
        print("spark_extract: record counts differ; see the quotegraph errors above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
