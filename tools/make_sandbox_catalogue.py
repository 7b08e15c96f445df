#!/usr/bin/env python3
"""Builds data/sandbox/ from JNE's published reference data (a developer's tool, run once).

Copies the destination, origin and branch lists as published, and turns the real
2013 Jakarta tariff table into today's tariff rows for origin CGK10000:
REG, OKE and YES scaled by 1.2 (the documented example charges 12,000 where the
2013 table says 10,000), plus the trucking family priced by the same rules as the
server's distance model (src/core/sandbox_tariff_model.cpp). Usage:

    tools/make_sandbox_catalogue.py ../shared/data/jne data/sandbox
"""
import csv
import shutil
import sys
from pathlib import Path

SCALE = 1.2


def round_to(value, step):
    return int((value + step / 2) // step * step)


def etd(text):
    text = text.strip()
    if not text:
        return None
    if text.startswith("+"):
        low = int(text[1:])
        return low, low + 4
    low, high = (int(part) for part in text.split("-"))
    return low, high


def main(source, target):
    source, target = Path(source), Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for name in ("destinations.csv", "origins.csv", "branches.csv"):
        shutil.copyfile(source / name, target / name)
    known = {row["tariff_code"] for row in csv.DictReader(open(source / "destinations.csv"))}

    rows = []
    for row in csv.DictReader(open(source / "tariff_from_CGK10000_2013.csv")):
        code = row["destination_code"]
        if code not in known or code == "BDO10000":
            continue
        reg = round_to(int(row["reg_price"]) * SCALE, 1000)
        reg_etd = etd(row["reg_etd"]) or (2, 3)
        rows.append((code, "REG19", reg, *reg_etd))
        if row["oke_price"]:
            rows.append((code, "OKE19", round_to(int(row["oke_price"]) * SCALE, 1000),
                         *(etd(row["oke_etd"]) or (reg_etd[0] + 1, reg_etd[1] + 1))))
        else:
            rows.append((code, "OKE19", round_to(reg * 0.87, 1000), reg_etd[0] + 1, reg_etd[1] + 1))
        if row["yes_price"]:
            rows.append((code, "YES19", round_to(int(row["yes_price"]) * SCALE, 1000), 1, 1))
        truck_etd = (reg_etd[0] + 2, reg_etd[1] + 2)
        rows.append((code, "JTR5", round_to(reg * 0.15, 100), *truck_etd))
        rows.append((code, "JTR18", round_to(reg * 0.375, 100), *truck_etd))

    # The original document's example, exactly: eight services, in its order (and one of 2023).
    example = [
        ("BDO10000", "REG19", 12000, 1, 2), ("BDO10000", "JTR5", 1800, 3, 4),
        ("BDO10000", "YES19", 24000, 1, 1), ("BDO10000", "JTR18", 4500, 3, 4),
        ("BDO10000", "JTR<130", 500000, None, None), ("BDO10000", "JTR<150", 500000, None, None),
        ("BDO10000", "JTR250", 850000, None, None), ("BDO10000", "SPS15", 403000, None, None),
        # 2023's trucking above 250 kg: accounts on 2019's codes never see it (core/service_codes).
        ("BDO10000", "JTR>250", 1200000, None, None),
    ]
    with open(target / "tariffs.csv", "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["origin_code", "destination_code", "service_code", "price", "etd_from", "etd_thru"])
        for code, service, price, low, high in example + rows:
            writer.writerow(["CGK10000", code, service, price, "" if low is None else low,
                             "" if high is None else high])


if __name__ == "__main__":
    main(*sys.argv[1:3])
