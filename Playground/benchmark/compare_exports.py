#!/usr/bin/env python3
"""Compares two dashboard exports cell for cell: same cells, same order, values equal to
1e-9 (relative). Exit 0 when equal; prints the first differences otherwise.

    compare_exports.py A.csv B.csv
"""
import csv, sys

def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]

def main():
    (ha, a), (hb, b) = read(sys.argv[1]), read(sys.argv[2])
    problems = []
    if ha != hb:
        problems.append(f"headers differ: {ha} / {hb}")
    ka = {tuple(r[:5]): r[5] for r in a}
    kb = {tuple(r[:5]): r[5] for r in b}
    for k in sorted(set(ka) - set(kb))[:10]: problems.append(f"only in {sys.argv[1]}: {','.join(k)}={ka[k]}")
    for k in sorted(set(kb) - set(ka))[:10]: problems.append(f"only in {sys.argv[2]}: {','.join(k)}={kb[k]}")
    bad = 0
    for k in ka.keys() & kb.keys():
        x, y = float(ka[k]), float(kb[k])
        if abs(x - y) > 1e-9 * max(1.0, abs(x), abs(y)):
            bad += 1
            if bad <= 10: problems.append(f"differs: {','.join(k)}: {ka[k]} / {kb[k]}")
    if not problems and [r[:5] for r in a] != [r[:5] for r in b]:
        problems.append("same cells, different order")
    if problems:
        print(f"{len(ka)} / {len(kb)} cells, {bad} values differ", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"equal: {len(ka)} cells")

if __name__ == "__main__":
    main()
