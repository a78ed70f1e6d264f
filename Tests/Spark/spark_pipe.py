#!/usr/bin/env python3
"""Runs `scrapelint clean --jsonl` as the per-partition step of Apache Spark (local mode) and checks that
the result equals a single-process run over the same input.

usage: spark_pipe.py SCRAPELINT INPUT.jsonl [PARTITIONS]
Exit status 0 when the outputs are equal, 1 when they differ, 2 on setup errors.

The recipe is the one documented in docs/spark.md: ship the binary with SparkContext.addFile (or
spark-submit --files), then RDD.pipe each partition's JSON lines through it.
"""
import os
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    partitions = int(sys.argv[3]) if len(sys.argv) > 3 else 2

    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(f"local[{partitions}]").appName("scrapelint-pipe")
             .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        context = spark.sparkContext
        context.addFile(binary)  # on a cluster: spark-submit --files scrapelint
        shipped = SparkFiles.get(os.path.basename(binary))
        lines = context.textFile(source, minPartitions=partitions)
        actual_partitions = lines.getNumPartitions()
        # Spark runs one partition per task; each task runs one single-threaded scrapelint.
        cleaned = lines.pipe(f"{shipped} clean --jsonl --jobs 1 --quiet -").collect()
    finally:
        spark.stop()

    with open(source, "rb") as handle:
        expected = subprocess.run([binary, "clean", "--jsonl", "--quiet", "-"], stdin=handle,
                                  capture_output=True, check=True).stdout.decode("utf-8").splitlines()
    if actual_partitions < 2:
        print(f"only {actual_partitions} partition(s); the test needs at least 2", file=sys.stderr)
        return 2
    if cleaned != expected:
        for index, (a, b) in enumerate(zip(cleaned, expected)):
            if a != b:
                print(f"first difference at record {index + 1}:\n spark:  {a[:200]}\n single: {b[:200]}", file=sys.stderr)
                break
        print(f"spark gave {len(cleaned)} records, single process {len(expected)}", file=sys.stderr)
        return 1
    print(f"spark ({actual_partitions} partitions) and single process agree on {len(cleaned)} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
