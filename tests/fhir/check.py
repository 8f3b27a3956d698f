#!/usr/bin/env python3
"""check.py: a FHIR Bundle of ipt export --format fhir against the
measures.csv it was made from, read independently of ipt.

    python3 tests/fhir/check.py BUNDLE CLIENT_DIR [SHIFT]

CLIENT_DIR's measures.csv must be the only client in the Bundle.  SHIFT
(days, default 0) is the date shift of a de-identified export.  Checks,
for every row: a QuestionnaireResponse when it has items (questionnaire,
one item per score, LOINC answer codes or valueInteger), an Observation
of the total (survey, code, value in {score}, band, derivedFrom the
response), an Observation of each positive risk row, and an
EpisodeOfCare per episode of treatment (episodes.csv's closed ones
finished, the current one from client.ini), each with its period.
Prints what differs; exit 1 if anything does.
"""
import configparser
import csv
import datetime
import json
import os
import sys

LOINC = "http://loinc.org"
# The codes, written again here from ipt-files(5): panel, total, items.
CODES = {
    "phq9": ("44249-1", "44261-6", ["44250-9", "44255-8", "44259-0",
             "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
             "44260-8"]),
    "gad7": ("69737-5", "70274-6", ["69725-0", "68509-9", "69733-4",
             "69734-2", "69735-9", "69689-8", "69736-7"]),
}
ANSWERS = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]

bad = []


def want(cond, what):
    if not cond:
        bad.append(what)


def check_episodes(byurl, pats, cdir, shift):
    """The episodes, read from the files: closed ones in episodes.csv,
    the current one from client.ini's start, status and ended_on."""
    def shifted(d):
        return (datetime.date.fromisoformat(d) +
                datetime.timedelta(days=shift)).isoformat()
    ini = configparser.ConfigParser()
    ini.read(cdir + "/client.ini")
    c = {k: v.strip('"') for k, v in ini["client"].items()}
    want_eps = []
    path = cdir + "/episodes.csv"
    if os.path.exists(path):
        for r in csv.DictReader(open(path)):
            want_eps.append(("finished", shifted(r["start"]),
                             shifted(r["ended_on"])))
    st = c.get("status", "") or "active"
    end = shifted(c["ended_on"]) if st == "ended" else None
    want_eps.append(({"ended": "finished", "paused": "onhold"}.get(
        st, "active"), shifted(c["start"]), end))
    got = [e for e in byurl.values() if e["resourceType"] == "EpisodeOfCare"]
    got.sort(key=lambda e: e["period"]["start"])
    want(len(got) == len(want_eps), "%d episodes, %d wanted" %
         (len(got), len(want_eps)))
    pid = [u for u, r in byurl.items() if r is pats[0]][0] if pats else ""
    for g, (status, start, end) in zip(got, want_eps):
        want(g["status"] == status and g["period"]["start"] == start and
             g["period"].get("end") == end and
             g["patient"]["reference"] == pid,
             "episode %s: %s %s" % (start, g["status"], g["period"]))


def main():
    bundle = json.load(open(sys.argv[1]))
    shift = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    rows = list(csv.DictReader(open(sys.argv[2] + "/measures.csv")))
    want(bundle["resourceType"] == "Bundle" and
         bundle["type"] == "transaction", "a transaction Bundle")
    byurl = {}
    for e in bundle["entry"]:
        byurl[e["fullUrl"]] = e["resource"]
        want(e["request"]["method"] == "POST" and
             e["request"]["url"] == e["resource"]["resourceType"],
             "request of " + e["fullUrl"])
    pats = [r for r in byurl.values() if r["resourceType"] == "Patient"]
    want(len(pats) == 1, "one Patient")
    qrs = [r for r in byurl.values()
           if r["resourceType"] == "QuestionnaireResponse"]
    obs = [r for r in byurl.values() if r["resourceType"] == "Observation"]
    totals = [o for o in obs if "valueQuantity" in o]
    risks = [o for o in obs if o["code"]["coding"][0]["code"] ==
             "risk-item-positive"]
    want(len(totals) == len(rows), "one total per row: %d, %d" %
         (len(totals), len(rows)))
    want(len(qrs) == len([r for r in rows if r["items"]]),
         "one response per row with items")
    want(len(risks) == len([r for r in rows if "risk" in r["flags"]]),
         "one risk Observation per flagged row")
    for i, r in enumerate(rows):
        day = (datetime.date.fromisoformat(r["date"]) +
               datetime.timedelta(days=shift)).isoformat()
        name = r["instrument"]
        panel, total, items = CODES.get(name, (None, None, None))
        o = totals[i]
        c = o["code"]["coding"][0]
        if total:
            want(c == {"system": LOINC, "code": total},
                 "%s total code %s" % (name, c))
        else:
            want(c == {"system": "urn:ipt:code", "code": name + "-total"},
                 "%s own total code %s" % (name, c))
        want(o["category"][0]["coding"][0]["code"] == "survey",
             "category survey")
        want(o["effectiveDateTime"] == day, "row %d date %s, %s" %
             (i + 1, o["effectiveDateTime"], day))
        q = o["valueQuantity"]
        want(float(q["value"]) == float(r["total"]) and
             q["code"] == "{score}" and
             q["system"] == "http://unitsofmeasure.org",
             "row %d total %s, %s" % (i + 1, q["value"], r["total"]))
        if r["severity"]:
            want(o["interpretation"][0]["coding"][0]["code"] ==
                 r["severity"], "row %d band" % (i + 1))
        if not r["items"]:
            want("derivedFrom" not in o, "a total alone has no response")
            continue
        qr = byurl[o["derivedFrom"][0]["reference"]]
        want(qr["resourceType"] == "QuestionnaireResponse" and
             qr["status"] == "completed" and qr["authored"] == day,
             "row %d response" % (i + 1))
        want(qr["questionnaire"] == ("http://loinc.org/q/" + panel
             if panel else "urn:ipt:questionnaire:" + name),
             "row %d questionnaire %s" % (i + 1, qr["questionnaire"]))
        scores = r["items"].split()
        want(len(qr["item"]) == len(scores), "row %d items" % (i + 1))
        for k, (it, s) in enumerate(zip(qr["item"], scores)):
            link = "/" + (items[k] if items else "%s-%d" % (name, k + 1))
            want(it["linkId"] == link, "row %d item %d linkId %s" %
                 (i + 1, k + 1, it["linkId"]))
            if s == "NA":
                want("answer" not in it, "NA has no answer")
            elif items:
                want(it["answer"] == [{"valueCoding": {
                     "system": LOINC, "code": ANSWERS[int(s)]}}],
                     "row %d item %d answer" % (i + 1, k + 1))
            else:
                want(it["answer"] == [{"valueInteger": int(s)}],
                     "row %d item %d score" % (i + 1, k + 1))
    for o in risks:
        want(o["valueBoolean"] is True and o["component"],
             "a risk Observation names its items")
    check_episodes(byurl, pats, sys.argv[2], shift)
    for b in bad:
        print("check.py: " + b)
    print("check.py: %d rows, %d problems" % (len(rows), len(bad)))
    return 1 if bad else 0


sys.exit(main())
