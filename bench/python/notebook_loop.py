"""The hunter's notebook loop, timed: a search through splunklib, results pages read with JSONResultsReader
into a pandas DataFrame, then `Hashes` split into SHA256 and MD5 with str.split.

`/usr/bin/python3 notebook_loop.py <query> <rows>`, with splunklib on PYTHONPATH and the server in
SPLWB_SCHEME/HOST/PORT/USER/PASSWORD. Prints one JSON line: wall and CPU seconds of the loop (from job
creation to the split columns; interpreter start and imports excluded, as a notebook has them loaded),
the rows seen, and the seconds spent splitting.
"""

import json
import os
import sys
import time

import pandas as pd
import splunklib.client as client
import splunklib.results as results

PAGE = 50_000

query, wanted = sys.argv[1], int(sys.argv[2])
service = client.connect(host=os.environ["SPLWB_HOST"], port=int(os.environ["SPLWB_PORT"]),
                         scheme=os.environ["SPLWB_SCHEME"], username=os.environ["SPLWB_USER"],
                         password=os.environ["SPLWB_PASSWORD"])

wall0, cpu0 = time.perf_counter(), time.process_time()
job = service.jobs.create(query)
while not job.is_done():
    time.sleep(0.05)
rows = []
offset = 0
total = int(job["resultCount"])
while offset < total:
    reader = results.JSONResultsReader(job.results(output_mode="json", count=PAGE, offset=offset))
    page = [r for r in reader if isinstance(r, dict)]
    if not page:
        break
    rows.extend(page)
    offset += len(page)
df = pd.DataFrame(rows)
split0 = time.perf_counter()
pairs = df["Hashes"].str.split(",")
def pick(algo):
    prefix = algo + "="
    return pairs.apply(lambda ps: next((p[len(prefix):] for p in ps if p.startswith(prefix)), None) if isinstance(ps, list) else None)
df["SHA256"] = pick("SHA256")
df["MD5"] = pick("MD5")
split = time.perf_counter() - split0
wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
job.cancel()
json.dump({"wall": wall, "cpu": cpu, "rows": len(df), "split": split,
           "sha256": int(df["SHA256"].notna().sum())}, sys.stdout)
