#!/usr/bin/env python3
"""The CPO dashboard of a Pilotage dataset, computed by DuckDB in SQL, as a careful DuckDB
user would write it: the benchmark's reference engine and a cross-check of the export, cell
for cell.

    duckdb_dashboard.py DATASET_DIR OUT.csv [--threads N] [--programmes]

Every rule of indicators.md, set-based. Each CSV file is read once, with its column types
given; the events (most of the data) are never stored: one grouped pass turns them into
facts per young person. The pathways and situations are read into tables, grouped once per
young person too (the situations after a join with the same person's pathways), and the
facts are joined on youth_id. A fact that holds in some years of the dataset is a bit mask
over those years (bit k: the k-th year from the first), so one row per young person carries
every year; values that are not yes/no (the first entry, the last exit's outcome as bits of
8.1's lines, the sums of durations) are one column per year. The counts are then taken per
ML and pattern of the five breakdown flags (one pass: a column per line and year), spread
over the breakdowns, and the three levels summed in one grouping. No correlated subquery, no
join per line, no scan per line.

The formulation of the earlier benchmarks (until fd126b6) computed the same cells in 57 s on
the national preset: each table crossed with the years, a correlated subquery over the events
for G.4 and 4.2, one join of the levels per ratio.

With --programmes, the programme tables instead (indicators.md, « Programme tables »): the
same SQL once per national programme P with `nat` read as « a pathway of programme P », the
lines that read national pathways only, `breakdown` the programme's code.
"""
import json, os, sys, time
import duckdb

CATALOGUE = """0.1 0.2 1 R1 2 R2 2.1 R3 2.2 2.bis.1 R4 3 3.1 3.2 3.2.a 3.3 R5 R6 S.1 4 4.1 4.1.end R7
4.1.f 4.1.f.immersion 4.1.f.emploi 4.1.f.alternance 4.1.f.apprentissage 4.1.f.durable
4.1.f.service_civique 4.1.g 4.1.g.1 4.1.h 4.1.i R8 4.2.m4.base 4.2.m4 4.2.m12.base 4.2.m12
R9 4.3 4.4 4.4.sante 4.4.logement 4.4.mobilite 4.4.ressources 4.4.loisirs_culture
4.4.citoyennete 5 6 6.1 6.1.formation 6.1.emploi 6.1.eav 6.2 7 8 8.1 8.1.f 8.1.f.durable
8.1.f.cui 8.1.f.cui_cae 8.1.f.cui_cie 8.1.f.eav 8.1.f.eav_non_marchand 8.1.f.alternance
8.1.f.apprentissage 8.1.f.creation R10 8.1.g 8.1.g.initiale 8.1.g.qualifiante 8.1.g.cpf
8.1.reorientation 8.1.h 8.1.i R11 8.2 9 9.1 R12 R13 10 10.1.a 10.1.b 10.1.c 10.1.d 10.1.e
D.1 G.4.base G.4 RG O.4""".split()
BREAKDOWNS = ["all", "women", "low_qualified", "qpv", "zrr", "neet"]
NEET_LINES = {"3", "3.1", "3.2", "3.2.a"}
SUMS = {"0.1": ("context", "jano_16_25"), "0.2": ("context", "defm_16_25"), "9": ("resources", "etp_total"),
        "9.1": ("resources", "etp_accompaniment"), "10": ("funding", "1=1"), "10.1.a": ("funding", "line = 'socle'"),
        "10.1.b": ("funding", "funder = 'etat'"), "10.1.c": ("funding", "funder IN ('fse','iej')")}
