"""The hunter's notebook, as a test: a search through splunklib into pandas, Hashes split per algorithm.

`/usr/bin/python3 notebook.py <query>` with the same environment as sdk_scenarios.py. Prints the split
columns per row and the unique SHA256 counts, for the mocha side to check against src/results/hashes.ts.
"""

import json
import sys

import pandas as pd
import splunklib.results as results

from sdk_scenarios import connect, wait_done

service = connect()
job = service.jobs.create(sys.argv[1])
wait_done(job)
reader = results.JSONResultsReader(job.results(output_mode="json", count=0))
df = pd.DataFrame([r for r in reader if isinstance(r, dict)])

# The two ways notebooks usually do it: split into ALGO=HEX pairs, or pull one algorithm out with a regex.
pairs = df["Hashes"].str.split(",")
df["MD5"] = pairs.apply(lambda ps: next((p.split("=", 1)[1] for p in ps if p.upper().startswith("MD5=")), None))
df["SHA256"] = df["Hashes"].str.extract(r"(?i)SHA256=([0-9a-f]{64})", expand=False).str.upper()
df["MD5"] = df["MD5"].str.upper()

unique = df["SHA256"].dropna().value_counts()
json.dump({
    "rows": [
        {"ProcessGuid": g, "Hashes": h, "SHA256": s if isinstance(s, str) else None, "MD5": m if isinstance(m, str) else None}
        for g, h, s, m in zip(df["ProcessGuid"], df["Hashes"], df["SHA256"], df["MD5"])
    ],
    "uniqueSha256": {k: int(v) for k, v in unique.items()},
}, sys.stdout)
