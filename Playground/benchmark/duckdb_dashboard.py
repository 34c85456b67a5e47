#!/usr/bin/env python3
"""The CPO dashboard of a Pilotage dataset, computed by DuckDB in SQL.

An independent formulation of every rule of indicators.md (set-based SQL, where the
Swift engine walks each young person's records), used by the benchmark as the reference
engine and as a cross-check of the export, cell for cell.

    duckdb_dashboard.py DATASET_DIR OUT.csv [--threads N] [--programmes]

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

def b(col):
    """A boolean column of the format: 1/true/oui in any case; empty is 0."""
    return f"(lower(coalesce({col}, '')) IN ('1','true','oui'))"

PROGRAMMES = ["civis", "civis_renforce", "ppae", "garantie_jeunes", "pacea"]
PROGRAMME_LINES = ["3.1", "4.1", "4.1.end", "4.1.f", "4.1.f.immersion", "4.1.f.emploi", "4.1.f.alternance",
                   "4.1.f.apprentissage", "4.1.f.durable", "4.1.f.service_civique", "4.1.g", "4.1.g.1", "4.1.h", "4.1.i",
                   "R8", "4.2.m4.base", "4.2.m4", "4.2.m12.base", "4.2.m12", "R9", "6.1", "6.1.formation", "6.1.emploi",
                   "6.1.eav"] + [i for i in CATALOGUE if i == "8.1" or i.startswith("8.1.")] + ["R10", "R11"]

def programmes():
    """The five programme tables, sorted as the dashboard export, written as one CSV."""
    d, out = sys.argv[1], sys.argv[2]
    rows = []
    for k, prog in enumerate(PROGRAMMES):
        for level, territory, y, indicator, value in main(prog):
            rows.append((level, territory, y, indicator, k, prog, value))
    order = {i: k for k, i in enumerate(CATALOGUE)}
    level_order = {"ml": 0, "region": 1, "national": 2}
    rows.sort(key=lambda r: (level_order[r[0]], r[1].encode(), r[2], order[r[3]], r[4]))
    with open(out, "w", encoding="utf-8") as f:
        f.write("level,territory,year,indicator,breakdown,value\n")
        for level, territory, y, indicator, _, prog, value in rows:
            f.write(f"{level},{territory},{y},{indicator},{prog},{value}\n")

def main(programme=None):
    d, out = sys.argv[1], sys.argv[2]
    national = f"program = '{programme}'" if programme else "program IN ('civis','civis_renforce','ppae','garantie_jeunes','pacea')"
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else os.cpu_count()
    years = sorted(json.load(open(os.path.join(d, "dataset.json")))["years"])
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    def rd(name, cols):
        spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in cols) + "}"
        return f"read_csv('{os.path.join(d, name)}', header = true, delim = ',', quote = '\"', escape = '\"', columns = {spec})"
    V = "VARCHAR"
    con.execute(f"CREATE TABLE missions AS SELECT ml_id, region_code FROM read_csv('{os.path.join(d, 'missions.csv')}', header = true, all_varchar = true)")
    con.execute(f"CREATE TABLE youth AS SELECT youth_id, ml_id, sex = 'F' AS women, (level IN ('VI','Vbis') OR (level = 'V' AND NOT {b('diploma')})) AS low_qualified, {b('qpv')} AS qpv, {b('zrr')} AS zrr, {b('neet')} AS neet FROM {rd('youth.csv', [('youth_id', V), ('ml_id', V), ('sex', V), ('birth_date', 'DATE'), ('level', V), ('diploma', V), ('qpv', V), ('zrr', V), ('neet', V)])}")
    con.execute(f"CREATE TABLE ev AS SELECT * FROM {rd('events.csv', [('youth_id', V), ('date', 'DATE'), ('kind', V), ('detail', V)])}")
    con.execute(f"""CREATE TABLE pw AS SELECT pathway_id, youth_id, start_date, end_date, coalesce(end_date, DATE '9999-12-31') AS e_,
        {national} AS nat, program IN ('regional','local') AS rl,
        program <> 'orientation' AS contr, program = 'orientation' AS orient, {b('yg_plan')} AS yg,
        exit_outcome AS o, exit_detail AS od, {b('exit_durable')} AS du, {b('exit_non_market')} AS nm, {b('exit_cpf')} AS cpf
        FROM {rd('pathways.csv', [('pathway_id', V), ('youth_id', V), ('program', V), ('start_date', 'DATE'), ('end_date', 'DATE'), ('yg_plan', V), ('exit_outcome', V), ('exit_detail', V), ('exit_durable', V), ('exit_non_market', V), ('exit_cpf', V)])}""")
    con.execute(f"""CREATE TABLE st AS SELECT youth_id, kind, detail, start_date, end_date, coalesce(end_date, DATE '9999-12-31') AS e_, {b('durable')} AS du
        FROM {rd('situations.csv', [('situation_id', V), ('youth_id', V), ('kind', V), ('detail', V), ('start_date', 'DATE'), ('end_date', 'DATE'), ('durable', V), ('non_market', V)])}""")
    for f, cols in [("context", [("ml_id", V), ("year", "INTEGER"), ("jano_16_25", "DOUBLE"), ("defm_16_25", "DOUBLE")]),
                    ("resources", [("ml_id", V), ("year", "INTEGER"), ("etp_total", "DOUBLE"), ("etp_accompaniment", "DOUBLE")]),
                    ("funding", [("ml_id", V), ("year", "INTEGER"), ("funder", V), ("line", V), ("amount_eur", "DOUBLE")])]:
        if os.path.exists(os.path.join(d, f + ".csv")):
            names = ", ".join(c for c, _ in cols)
            con.execute(f"CREATE TABLE {f} AS SELECT {names} FROM read_csv('{os.path.join(d, f + '.csv')}', header = true, types = {{'year': 'INTEGER'}})")
        else:
            con.execute(f"CREATE TABLE {f} AS SELECT " + ", ".join(f"NULL::{t} AS {c}" for c, t in cols) + " WHERE false")
    ylist = ", ".join(map(str, years))
    con.execute(f"""CREATE TABLE p AS SELECT y, make_date(y, 1, 1) AS s, make_date(y, 12, 31) AS e,
        (make_date(y, 12, 31) - INTERVAL 5 MONTH)::DATE AS e5, (make_date(y, 12, 31) - INTERVAL 3 MONTH)::DATE AS e3
        FROM (SELECT unnest([{ylist}]) AS y)""")

    inP = "BETWEEN p.s AND p.e"
    domains = ["sante", "logement", "mobilite", "ressources", "loisirs_culture", "citoyennete"]
    con.execute(f"""CREATE TABLE fev AS SELECT youth_id, y,
        bool_or(date {inP}) AS c1,
        bool_or(kind IN ('accueil','entretien','diagnostic') AND date > p.e5 AND date <= p.e) AS jdi,
        bool_or(kind = 'accueil' AND date {inP}) AS acc,
        bool_or(kind = 'diagnostic' AND date {inP}) AS diag,
        bool_or(kind = 'orientation' AND date {inP}) AS orientation,
        bool_or(((kind = 'cep' AND detail IN ('2','3')) OR kind = 'diagnostic') AND date {inP}) AS cep23,
        bool_or(kind = 'droit_commun' AND date {inP}) AS dc,
        {", ".join(f"bool_or(kind = 'droit_commun' AND detail = '{x}' AND date {inP}) AS dc_{x}" for x in domains)},
        bool_or(kind = 'proposition' AND date >= p.e3 AND date <= p.e) AS recent
        FROM ev CROSS JOIN p GROUP BY ALL""")
    con.execute("""CREATE TABLE once AS SELECT youth_id, min(date) FILTER (WHERE kind = 'accueil') AS a,
        min(date) FILTER (WHERE kind = 'diagnostic') AS fd FROM ev GROUP BY ALL""")
    con.execute(f"""CREATE TABLE fpw AS SELECT youth_id, y,
        bool_or(contr AND start_date {inP}) AS c3, bool_or(nat AND start_date {inP}) AS c31,
        bool_or(rl AND yg AND start_date {inP}) AS rlyg, min(start_date) FILTER (WHERE contr AND start_date {inP}) AS first_entry,
        bool_or(orient AND start_date {inP}) AS s1,
        bool_or(orient AND (start_date + INTERVAL 4 MONTH)::DATE {inP} AND e_ >= (start_date + INTERVAL 4 MONTH)::DATE) AS o4,
        bool_or(contr AND start_date <= p.e AND e_ >= p.s) AS c4, bool_or(nat AND start_date <= p.e AND e_ >= p.s) AS c41,
        bool_or(rl AND start_date <= p.e AND e_ >= p.s) AS c43, bool_or(nat AND start_date <= p.e AND e_ >= p.e) AS c41end,
        bool_or(nat AND start_date <= p.e AND e_ >= p.e AND start_date < p.e3) AS oldnat,
        bool_or(contr AND end_date {inP}) AS c8, bool_or(nat AND end_date {inP}) AS c81, bool_or(rl AND end_date {inP}) AS c82,
        max_by({{'o': o, 'd': od, 'du': du, 'nm': nm, 'cpf': cpf}}, {{'e': end_date, 'id': pathway_id}}) FILTER (WHERE nat AND end_date {inP}) AS lastexit,
        sum(end_date - start_date) FILTER (WHERE contr AND end_date {inP}) AS m5sum,
        count(*) FILTER (WHERE contr AND end_date {inP}) AS m5n
        FROM pw CROSS JOIN p GROUP BY ALL""")
    # Situations: is the start covered by a national pathway; the latest end of the contractualised pathways covering it.
    con.execute("""CREATE TABLE stc AS SELECT st.*,
        bool_or(pw.nat) AS covnat, max(pw.e_) FILTER (WHERE pw.contr) AS cover_end
        FROM st LEFT JOIN pw ON pw.youth_id = st.youth_id AND pw.start_date <= st.start_date AND pw.e_ >= st.start_date
        GROUP BY ALL""")
    con.execute(f"""CREATE TABLE fst AS SELECT youth_id, y,
        bool_or(kind IN ('emploi','immersion','service_civique') AND start_date {inP} AND covnat) AS f,
        bool_or(kind = 'immersion' AND start_date {inP} AND covnat) AS f_imm,
        bool_or(kind = 'emploi' AND start_date {inP} AND covnat) AS f_emp,
        bool_or(kind = 'emploi' AND detail IN ('apprentissage','professionnalisation') AND start_date {inP} AND covnat) AS f_alt,
        bool_or(kind = 'emploi' AND detail = 'apprentissage' AND start_date {inP} AND covnat) AS f_app,
        bool_or(kind = 'emploi' AND du AND start_date {inP} AND covnat) AS f_dur,
        bool_or(kind = 'service_civique' AND start_date {inP} AND covnat) AS f_sc,
        bool_or(kind = 'formation' AND start_date {inP} AND covnat) AS g,
        bool_or(kind = 'formation' AND detail = 'qualifiante' AND start_date {inP} AND covnat) AS g1,
        bool_or(kind IN ('emploi','formation') AND start_date <= p.e AND e_ >= p.e) AS work_at_end,
        sum(least(end_date, cover_end) - start_date) FILTER (WHERE kind = 'emploi' AND end_date {inP} AND cover_end IS NOT NULL) AS m7sum,
        count(*) FILTER (WHERE kind = 'emploi' AND end_date {inP} AND cover_end IS NOT NULL) AS m7n
        FROM stc CROSS JOIN p GROUP BY ALL""")
    con.execute("""CREATE TABLE fsp AS SELECT st.youth_id, y,
        bool_or(st.kind = 'parrainage' AND pw.nat) AS h,
        bool_or(st.kind IN ('emploi','formation')) AS c6,
        bool_or(st.kind IN ('emploi','formation') AND pw.nat) AS c61,
        bool_or(st.kind = 'formation' AND pw.nat) AS c61f, bool_or(st.kind = 'emploi' AND pw.nat) AS c61e,
        bool_or(st.kind = 'emploi' AND st.detail = 'eav' AND pw.nat) AS c61eav,
        bool_or(st.kind IN ('emploi','formation') AND pw.rl) AS c62
        FROM st JOIN pw ON pw.youth_id = st.youth_id AND pw.contr CROSS JOIN p
        WHERE greatest(st.start_date, pw.start_date, p.s) <= least(st.e_, pw.e_, p.e) GROUP BY ALL""")
    # 4.2 cohorts and the G.4 deadline.
    con.execute("""CREATE TABLE fn AS SELECT youth_id, min(start_date) AS f FROM pw WHERE nat GROUP BY ALL""")
    con.execute(f"""CREATE TABLE fco AS SELECT y.youth_id, p.y,
        (fn.f + INTERVAL 4 MONTH)::DATE {inP} AS m4b,
        (fn.f + INTERVAL 4 MONTH)::DATE {inP} AND EXISTS (SELECT 1 FROM st WHERE st.youth_id = y.youth_id AND st.kind IN ('emploi','formation') AND st.start_date >= fn.f AND st.start_date < (fn.f + INTERVAL 4 MONTH)::DATE) AS m4,
        (fn.f + INTERVAL 12 MONTH)::DATE {inP} AS m12b,
        (fn.f + INTERVAL 12 MONTH)::DATE {inP} AND EXISTS (SELECT 1 FROM st WHERE st.youth_id = y.youth_id AND st.kind IN ('emploi','formation') AND st.start_date >= fn.f AND st.start_date < (fn.f + INTERVAL 12 MONTH)::DATE) AS m12,
        (o.a + INTERVAL 4 MONTH)::DATE {inP} AS g4b,
        (o.a + INTERVAL 4 MONTH)::DATE {inP} AND (
            EXISTS (SELECT 1 FROM ev WHERE ev.youth_id = y.youth_id AND ev.kind = 'proposition' AND ev.detail IN ('emploi','alternance','formation','immersion') AND ev.date >= o.a AND ev.date < (o.a + INTERVAL 4 MONTH)::DATE)
            OR EXISTS (SELECT 1 FROM st WHERE st.youth_id = y.youth_id AND st.kind IN ('emploi','formation','immersion') AND st.start_date >= o.a AND st.start_date < (o.a + INTERVAL 4 MONTH)::DATE)) AS g4
        FROM youth y LEFT JOIN fn USING (youth_id) LEFT JOIN once o USING (youth_id) CROSS JOIN p
        WHERE fn.f IS NOT NULL OR o.a IS NOT NULL""")

    T = "coalesce"
    lines = {
        "1": "c1", "2": "acc", "2.1": "acc AND diag", "2.2": "acc AND orientation", "2.bis.1": "jdi",
        "3": "c3", "3.1": "c31", "3.2": "c3 AND NOT coalesce(c31, false)", "3.2.a": "c3 AND NOT coalesce(c31, false) AND rlyg", "3.3": "c3 AND cep23",
        "S.1": "s1", "4": "c4", "4.1": "c41", "4.1.end": "c41end",
        "4.1.f": "f", "4.1.f.immersion": "f_imm", "4.1.f.emploi": "f_emp", "4.1.f.alternance": "f_alt", "4.1.f.apprentissage": "f_app",
        "4.1.f.durable": "f_dur", "4.1.f.service_civique": "f_sc", "4.1.g": "g", "4.1.g.1": "g1", "4.1.h": "h",
        "4.1.i": "c41end AND NOT coalesce(work_at_end, false) AND oldnat AND NOT coalesce(recent, false)",
        "4.2.m4.base": "m4b", "4.2.m4": "m4", "4.2.m12.base": "m12b", "4.2.m12": "m12", "4.3": "c43", "4.4": "c4 AND dc",
        **{f"4.4.{x}": f"c4 AND dc_{x}" for x in domains},
        "6": "c6", "6.1": "c61", "6.1.formation": "c61f", "6.1.emploi": "c61e", "6.1.eav": "c61eav", "6.2": "c62",
        "8": "c8", "8.1": "c81", "8.1.f": "lastexit.o = 'emploi'", "8.1.f.durable": "lastexit.o = 'emploi' AND lastexit.du",
        "8.1.f.cui": "lastexit.o = 'emploi' AND lastexit.d IN ('cui_cae','cui_cie')", "8.1.f.cui_cae": "lastexit.o = 'emploi' AND lastexit.d = 'cui_cae'",
        "8.1.f.cui_cie": "lastexit.o = 'emploi' AND lastexit.d = 'cui_cie'", "8.1.f.eav": "lastexit.o = 'emploi' AND lastexit.d = 'eav'",
        "8.1.f.eav_non_marchand": "lastexit.o = 'emploi' AND lastexit.d = 'eav' AND lastexit.nm",
        "8.1.f.alternance": "lastexit.o = 'emploi' AND lastexit.d IN ('apprentissage','professionnalisation')",
        "8.1.f.apprentissage": "lastexit.o = 'emploi' AND lastexit.d = 'apprentissage'", "8.1.f.creation": "lastexit.o = 'emploi' AND lastexit.d = 'creation'",
        "8.1.g": "lastexit.o = 'formation'", "8.1.g.initiale": "lastexit.o = 'formation' AND lastexit.d = 'initiale'",
        "8.1.g.qualifiante": "lastexit.o = 'formation' AND lastexit.d = 'qualifiante'", "8.1.g.cpf": "lastexit.o = 'formation' AND lastexit.cpf",
        "8.1.reorientation": "lastexit.o = 'reorientation'", "8.1.h": "lastexit.o = 'service_civique'", "8.1.i": "lastexit.o = 'sans_solution'",
        "8.2": "c82", "D.1": "c3 AND once.fd <= first_entry", "G.4.base": "g4b", "G.4": "g4", "O.4": "o4",
    }
    counts = [i for i in CATALOGUE if i in lines]
    breakdown_join = " OR ".join(["b.b = 'all'"] + [f"(b.b = '{x}' AND yy.{x})" for x in BREAKDOWNS[1:]])
    con.execute(f"""CREATE TABLE agg AS SELECT yy.ml_id, p.y, b.b,
        {", ".join(f'count(*) FILTER (WHERE coalesce({lines[i]}, false)) AS "{i}"' for i in counts)},
        sum(coalesce(m5sum, 0)) AS m5sum, sum(coalesce(m5n, 0)) AS m5n, sum(coalesce(m7sum, 0)) AS m7sum, sum(coalesce(m7n, 0)) AS m7n
        FROM youth yy CROSS JOIN p
        JOIN (SELECT unnest({BREAKDOWNS}) AS b) b ON ({breakdown_join})
        LEFT JOIN fev USING (youth_id, y) LEFT JOIN fpw USING (youth_id, y) LEFT JOIN fst USING (youth_id, y)
        LEFT JOIN fsp USING (youth_id, y) LEFT JOIN fco USING (youth_id, y) LEFT JOIN once USING (youth_id)
        GROUP BY ALL""")
    # Every ML, year and breakdown has its counts (0 for an ML without young people).
    con.execute(f"""CREATE TABLE cells AS
        WITH grid AS (SELECT m.ml_id, p.y, b.b FROM missions m CROSS JOIN p CROSS JOIN (SELECT unnest({BREAKDOWNS}) AS b) b),
        full_ AS (SELECT ml_id, y, b, coalesce(COLUMNS(* EXCLUDE (ml_id, y, b)), 0) FROM grid LEFT JOIN agg USING (ml_id, y, b))
        SELECT ml_id, y, b, indicator, coalesce(value, 0)::DOUBLE AS value FROM (
            UNPIVOT full_ ON {", ".join(f'"{i}"' for i in counts)}, m5sum, m5n, m7sum, m7n INTO NAME indicator VALUE value)""")
    # Context, resources and funding: `all` only; an ML has a value when it has a row (funding: at least one).
    sums = []
    for i, (table, expr) in SUMS.items():
        value = f"sum({expr})" if table != "funding" else f"coalesce(sum(amount_eur) FILTER (WHERE {expr}), 0)"
        sums.append(f"SELECT ml_id, year AS y, 'all' AS b, '{i}' AS indicator, {value}::DOUBLE AS value FROM {table} WHERE year IN ({ylist}) GROUP BY ALL")
    con.execute("INSERT INTO cells " + " UNION ALL ".join(sums))
    # Levels: a region's or the nation's component is the sum over its MLs, available when every ML has it.
    con.execute("""CREATE TABLE levels AS
        SELECT 'ml' AS level, ml_id AS territory, y, b, indicator, value FROM cells
        UNION ALL
        SELECT 'region', m.region_code, y, b, indicator, sum(value) FROM cells JOIN missions m USING (ml_id) GROUP BY ALL
            HAVING count(*) = (SELECT count(*) FROM missions x WHERE x.region_code = m.region_code)
        UNION ALL
        SELECT 'national', 'FR', y, b, indicator, sum(value) FROM cells GROUP BY ALL HAVING count(*) = (SELECT count(*) FROM missions)""")
    # Lines: counts and sums as they are; means; ratios; R2.
    neet_ok = ", ".join(f"'{i}'" for i in NEET_LINES)
    ratio_sql = []
    for r, (num, den, bds) in RATIOS.items():
        bl = ", ".join(f"'{x}'" for x in bds)
        ratio_sql.append(f"""SELECT n.level, n.territory, n.y, n.b, '{r}', n.value / d.value FROM levels n JOIN levels d
            ON n.level = d.level AND n.territory = d.territory AND n.y = d.y AND n.b = d.b
            WHERE n.indicator = '{num}' AND d.indicator = '{den}' AND n.b IN ({bl}) AND d.value <> 0""")
    con.execute(f"""CREATE TABLE dashboard AS
        SELECT level, territory, y, b, indicator, value FROM levels
            WHERE indicator NOT IN ('m5sum','m5n','m7sum','m7n') AND (b <> 'neet' OR indicator IN ({neet_ok}))
            AND (b = 'all' OR indicator NOT IN ({", ".join(f"'{i}'" for i in SUMS)}))
        UNION ALL
        SELECT s.level, s.territory, s.y, s.b, CASE s.indicator WHEN 'm5sum' THEN '5' ELSE '7' END, s.value / 30.4375 / n.value
            FROM levels s JOIN levels n ON s.level = n.level AND s.territory = n.territory AND s.y = n.y AND s.b = n.b
            AND ((s.indicator = 'm5sum' AND n.indicator = 'm5n') OR (s.indicator = 'm7sum' AND n.indicator = 'm7n'))
            WHERE n.value > 0 AND s.b <> 'neet'
        UNION ALL
        SELECT n.level, n.territory, n.y, n.b, 'R2', n.value / d.value FROM levels n JOIN levels d
            ON n.level = d.level AND n.territory = d.territory AND n.y = d.y + 1 AND n.b = d.b
            WHERE n.indicator = '2' AND d.indicator = '2' AND n.b <> 'neet' AND d.value <> 0
        UNION ALL {" UNION ALL ".join(ratio_sql)}""")
    if programme:
        lines = ", ".join(f"'{i}'" for i in PROGRAMME_LINES)
        counts_ = ", ".join(f"'{i}'" for i in counts)
        return con.execute(f"""SELECT level, territory, y, indicator,
            CASE WHEN indicator IN ({counts_}) THEN printf('%d', value::BIGINT) ELSE printf('%.12g', value) END
            FROM dashboard WHERE b = 'all' AND indicator IN ({lines})""").fetchall()
    order = ", ".join(f"('{i}', {k})" for k, i in enumerate(CATALOGUE))
    con.execute(f"""COPY (SELECT x.level, x.territory, x.y AS year, x.indicator, x.b AS breakdown,
            CASE WHEN x.indicator IN ({", ".join(f"'{i}'" for i in counts)}) THEN printf('%d', x.value::BIGINT) ELSE printf('%.12g', x.value) END AS value
        FROM dashboard x JOIN (VALUES {order}) o(indicator, k) USING (indicator)
        ORDER BY CASE x.level WHEN 'ml' THEN 0 WHEN 'region' THEN 1 ELSE 2 END, x.territory, x.y, o.k,
                 list_position({BREAKDOWNS}, x.b)) TO '{out}' (HEADER, DELIMITER ',', QUOTE '"')""")

if __name__ == "__main__":
    t = time.time()
    programmes() if "--programmes" in sys.argv else main()
    print(f"duckdb: {time.time() - t:.3f} s", file=sys.stderr)