# ratio: (numerator, denominator, breakdowns)
FIVE = BREAKDOWNS[:5]
RATIOS = {"R1": ("1", "0.1", ["all"]), "R3": ("2.1", "2", FIVE), "R4": ("2.bis.1", "0.1", ["all"]), "R5": ("3", "1", FIVE),
          "R6": ("2.1", "3", FIVE), "R7": ("4.1", "2.bis.1", FIVE), "R8": ("4.1.i", "4.1.end", FIVE), "R9": ("4.2.m12", "4.2.m12.base", FIVE),
          "R10": ("8.1.f", "8.1", FIVE), "R11": ("8.1.i", "8.1", FIVE), "R12": ("9.1", "9", ["all"]), "R13": ("4", "9.1", ["all"]),
          "10.1.d": ("10.1.b", "1", ["all"]), "10.1.e": ("10.1.b", "4", ["all"]), "RG": ("G.4", "G.4.base", FIVE)}
NATIONAL = ["civis", "civis_renforce", "ppae", "garantie_jeunes", "pacea"]
PROGRAMME_LINES = ["3.1", "4.1", "4.1.end", "4.1.f", "4.1.f.immersion", "4.1.f.emploi", "4.1.f.alternance",
                   "4.1.f.apprentissage", "4.1.f.durable", "4.1.f.service_civique", "4.1.g", "4.1.g.1", "4.1.h", "4.1.i",
                   "R8", "4.2.m4.base", "4.2.m4", "4.2.m12.base", "4.2.m12", "R9", "6.1", "6.1.formation", "6.1.emploi",
                   "6.1.eav"] + [i for i in CATALOGUE if i == "8.1" or i.startswith("8.1.")] + ["R10", "R11"]
# 8.1's "dont" lines, read on the person's last national exit of the year.
EXITS = {"8.1.f": "o = 'emploi'", "8.1.f.durable": "o = 'emploi' AND du",
         "8.1.f.cui": "o = 'emploi' AND od IN ('cui_cae','cui_cie')", "8.1.f.cui_cae": "o = 'emploi' AND od = 'cui_cae'",
         "8.1.f.cui_cie": "o = 'emploi' AND od = 'cui_cie'", "8.1.f.eav": "o = 'emploi' AND od = 'eav'",
         "8.1.f.eav_non_marchand": "o = 'emploi' AND od = 'eav' AND nm",
         "8.1.f.alternance": "o = 'emploi' AND od IN ('apprentissage','professionnalisation')",
         "8.1.f.apprentissage": "o = 'emploi' AND od = 'apprentissage'", "8.1.f.creation": "o = 'emploi' AND od = 'creation'",
         "8.1.g": "o = 'formation'", "8.1.g.initiale": "o = 'formation' AND od = 'initiale'",
         "8.1.g.qualifiante": "o = 'formation' AND od = 'qualifiante'", "8.1.g.cpf": "o = 'formation' AND cpf",
         "8.1.reorientation": "o = 'reorientation'", "8.1.h": "o = 'service_civique'", "8.1.i": "o = 'sans_solution'"}
DOMAINS = ["sante", "logement", "mobilite", "ressources", "loisirs_culture", "citoyennete"]
V = "VARCHAR"

def b(col):
    """A boolean column of the format: 1/true/oui in any case; empty is 0."""
    return f"(lower(coalesce({col}, '')) IN ('1','true','oui'))"

def months(d, k):
    """d ⊕ k months (DuckDB clamps to the month's last day, as the specification does)."""
    return f"({d} + INTERVAL {k} MONTH)::DATE"

