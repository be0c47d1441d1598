"""Splunk's Python SDK (splunklib), unchanged, against the local server: one scenario per run.

Run by test/integration/python-sdk.test.ts as `/usr/bin/python3 sdk_scenarios.py <scenario> [query]`,
with splunklib on PYTHONPATH and the server in SPLWB_SCHEME/HOST/PORT/USER/PASSWORD/TOKEN. Each scenario
prints one JSON document on stdout; the mocha side compares it with what the engine returns.
"""

import json
import os
import sys
import time
import warnings

import splunklib.binding as binding
import splunklib.client as client
import splunklib.results as results

# ResultsReader is deprecated in favour of JSONResultsReader, but it is what older notebooks and msticpy use.
warnings.simplefilter("ignore", DeprecationWarning)


def connect(**overrides):
    params = {
        "host": os.environ["SPLWB_HOST"],
        "port": int(os.environ["SPLWB_PORT"]),
        "scheme": os.environ["SPLWB_SCHEME"],
        "username": os.environ["SPLWB_USER"],
        "password": os.environ["SPLWB_PASSWORD"],
    }
    params.update(overrides)
    return client.connect(**{k: v for k, v in params.items() if v is not None})


def rows_and_messages(reader):
    rows, messages = [], []
    for item in reader:
        if isinstance(item, results.Message):
            messages.append({"type": item.type, "text": item.message})
        else:
            rows.append(dict(item))
    return rows, messages, reader.is_preview


def read_xml(stream):
    rows, messages, preview = rows_and_messages(results.ResultsReader(stream))
    return {"rows": rows, "messages": messages, "preview": preview}


def read_json(stream):
    rows, messages, preview = rows_and_messages(results.JSONResultsReader(stream))
    return {"rows": rows, "messages": messages, "preview": preview}


def wait_done(job):
    """The notebook's polling loop; returns the dispatch states seen on the way."""
    states = []
    deadline = time.time() + 30
    while not job.is_done():
        states.append(job["dispatchState"])
        if time.time() > deadline:
            raise RuntimeError("job did not finish in 30 s")
        time.sleep(0.05)
    states.append(job["dispatchState"])
    return states


def finished(job, *keys):
    """A finished job's properties named by `keys`, and its results read as XML."""
    return {**{k: job[k] for k in keys}, "xml": read_xml(job.results(count=0))}


def login_password(_query):
    service = connect()
    info = service.info
    return {
        "token_scheme": service.token.split(" ")[0],
        "version": info["version"],
        "serverName": info["serverName"],
        "v2": not service.disable_v2_api,
    }


def login_token(_query):
    service = connect(username=None, password=None, splunkToken=os.environ["SPLWB_TOKEN"])
    return {"version": service.info["version"], "jobs": len(service.jobs.list())}


def login_wrong_password(_query):
    try:
        connect(password="not-the-password")
    except binding.AuthenticationError as err:
        return {"error": type(err).__name__, "status": err.status, "message": str(err)}
    return {"error": None}


def normal(query):
    service = connect()
    job = service.jobs.create(query)
    states = wait_done(job)
    listed = [j.sid for j in service.jobs.list()]
    return {
        "sid": job.sid,
        "states": states,
        "listed": job.sid in listed,
        "content": {k: job[k] for k in ("isDone", "isFailed", "dispatchState", "resultCount", "doneProgress")},
        "owner": job.access.owner,
        "xml": read_xml(job.results(count=0)),
        "json": read_json(job.results(output_mode="json", count=0)),
    }


def blocking(query):
    service = connect()
    job = service.jobs.create(query, exec_mode="blocking")
    job.refresh()
    return finished(job, "dispatchState", "isDone", "resultCount")


def oneshot(query):
    service = connect()
    return {
        "xml": read_xml(service.jobs.oneshot(query, count=0)),
        "json": read_json(service.jobs.oneshot(query, count=0, output_mode="json")),
    }


def export(query):
    service = connect()
    return {
        "xml": read_xml(service.jobs.export(query)),
        "json": read_json(service.jobs.export(query, output_mode="json")),
        "csv": service.jobs.export(query, output_mode="csv").read().decode("utf-8"),
    }


def cancel(query):
    service = connect()
    job = service.jobs.create(query)
    job.refresh()
    before = job["dispatchState"]
    job.cancel()
    job.cancel()  # a second cancel is a no-op for the SDK (it swallows the 404)
    try:
        job.refresh()
        after = "still there"
    except binding.HTTPError as err:
        after = {"status": err.status, "message": str(err)}
    return {"sid": job.sid, "before": before, "after": after}


def failed(query):
    service = connect()
    try:
        service.jobs.create(query)
        rejected = None
    except binding.HTTPError as err:
        rejected = {"status": err.status, "message": str(err)}
    return {"rejected": rejected}


def failed_after_dispatch(query):
    service = connect()
    job = service.jobs.create(query)
    wait_done(job)
    return finished(job, "dispatchState", "isFailed", "messages")


def paging(query):
    service = connect()
    job = service.jobs.create(query, exec_mode="blocking")
    total = int(job.refresh()["resultCount"])
    pages, offset = [], 0
    while offset < total:
        page = read_xml(job.results(count=0, offset=offset))["rows"]
        if not page:
            break
        # Two columns are enough to check order and completeness row by row, and keep stdout small.
        pages.append({"offset": offset, "rows": [[r.get("ProcessGuid"), r.get("_time")] for r in page]})
        offset += len(page)
    beyond = read_xml(job.results(count=10, offset=total))["rows"]
    return {"resultCount": total, "pages": pages, "beyond": len(beyond)}


def summary_timeline(query):
    """job.summary() and job.timeline() as a notebook reads them: splunkd's XML through ElementTree."""
    import xml.etree.ElementTree as ET
    service = connect()
    job = service.jobs.create(query, exec_mode="blocking")
    summary = ET.fromstring(job.summary().read())
    timeline = ET.fromstring(job.timeline().read())
    return {
        "count": int(summary.get("count")),
        "fields": {f.get("k"): {"c": int(f.get("c")), "nc": int(f.get("nc")), "dc": int(f.get("dc")),
                                "modes": [[v.findtext("text"), int(v.get("c"))] for v in f.find("modes")]}
                   for f in summary.findall("field")},
        "timeline": {"c": int(timeline.get("c")),
                     "buckets": [[int(b.get("a")), int(b.get("c")), b.get("t")] for b in timeline.findall("bucket")]},
    }


SCENARIOS = {
    "summary-timeline": summary_timeline,
    "login-password": login_password,
    "login-token": login_token,
    "login-wrong-password": login_wrong_password,
    "normal": normal,
    "blocking": blocking,
    "oneshot": oneshot,
    "export": export,
    "cancel": cancel,
    "failed": failed,
    "failed-after-dispatch": failed_after_dispatch,
    "paging": paging,
}

if __name__ == "__main__":
    scenario = SCENARIOS[sys.argv[1]]
    json.dump(scenario(sys.argv[2] if len(sys.argv) > 2 else None), sys.stdout)