class Dashboard:
    def __init__(self, d, threads):
        self.d = d
        self.years = sorted(json.load(open(os.path.join(d, "dataset.json")))["years"])
        self.con, self.packed = duckdb.connect(), {}
        self.con.execute(f"SET threads = {threads}")
        self.con.execute("SET preserve_insertion_order = false")
        y0, y1 = self.years[0], self.years[-1]
        # The years from lo to hi that are in the dataset's range, as a bit mask (bit k: year y0 + k); 0 when
        # either is NULL (greatest and least skip NULLs).
        self.con.execute(f"""CREATE MACRO span(lo, hi) AS CASE WHEN lo <= least(hi, {y1}) AND greatest(lo, {y0}) <= hi
            THEN ((1::BIGINT << (least(hi, {y1}) - {y0} + 1)) - 1) & ~((1::BIGINT << (greatest(lo, {y0}) - {y0})) - 1) ELSE 0 END""")
        self.con.execute(f"CREATE MACRO yb(y) AS CASE WHEN y BETWEEN {y0} AND {y1} THEN 1::BIGINT << (y - {y0}) ELSE 0 END")

    def read(self, name, cols):
        spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in cols) + "}"
        return (f"read_csv('{os.path.join(self.d, name)}', header = true, auto_detect = false, delim = ',', "
                f"quote = '\"', escape = '\"', columns = {spec})")

    def per_year(self, agg, cond, name):
        """One aggregate per year of the dataset, as columns name_0, name_1… (year y0 + k)."""
        return ", ".join(f"{agg} FILTER (WHERE {cond.format(y=y)}) AS {name}_{k}" for k, y in enumerate(self.years))

    def pack(self, facts):
        """Yes/no facts as few columns: fact i's mask of years at bits i·n… of a word (n years in the dataset),
        one bit_or per word instead of one aggregate per fact. facts: (name, condition, mask of years)."""
        n = len(self.years)
        per = 63 // n
        words = []
        for j in range(0, len(facts), per):
            chunk, word = facts[j:j + per], f"w_{facts[j][0]}"
            words.append("bit_or(" + " | ".join(f"CASE WHEN {cond} THEN coalesce({mask}, 0) << {i * n} ELSE 0 END"
                                               for i, (_, cond, mask) in enumerate(chunk)) + f") AS {word}")
            self.packed |= {name: (word, i * n) for i, (name, _, _) in enumerate(chunk)}
        return ", ".join(words)

    def unpack(self, name):
        word, at = self.packed[name]
        return f"(coalesce({word}, 0) >> {at}) & {(1 << len(self.years)) - 1} AS {name}"

    def load(self):
        """Each file read once; the events straight into their facts per young person."""
        con, rd = self.con, self.read
        con.execute(f"CREATE TABLE missions AS SELECT ml_id, region_code FROM read_csv('{os.path.join(self.d, 'missions.csv')}', header = true, all_varchar = true)")
        con.execute(f"""CREATE TABLE youth AS SELECT youth_id, ml_id, sex = 'F' AS women,
            (level IN ('VI','Vbis') OR (level = 'V' AND NOT {b('diploma')})) AS low_qualified, {b('qpv')} AS qpv, {b('zrr')} AS zrr, {b('neet')} AS neet
            FROM {rd('youth.csv', [('youth_id', V), ('ml_id', V), ('sex', V), ('birth_date', 'DATE'), ('level', V), ('diploma', V), ('qpv', V), ('zrr', V), ('neet', V)])}""")
        con.execute(f"""CREATE TABLE pw AS SELECT pathway_id, youth_id, program, start_date AS s, end_date AS en,
            coalesce(end_date, DATE '9999-12-31') AS e_, program IN ('regional','local') AS rl, program <> 'orientation' AS contr,
            {b('yg_plan')} AS yg, exit_outcome AS o, exit_detail AS od, {b('exit_durable')} AS du, {b('exit_non_market')} AS nm, {b('exit_cpf')} AS cpf
            FROM {rd('pathways.csv', [('pathway_id', V), ('youth_id', V), ('program', V), ('start_date', 'DATE'), ('end_date', 'DATE'), ('yg_plan', V), ('exit_outcome', V), ('exit_detail', V), ('exit_durable', V), ('exit_non_market', V), ('exit_cpf', V)])}""")
        con.execute(f"""CREATE TABLE st AS SELECT situation_id, youth_id, kind, detail, start_date AS s, end_date AS en,
            coalesce(end_date, DATE '9999-12-31') AS e_, {b('durable')} AS du
            FROM {rd('situations.csv', [('situation_id', V), ('youth_id', V), ('kind', V), ('detail', V), ('start_date', 'DATE'), ('end_date', 'DATE'), ('durable', V), ('non_market', V)])}""")
        for f, cols in [("context", [("ml_id", V), ("year", "INTEGER"), ("jano_16_25", "DOUBLE"), ("defm_16_25", "DOUBLE")]),
                        ("resources", [("ml_id", V), ("year", "INTEGER"), ("etp_total", "DOUBLE"), ("etp_accompaniment", "DOUBLE")]),
                        ("funding", [("ml_id", V), ("year", "INTEGER"), ("funder", V), ("line", V), ("amount_eur", "DOUBLE")])]:
            if os.path.exists(os.path.join(self.d, f + ".csv")):
                names = ", ".join(c for c, _ in cols)
                con.execute(f"CREATE TABLE {f} AS SELECT {names} FROM read_csv('{os.path.join(self.d, f + '.csv')}', header = true, types = {{'year': 'INTEGER'}})")
            else:
                con.execute(f"CREATE TABLE {f} AS SELECT " + ", ".join(f"NULL::{t} AS {c}" for c, t in cols) + " WHERE false")
        # The last 5 months before 31 December: August to December; the last 3: from 30 September.
        facts = [("c1", "true"), ("jdi", "kind IN ('accueil','entretien','diagnostic') AND month(date) >= 8"),
                 ("acc", "kind = 'accueil'"), ("diag", "kind = 'diagnostic'"), ("orientation", "kind = 'orientation'"),
                 ("cep23", "(kind = 'cep' AND detail IN ('2','3')) OR kind = 'diagnostic'"), ("dc", "kind = 'droit_commun'"),
                 *[(f"dc_{x}", f"kind = 'droit_commun' AND detail = '{x}'") for x in DOMAINS],
                 ("recent", "kind = 'proposition' AND date >= make_date(year(date), 9, 30)")]
        con.execute(f"""CREATE TABLE ev AS SELECT youth_id, {self.pack([(n, c, "yd") for n, c in facts])},
            min(date) FILTER (WHERE kind = 'accueil') AS a,
            min(date) FILTER (WHERE kind = 'diagnostic') AS fd,
            list(date) FILTER (WHERE kind = 'proposition' AND detail IN ('emploi','alternance','formation','immersion')) AS props
            FROM (SELECT *, yb(year(date)) AS yd FROM {rd('events.csv', [('youth_id', V), ('date', 'DATE'), ('kind', V), ('detail', V)])})
            GROUP BY youth_id""")

    def compute(self, national):
        """The table `agg` (ML, year, breakdown, one column per count line and the sums of the means),
        with `nat` the pathways read as national."""
        con, py = self.con, self.per_year
        nat = f"program IN ({', '.join(repr(p) for p in national)})"
        con.execute("DROP TABLE IF EXISTS pwf; DROP TABLE IF EXISTS stf; DROP TABLE IF EXISTS agg")
        # 8.1's "dont" lines read the person's last national exit of the year: its lines as bits of one number.
        exit_bits = " | ".join(f"(coalesce({c}, false)::INT << {j})" for j, c in enumerate(EXITS.values()))
        facts = [("c3", "contr", "yb(year(s))"), ("c31", nat, "yb(year(s))"), ("rlyg", "rl AND yg", "yb(year(s))"),
                 ("s1", "NOT contr", "yb(year(s))"), ("o4", f"NOT contr AND e_ >= {months('s', 4)}", f"yb(year({months('s', 4)}))"),
                 ("c4", "contr", "span(year(s), year(e_))"), ("c41", nat, "span(year(s), year(e_))"), ("c43", "rl", "span(year(s), year(e_))"),
                 # present at 31 December of the years from its start's to the one before the day after its end
                 ("c41end", nat, "span(year(s), year(e_ + 1) - 1)"),
                 # ... and started before 30 September of the year
                 ("oldnat", nat, "span(year(s) + (s >= make_date(year(s), 9, 30))::INT, year(e_ + 1) - 1)"),
                 ("c8", "contr", "yb(year(en))"), ("c81", nat, "yb(year(en))"), ("c82", "rl", "yb(year(en))")]
        con.execute(f"""CREATE TABLE pwf AS SELECT youth_id,
            {self.pack(facts)},
            {py("min(s)", "contr AND year(s) = {y}", "first_entry")},
            {py(f"arg_max({exit_bits}, {{'e': en, 'id': pathway_id}})", nat + " AND year(en) = {y}", "exits")},
            {py("sum(en - s)", "contr AND year(en) = {y}", "m5sum")}, {py("count(*)", "contr AND year(en) = {y}", "m5n")},
            min(s) FILTER (WHERE {nat}) AS fn
            FROM pw GROUP BY youth_id""")
        # Situations: first each one with the same person's contractualised pathways (does a national one cover its
        # start; the latest end of those covering it; the years a pathway and it both cover a day), then per person.
        overlap = "span(year(greatest(st.s, pw.s)), year(least(st.e_, pw.e_)))"
        meets = "pw.s <= st.e_ AND st.s <= pw.e_"
        covers = "pw.s <= st.s AND pw.e_ >= st.s"
        con.execute(f"""CREATE TABLE stf AS WITH one AS (
            SELECT st.youth_id, any_value(st.kind) AS kind, any_value(st.detail) AS detail, any_value(st.s) AS s,
                any_value(st.en) AS en, any_value(st.e_) AS e_, any_value(st.du) AS du,
                coalesce(bool_or(pw.{nat} AND {covers}), false) AS covnat, max(pw.e_) FILTER (WHERE {covers}) AS cover_end,
                bit_or({overlap}) FILTER (WHERE {meets}) AS ov, bit_or({overlap}) FILTER (WHERE {meets} AND pw.{nat}) AS ov_nat,
                bit_or({overlap}) FILTER (WHERE {meets} AND pw.rl) AS ov_rl
            FROM st LEFT JOIN pw ON pw.youth_id = st.youth_id AND pw.contr GROUP BY st.situation_id, st.youth_id)
            SELECT one.youth_id,
            {self.pack([(n, f"covnat AND {c}", "yb(year(s))") for n, c in [
                ("f", "kind IN ('emploi','immersion','service_civique')"), ("f_imm", "kind = 'immersion'"), ("f_emp", "kind = 'emploi'"),
                ("f_alt", "kind = 'emploi' AND detail IN ('apprentissage','professionnalisation')"),
                ("f_app", "kind = 'emploi' AND detail = 'apprentissage'"), ("f_dur", "kind = 'emploi' AND du"),
                ("f_sc", "kind = 'service_civique'"), ("g", "kind = 'formation'"), ("g1", "kind = 'formation' AND detail = 'qualifiante'")]]
                + [("work_at_end", "kind IN ('emploi','formation')", "span(year(s), year(e_ + 1) - 1)"),
                   ("h", "kind = 'parrainage'", "ov_nat"), ("c6", "kind IN ('emploi','formation')", "ov"),
                   ("c61", "kind IN ('emploi','formation')", "ov_nat"), ("c61f", "kind = 'formation'", "ov_nat"),
                   ("c61e", "kind = 'emploi'", "ov_nat"), ("c61eav", "kind = 'emploi' AND detail = 'eav'", "ov_nat"),
                   ("c62", "kind IN ('emploi','formation')", "ov_rl")])},
            {py("sum(least(en, cover_end) - s)", "kind = 'emploi' AND year(en) = {y} AND cover_end IS NOT NULL", "m7sum")},
            {py("count(*)", "kind = 'emploi' AND year(en) = {y} AND cover_end IS NOT NULL", "m7n")},
            bool_or(kind IN ('emploi','formation') AND s >= pwf.fn AND s < {months('pwf.fn', 4)}) AS m4,
            bool_or(kind IN ('emploi','formation') AND s >= pwf.fn AND s < {months('pwf.fn', 12)}) AS m12,
            bool_or(kind IN ('emploi','formation','immersion') AND s >= ev.a AND s < {months('ev.a', 4)}) AS g4s
            FROM one LEFT JOIN pwf USING (youth_id) LEFT JOIN ev USING (youth_id) GROUP BY one.youth_id""")
        # Per young person: every fact of a year as a bit mask; then, year by year, every count line as 0/1, summed per ML,
        # year and pattern of breakdown flags, and the patterns spread over the breakdowns.
        scalars = [f"{n}_{k}" for n in ["first_entry", "exits", "m5sum", "m5n", "m7sum", "m7n"] for k in range(len(self.years))]
        lines = {
            "1": "c1", "2": "acc", "2.1": "acc & diag", "2.2": "acc & orientation", "2.bis.1": "jdi",
            "3": "c3", "3.1": "c31", "3.2": "c3 & ~c31", "3.2.a": "c3 & ~c31 & rlyg", "3.3": "c3 & cep23",
            "S.1": "s1", "4": "c4", "4.1": "c41", "4.1.end": "c41end",
            "4.1.f": "f", "4.1.f.immersion": "f_imm", "4.1.f.emploi": "f_emp", "4.1.f.alternance": "f_alt", "4.1.f.apprentissage": "f_app",
            "4.1.f.durable": "f_dur", "4.1.f.service_civique": "f_sc", "4.1.g": "g", "4.1.g.1": "g1", "4.1.h": "h",
            "4.1.i": "c41end & ~work_at_end & oldnat & ~recent",
            "4.2.m4.base": "m4b", "4.2.m4": "m4b * m4", "4.2.m12.base": "m12b", "4.2.m12": "m12b * m12", "4.3": "c43", "4.4": "c4 & dc",
            **{f"4.4.{x}": f"c4 & dc_{x}" for x in DOMAINS},
            "6": "c6", "6.1": "c61", "6.1.formation": "c61f", "6.1.emploi": "c61e", "6.1.eav": "c61eav", "6.2": "c62",
            "8": "c8", "8.1": "c81", "8.2": "c82", "D.1": "c3 * (fd <= first_entry_{k})::INT",
            "G.4.base": "g4b", "G.4": "g4b * g4", "O.4": "o4",
        }
        counts = [i for i in CATALOGUE if i in lines or i in EXITS]
        exit_bit = {i: j for j, i in enumerate(EXITS)}
        def year(k):
            """The sums of year k, as columns "line|k"."""
            cells = [f"sum(((exits_{k}) >> {exit_bit[i]}) & 1)" if i in EXITS else f"sum((({lines[i].format(k=k)}) >> {k}) & 1)"
                     for i in counts]
            return ", ".join(f'{c} AS "{i}|{k}"' for c, i in zip(cells, counts)) + "".join(
                f', sum({m}_{k}) AS "{m}|{k}"' for m in ["m5sum", "m5n", "m7sum", "m7n"])
        ks = range(len(self.years))
        components = counts + ["m5sum", "m5n", "m7sum", "m7n"]
        con.execute(f"""CREATE TABLE agg AS WITH person AS (
            SELECT y.ml_id, y.women, y.low_qualified, y.qpv, y.zrr, y.neet, {", ".join(self.unpack(m) for m in self.packed)},
                coalesce(yb(year({months('pwf.fn', 4)})), 0) AS m4b, coalesce(yb(year({months('pwf.fn', 12)})), 0) AS m12b,
                coalesce(yb(year({months('ev.a', 4)})), 0) AS g4b,
                coalesce(m4, false)::INT AS m4, coalesce(m12, false)::INT AS m12,
                (coalesce(g4s, false) OR coalesce(list_bool_or(list_transform(props, lambda x: x >= ev.a AND x < {months('ev.a', 4)})), false))::INT AS g4,
                fd, {", ".join(scalars)}
            FROM youth y LEFT JOIN ev USING (youth_id) LEFT JOIN pwf USING (youth_id) LEFT JOIN stf USING (youth_id)),
        patterns AS (
            SELECT ml_id, women, low_qualified, qpv, zrr, neet, {", ".join(year(k) for k in ks)} FROM person GROUP BY ALL),
        spread AS (
            SELECT ml_id, b.b, sum(COLUMNS(* EXCLUDE (ml_id, b, women, low_qualified, qpv, zrr, neet))) FROM patterns
            JOIN (SELECT unnest({BREAKDOWNS}) AS b) b
            ON b.b = 'all' OR (b.b = 'women' AND women) OR (b.b = 'low_qualified' AND low_qualified) OR (b.b = 'qpv' AND qpv)
                OR (b.b = 'zrr' AND zrr) OR (b.b = 'neet' AND neet)
            GROUP BY ALL)
        {" UNION ALL ".join(f"SELECT ml_id, {y} AS y, b, " + ", ".join(f'"{i}|{k}" AS "{i}"' for i in components) + " FROM spread"
                            for k, y in enumerate(self.years))}""")
        return counts

    def dashboard(self, counts):
        """The table `dashboard` (level, territory, y, b, indicator, value) from `agg`: one wide row per territory,
        year and breakdown (the three levels in one grouping), every line a column, then one row per cell."""
        con, q = self.con, lambda i: f'"{i}"'
        ylist = ", ".join(map(str, self.years))
        con.execute("DROP TABLE IF EXISTS dashboard")
        components = counts + ["m5sum", "m5n", "m7sum", "m7n"]
        # Context, resources and funding: `all` only; an ML has a value when it has a row (funding: at least one),
        # a region or the nation when every one of its MLs has.
        sources = {"context": ["0.1", "0.2"], "resources": ["9", "9.1"], "funding": ["10", "10.1.a", "10.1.b", "10.1.c"]}
        def source(table):
            cols = ", ".join(f"sum({e})::DOUBLE AS {q(i)}" if table != "funding" else
                             f"coalesce(sum(amount_eur) FILTER (WHERE {e}), 0)::DOUBLE AS {q(i)}"
                             for i, (t, e) in SUMS.items() if t == table)
            return f"(SELECT ml_id, year AS y, 'all' AS b, true AS has_{table}, {cols} FROM {table} WHERE year IN ({ylist}) GROUP BY ALL)"
        summed = [i for t in sources.values() for i in t]
        available = {i: f"count(has_{t})" for t, ids in sources.items() for i in ids}
        ratio = lambda num, den, bds: (f"CASE WHEN b IN ({', '.join(repr(x) for x in bds)}) THEN "
                                       f"{q(num)}::DOUBLE / nullif({q(den)}, 0) END")
        # Under neet, only the lines of pathway entry.
        lines = {i: q(i) if i in NEET_LINES else f"CASE WHEN b <> 'neet' THEN {q(i)} END" for i in counts}
        lines |= {i: q(i) for i in summed}
        lines |= {"5": "CASE WHEN b <> 'neet' THEN m5sum / 30.4375 / nullif(m5n, 0) END",
                  "7": "CASE WHEN b <> 'neet' THEN m7sum / 30.4375 / nullif(m7n, 0) END",
                  "R2": "CASE WHEN b <> 'neet' AND prev_y = y - 1 THEN \"2\"::DOUBLE / nullif(prev_2, 0) END"}
        lines |= {r: ratio(*spec) for r, spec in RATIOS.items()}
        con.execute(f"""CREATE TABLE dashboard AS
            WITH ml AS (
                SELECT m.ml_id, m.region_code, y, b, {", ".join(f"coalesce(agg.{q(i)}, 0) AS {q(i)}" for i in components)},
                    {", ".join(f"has_{t}" for t in sources)}, {", ".join(q(i) for i in summed)}
                FROM missions m CROSS JOIN (SELECT unnest([{ylist}]) AS y) CROSS JOIN (SELECT unnest({BREAKDOWNS}) AS b)
                LEFT JOIN agg USING (ml_id, y, b) {" ".join(f"LEFT JOIN {source(t)} USING (ml_id, y, b)" for t in sources)}),
            levels AS (
                SELECT CASE WHEN grouping(ml_id) = 0 THEN 'ml' WHEN grouping(region_code) = 0 THEN 'region' ELSE 'national' END AS level,
                    coalesce(ml_id, region_code, 'FR') AS territory, y, b,
                    {", ".join(f"sum({q(i)}) AS {q(i)}" for i in components)},
                    {", ".join(f"CASE WHEN {available[i]} = count(*) THEN sum({q(i)}) END AS {q(i)}" for i in summed)}
                FROM ml GROUP BY GROUPING SETS ((ml_id, region_code, y, b), (region_code, y, b), (y, b))),
            wide AS (
                SELECT *, lag(y) OVER w AS prev_y, lag("2") OVER w AS prev_2 FROM levels
                WINDOW w AS (PARTITION BY level, territory, b ORDER BY y)),
            lines AS (SELECT level, territory, y, b, {", ".join(f"({e})::DOUBLE AS {q(i)}" for i, e in lines.items())} FROM wide)
            SELECT level, territory, y, b, indicator, value FROM (
                UNPIVOT lines ON {", ".join(q(i) for i in lines)} INTO NAME indicator VALUE value)""")

    def value(self, counts):
        return f"CASE WHEN indicator IN ({', '.join(repr(i) for i in counts)}) THEN printf('%d', value::BIGINT) ELSE printf('%.12g', value) END"

    def export(self, out):
        counts = self.compute(NATIONAL)
        self.dashboard(counts)
        order = ", ".join(f"('{i}', {k})" for k, i in enumerate(CATALOGUE))
        self.con.execute(f"""COPY (SELECT x.level, x.territory, x.y AS year, x.indicator, x.b AS breakdown, {self.value(counts)} AS value
            FROM dashboard x JOIN (VALUES {order}) o(indicator, k) USING (indicator)
            ORDER BY CASE x.level WHEN 'ml' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, x.territory, x.y, o.k,
                     list_position({BREAKDOWNS}, x.b)) TO '{out}' (HEADER, DELIMITER ',', QUOTE '"')""")

    def programmes(self, out):
        """The five programme tables, sorted as the dashboard export, written as one CSV."""
        rows = []
        for k, prog in enumerate(NATIONAL):
            counts = self.compute([prog])
            self.dashboard(counts)
            lines = ", ".join(f"'{i}'" for i in PROGRAMME_LINES)
            for level, territory, y, indicator, value in self.con.execute(f"""SELECT level, territory, y, indicator, {self.value(counts)}
                    FROM dashboard WHERE b = 'all' AND indicator IN ({lines})""").fetchall():
                rows.append((level, territory, y, indicator, k, prog, value))
        order = {i: k for k, i in enumerate(CATALOGUE)}
        level_order = {"ml": 0, "region": 1, "national": 2}
        rows.sort(key=lambda r: (level_order[r[0]], r[1].encode(), r[2], order[r[3]], r[4]))
        with open(out, "w", encoding="utf-8") as f:
            f.write("level,territory,year,indicator,breakdown,value\n")
            for level, territory, y, indicator, _, prog, value in rows:
                f.write(f"{level},{territory},{y},{indicator},{prog},{value}\n")

def main():
    d, out = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else os.cpu_count()
    t = time.time()
    engine = Dashboard(d, threads)
    engine.load()
    engine.programmes(out) if "--programmes" in sys.argv else engine.export(out)
    print(f"duckdb: {time.time() - t:.3f} s", file=sys.stderr)

if __name__ == "__main__":
    main()
