#!/usr/bin/env python3
"""One task for each pair of programs, timed the same way, with no idle given.

Usage: benches/side_by_side.py DB [--samples N] [--period 2026-Q3]
                               [--name "Đặng Hoàng Thiện"] [--keep]

DB  a demo ledger (release build, once:
    `target/release/soxa demo --households 100000 --db /tmp/sxs-100k --no-open`).
    The script works on a copy of it in a temporary folder (`--keep` leaves
    that folder), so the ledger given is never changed.

Needs tmux, sqlite3 (the command-line shell), GNU time (/usr/bin/time, for
peak memory), VisiData 3.4 (`pip install visidata==3.4`: only this script
uses it, CI does not) and target/release/soxa (`cargo build --release
--bin soxa`; `SOXA=path` chooses another binary, `VD=path` another vd).

Prepared once, not timed: the households CSV (`soxa export households`,
the plain export: codes, hamlet, head's name, dates, this year's signing
date; national ID numbers masked), a sqlite3 file with that CSV imported,
the households to look for, and one opening of each program (warm page
cache; soxa's opening stays until the day's automatic backup is written).
Two households are looked for, each the only one of its name (accents
folded): the first such from the middle of the CSV (the main figure: a
clerk's household is anywhere in the file, and VisiData finds a row only
once it has read it) and the first beyond data row 1,000 (`--name`
chooses the first).

A. First answer, the task a clerk does: launch the program, search for a
   household by name, until its row is on screen. Each program runs in a
   real 120x40 terminal (a tmux server of the script's own); the keys are
   sent as soon as the process is spawned (typed before the interface is
   ready, as a clerk types; the terminal keeps them), then the screen is
   read every 5 ms. The clock runs from spawn to the first screen that
   shows the row; no idle time is given to either program.
   - soxa: `soxa --db DB`, Ctrl+F, the name unaccented in lower case
     ("dang hoang thien"); done when the lookup box shows the whole typed
     text and the household's row (its code). A later opening of the day
     (the day's automatic backup already written) and, for the main
     household, also the first opening of the day (today's backup file
     taken away before the spawn, so the backup runs on its own thread
     meanwhile).
   - VisiData: `vd --skip-config --motd-url= households.csv` (no config
     file, no network fetch of its tip of the day), `g/` (search every
     column), the name WITH its accents, Enter: VisiData cannot fold
     accents, so a clerk has to type them. Done when the household's row
     (its code) is on screen. Its search covers the rows read so far; when
     it says "0 matches for /.../" (or refuses `n`: "still running"), the
     script presses `n` (search again) once no load or search is running,
     as a clerk would, and that wait counts.
B. The period report against sqlite3, each a whole process:
   - `soxa report --period P --format json -o FILE`: every indicator of
     the period per hamlet and for the commune (households, teams,
     members, mediation cases, violations, targets, flags) and the records
     behind them, written as JSON;
   - `sqlite3 FILE.db "<query>"`: per hamlet, the households active at the
     period's end, those signed for the year by then, those signed in the
     period, and the rate (a percent rounded down to a tenth, as the
     report's), one GROUP BY over the imported households; the script
     checks that both give the same four numbers for every hamlet;
   - `soxa stats` (the count of every kind of record: the nearest soxa
     command that only counts) and `soxa search "nguyen van an"`.
Each round runs every program once, one after the other, the order
rotating each round. Times are median (min-max, n). Peak RSS, in MiB: for
A, the largest VmHWM of the program's processes when the row showed; for
B, GNU time's maximum resident size in one extra untimed run.

Prints one Markdown table, ready to paste; progress goes to stderr.
"""
import csv
import json
import os
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SOXA = os.environ.get("SOXA", os.path.join(HERE, "..", "target", "release", "soxa"))
VD = os.environ.get("VD", shutil.which("vd") or "vd")
POLL = 0.005
TIMEOUT = 90.0
SOCKET = f"soxa-sxs-{os.getpid()}"
ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- terminal


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], env=ENV, capture_output=True, text=True)


def screen(session):
    return tmux("capture-pane", "-p", "-t", session).stdout


def start_server():
    # A session that lives for the whole run, so that no sample pays for
    # starting the tmux server.
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x", "120", "-y", "40", "sleep 100000")


def stop_server():
    tmux("kill-server")


def spawn(session, command):
    """Starts `command` in a new 120x40 session; returns (start time, pid)."""
    t0 = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", f"exec {command}")
    pid = tmux("display-message", "-p", "-t", session, "#{pane_pid}").stdout.strip()
    return t0, int(pid) if pid.isdigit() else None


def end(session, pid):
    """Ends the session and waits until its program is gone (a ledger is
    locked by the process that has it open); returns the program's peak
    RSS (MiB) until then."""
    peak = hwm(pid)
    tmux("kill-session", "-t", session)
    deadline = time.perf_counter() + 10
    while pid and os.path.exists(f"/proc/{pid}") and time.perf_counter() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().split(") ")[-1].startswith("Z"):
                    break
        except OSError:
            break
        time.sleep(0.01)
    return peak


def keys(session, *parts):
    """Each part: ("key", name) or ("text", literal)."""
    for kind, value in parts:
        if kind == "key":
            tmux("send-keys", "-t", session, value)
        else:
            tmux("send-keys", "-t", session, "-l", value)


def wait_until(session, done, on_screen=None):
    """Polls the screen every POLL s until `done(screen)`; returns the time.
    `on_screen(screen)` may react (send keys) meanwhile."""
    start = time.perf_counter()
    while time.perf_counter() - start < TIMEOUT:
        shown = screen(session)
        if done(shown):
            return time.perf_counter()
        if on_screen:
            on_screen(shown)
        time.sleep(POLL)
    raise RuntimeError("the row never appeared; last screen:\n" + screen(session))


# ---------------------------------------------------------------- soxa


def soxa_cmd(db, *args):
    return [SOXA, "--db", db, *args]


def first_answer_soxa(db, query, codes):
    session = "soxa"
    t0, pid = spawn(session, f"{shlex.quote(SOXA)} --db {shlex.quote(db)}")
    keys(session, ("key", "C-f"), ("text", query))
    pattern = re.compile("|".join(r"\b" + re.escape(c) + r"\b" for c in codes))
    try:
        t1 = wait_until(session, lambda s: query in s and pattern.search(s) is not None)
    finally:
        peak = end(session, pid)
    return t1 - t0, peak


def warm_soxa(db, query, codes):
    """One untimed opening that stays until the day's automatic backup is
    written; returns that file (found by comparing the folders' contents)."""
    before = set(all_files(os.path.dirname(db)))
    session = "soxa"
    _, pid = spawn(session, f"{shlex.quote(SOXA)} --db {shlex.quote(db)}")
    keys(session, ("key", "C-f"), ("text", query))
    deadline = time.perf_counter() + 300
    new = []
    while time.perf_counter() < deadline:
        # Written under a temporary name, renamed when complete.
        new = [f for f in set(all_files(os.path.dirname(db))) - before if f.endswith(".soxabak")]
        if new:
            break
        time.sleep(0.2)
    end(session, pid)
    return new[0] if len(new) == 1 else None


def all_files(folder):
    for root, _, files in os.walk(folder):
        for f in files:
            yield os.path.join(root, f)


# ---------------------------------------------------------------- VisiData


def first_answer_vd(csv_path, name, code):
    session = "vd"
    t0, pid = spawn(session, f"{shlex.quote(VD)} --skip-config --motd-url= {shlex.quote(csv_path)}")
    keys(session, ("text", "g/"), ("text", name), ("key", "Enter"))
    row = re.compile(r"\b" + re.escape(code) + r"\b")
    retried = [0]
    last = [0.0]

    def again(shown):
        # The search ran over the rows read so far and said "0 matches for
        # /.../" (or `n` was refused: "still running reload"): once the
        # rows are read and no search runs, search again (`n`), as a clerk
        # would.
        missed = "0 matches for" in shown or "still running" in shown
        busy = "loading…" in shown or "processing…" in shown
        if missed and not busy and time.perf_counter() - last[0] > 0.3 and retried[0] < 100:
            retried[0] += 1
            last[0] = time.perf_counter()
            keys(session, ("key", "n"))

    try:
        t1 = wait_until(session, lambda s: row.search(s) is not None, again)
    finally:
        peak = end(session, pid)
    return t1 - t0, peak, retried[0]


# ---------------------------------------------------------------- whole processes


def run_timed(argv):
    """Runs argv to its end, spawned straight from here; returns seconds."""
    t0 = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed


def peak_rss(argv, work):
    """Peak RSS in MiB of one untimed run, through GNU time: a child
    spawned from Python would report Python's own pages (vfork) as its
    peak. None without /usr/bin/time."""
    if not os.path.exists("/usr/bin/time"):
        return None
    out = os.path.join(work, "rss.txt")
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out, *argv], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=ENV, check=True)
    with open(out) as f:
        return int(f.read().split()[-1]) / 1024


def hwm(pid):
    """The largest peak RSS so far (VmHWM, MiB) of a running process and
    its descendants (soxa's interface runs in a child of a small
    supervising process)."""
    peaks = []
    todo = [pid] if pid else []
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                peaks += [int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM:")]
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return max(peaks, default=None)


def period_bounds(period):
    m = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if not m:
        sys.exit("--period must be a quarter such as 2026-Q3")
    year, q = int(m.group(1)), int(m.group(2))
    first = f"{year}-{3 * q - 2:02d}-01"
    last = f"{year}-{3 * q:02d}-{[31, 30, 30, 31][q - 1]}"
    return year, first, last


def sql_query(period):
    _, first, last = period_bounds(period)
    signed = f"(signed_on IS NOT NULL AND signed_on <= '{last}')"
    return (
        "SELECT hamlet_code, COUNT(*) AS active, "
        f"SUM({signed}) AS signed, "
        f"SUM(signed_on IS NOT NULL AND signed_on BETWEEN '{first}' AND '{last}') AS newly_signed, "
        f"SUM({signed}) * 1000 / COUNT(*) / 10.0 AS coverage_percent "
        "FROM households "
        f"WHERE (living_since IS NULL OR living_since <= '{last}') "
        f"AND (moved_out IS NULL OR moved_out > '{last}') "
        "GROUP BY hamlet_code ORDER BY hamlet_code;"
    )


def iso(dmy):
    if not dmy:
        return None
    d, m, y = dmy.split("/")
    return f"{y}-{m}-{d}"


def import_sqlite(rows, path):
    """The households CSV into one table (not timed). The signing date is
    that of the household's signed commitment for the export's year."""
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE households (code TEXT PRIMARY KEY, hamlet_code TEXT, hamlet TEXT, head_name TEXT, "
        "living_since TEXT, moved_out TEXT, signed_on TEXT)"
    )
    db.executemany(
        "INSERT INTO households VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                r["Mã hộ"],
                r["Mã thôn"],
                r["Thôn"],
                r["Họ tên chủ hộ"],
                iso(r["Sinh sống từ ngày"]),
                iso(r["Ngày chuyển đi"]),
                iso(r["Ngày ký cam kết"]),
            )
            for r in rows
        ),
    )
    db.commit()
    db.close()


def agree(report_json, sqlite_out):
    """Both give the same active, signed, newly signed and rate per hamlet."""
    with open(report_json, encoding="utf-8") as f:
        summary = json.load(f)
    ours = {}
    for h in summary["hamlets"]:
        c = h["households"]
        if c["active"]:
            ours[h["code"]] = (c["active"], c["signed"], c["newly_signed"], round(c["coverage_percent"] * 10))
    theirs = {}
    for line in sqlite_out.splitlines():
        code, active, signed, newly, percent = line.split("|")
        theirs[code] = (int(active), int(signed), int(newly), round(float(percent) * 10))
    return ours == theirs, len(ours)


# ---------------------------------------------------------------- the run


def fold(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def pick_name(rows, wanted, start):
    """The name looked for: borne by one household only (accents folded),
    the first such from data row `start` on. Returns (name, codes, row)."""
    by_fold = {}
    for r in rows:
        by_fold.setdefault(fold(r["Họ tên chủ hộ"]), []).append(r)
    if wanted:
        found = by_fold.get(fold(wanted), [])
        if not found:
            sys.exit(f"no household is named {wanted!r}")
        return found[0]["Họ tên chủ hộ"], [r["Mã hộ"] for r in found], rows.index(found[0]) + 1
    for i, r in enumerate(rows[start:], start):
        same = by_fold[fold(r["Họ tên chủ hộ"])]
        if len(same) == 1 and len(fold(r["Họ tên chủ hộ"]).split()) >= 3:
            return r["Họ tên chủ hộ"], [r["Mã hộ"]], i + 1
    sys.exit(f"no name borne by one household beyond data row {start:,}")


def show(v):
    if not v:
        return "no sample"
    if statistics.median(v) >= 1:
        return f"{statistics.median(v):.2f} s ({min(v):.2f}–{max(v):.2f}, n={len(v)})"
    ms = [x * 1000 for x in v]
    return f"{statistics.median(ms):.0f} ms ({min(ms):.0f}–{max(ms):.0f}, n={len(v)})"


def mib(v, when=None):
    v = [x for x in v if x is not None]
    if not v:
        return "-"
    return f"{statistics.median(v):.0f} MiB" + (f" ({when})" if when else "")


def ratio(a, b):
    return f"{statistics.median(a) / statistics.median(b):.1f}×" if a and b else "-"


def rotate(items, i):
    return items[i % len(items):] + items[: i % len(items)]


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    source = os.path.abspath(sys.argv[1])
    samples = int(arg("--samples", "5"))
    period = arg("--period", "2026-Q3")
    year, _, _ = period_bounds(period)
    work = tempfile.mkdtemp(prefix="soxa-sxs-")
    try:
        run(source, work, samples, period, year)
    finally:
        stop_server()
        if "--keep" in sys.argv:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(source, work, samples, period, year):
    loads = [os.getloadavg()[0]]
    log(f"copying {source} into {work}")
    db = os.path.join(work, "ledger")
    shutil.copytree(source, db)
    csv_path = os.path.join(work, "households.csv")
    subprocess.run(soxa_cmd(db, "export", "households", csv_path, "--year", str(year)), check=True, env=ENV,
                   stdout=subprocess.DEVNULL)
    with open(csv_path, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    # A clerk's household is anywhere in the file, and VisiData finds a row
    # only once it has read it: the main figure is for a household from
    # the middle of the file, the second for one just beyond row 1,000.
    mid = pick_name(rows, arg("--name", None), max(1000, len(rows) // 2))
    top = pick_name(rows, None, 1000)
    for name, codes, at in (mid, top):
        log(f"{len(rows)} households; looking for {name!r} ({', '.join(codes)}), data row {at:,} of the CSV")
    sqlite_db = os.path.join(work, "households.db")
    import_sqlite(rows, sqlite_db)

    start_server()
    a = first_answers(db, csv_path, mid, top, samples, loads)
    b = whole_processes(db, work, sqlite_db, period, samples, loads)
    print_table(a, b, mid, top, len(rows), period, loads)


def first_answers(db, csv_path, mid, top, samples, loads):
    """Part A. Returns {task: [(seconds, peak MiB)]}, VisiData's retries
    per task, and the samples that never showed the row."""
    name, codes, _ = mid
    query = fold(name)
    # Untimed: one opening of each (page cache; soxa's day backup written).
    daily = warm_soxa(db, query, codes)
    if daily is None:
        sys.exit("the warm-up opening wrote no daily backup (or more than one): cannot tell first from later openings")
    kept = os.path.join(os.path.dirname(db), "daily-backup-kept")
    os.link(daily, kept)
    first_answer_vd(csv_path, name, codes[0])

    def later(household):
        if not os.path.exists(daily):
            os.link(kept, daily)
        return first_answer_soxa(db, fold(household[0]), household[1])

    def first_of_day():
        if os.path.exists(daily):
            os.unlink(daily)
        return first_answer_soxa(db, query, codes)

    retries = {"vd": [], "vd_top": []}

    def vd(key, household):
        t, peak, n = first_answer_vd(csv_path, household[0], household[1][0])
        retries[key].append(n)
        return t, peak

    out = {"soxa": [], "soxa_first": [], "vd": [], "soxa_top": [], "vd_top": []}
    failed = {k: 0 for k in out}
    tasks = [
        ("vd", lambda: vd("vd", mid)),
        ("soxa", lambda: later(mid)),
        ("soxa_first", first_of_day),
        ("vd_top", lambda: vd("vd_top", top)),
        ("soxa_top", lambda: later(top)),
    ]
    for i in range(samples):
        for key, task in rotate(tasks, i):
            try:
                out[key].append(task())
            except RuntimeError as e:
                failed[key] += 1
                log(f"{key}: sample failed: {e}")
        loads.append(os.getloadavg()[0])
        log(f"A round {i + 1}: " + ", ".join(f"{k} {v[-1][0]:.3f}" for k, v in out.items() if v),
            f"load {loads[-1]:.2f}")
    if not os.path.exists(daily):
        os.link(kept, daily)
    return out, retries, failed


def whole_processes(db, work, sqlite_db, period, samples, loads):
    """Part B. Returns {command: ([seconds], peak MiB)} and whether sqlite3
    and soxa's report agree on every hamlet."""
    report = os.path.join(work, "report.json")
    cli = {
        "report": soxa_cmd(db, "report", "--period", period, "--format", "json", "-o", report, "--force"),
        "sqlite3": ["sqlite3", sqlite_db, sql_query(period)],
        "stats": soxa_cmd(db, "stats"),
        "search": soxa_cmd(db, "search", "nguyen van an"),
    }
    # Untimed: a run of each (page cache), its peak RSS taken through GNU time.
    rss = {k: peak_rss(argv, work) for k, argv in cli.items()}
    sqlite_out = subprocess.run(cli["sqlite3"], capture_output=True, text=True, check=True).stdout
    same = agree(report, sqlite_out)
    times = {k: [] for k in cli}
    for i in range(samples):
        for key in rotate(list(cli), i):
            times[key].append(run_timed(cli[key]))
        loads.append(os.getloadavg()[0])
        log(f"B round {i + 1}: " + ", ".join(f"{k} {v[-1]:.3f}" for k, v in times.items()), f"load {loads[-1]:.2f}")
    return times, rss, same


def print_table(a, b, mid, top, households, period, loads):
    (out, retries, failed), (times, rss, (same, hamlets)) = a, b
    t = {k: [x[0] for x in v] for k, v in out.items()}
    peak = {k: [x[1] for x in v] for k, v in out.items()}

    def vd_again(key):
        return f"searched again with `n` after “0 matches”: {sum(1 for r in retries[key] if r)} of " \
            f"{len(retries[key])} samples"

    def where(h):
        return f"first answer: {h[0]} ({', '.join(h[1])}), data row {h[2]:,}"

    print(f"Side by side, {time.strftime('%d %B %Y %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"load {min(loads):.2f}-{max(loads):.2f} (1-minute average); {households:,} households; period {period}. "
          "First answer: from spawn until the household's row is on screen, in a 120×40 terminal (tmux), keys "
          "sent at spawn, no idle.")
    print()
    print("| task | program: what it does | time, median (min–max, n) | peak RSS, median | ratio |")
    print("| --- | --- | --- | --- | --- |")
    task = ""
    shown = "when the row showed"
    rows = [
        (task + where(mid), f"soxa: `soxa --db DB`, Ctrl+F, `{fold(mid[0])}` (unaccented); a later opening "
         "of the day", show(t["soxa"]), mib(peak["soxa"], shown), "1×"),
        (task + where(mid), "soxa: the same, first opening of the day (the daily backup running meanwhile)",
         show(t["soxa_first"]), mib(peak["soxa_first"], shown),
         f"{ratio(t['soxa_first'], t['soxa'])} the later opening"),
        (task + where(mid), f"VisiData 3.4: `vd households.csv`, `g/` (all columns) `{mid[0]}` Enter: accents "
         f"typed, VisiData cannot fold them; {vd_again('vd')}", show(t["vd"]), mib(peak["vd"], shown),
         f"VisiData ÷ soxa: **{ratio(t['vd'], t['soxa'])}** ({ratio(t['vd'], t['soxa_first'])} against the "
         "first opening)"),
        (task + where(top), f"soxa: the same, `{fold(top[0])}`, a later opening", show(t["soxa_top"]),
         mib(peak["soxa_top"], shown), "1×"),
        (task + where(top), f"VisiData 3.4: the same, `{top[0]}`; {vd_again('vd_top')}", show(t["vd_top"]),
         mib(peak["vd_top"], shown), f"VisiData ÷ soxa: {ratio(t['vd_top'], t['soxa_top'])}"),
        (f"period {period}, whole process", f"`soxa report --period {period} --format json -o F`: every "
         "indicator, per hamlet and for the commune (households, teams, members, cases, violations, targets, "
         "flags), and the records behind them", show(times["report"]), mib([rss["report"]]),
         f"soxa ÷ sqlite3: **{ratio(times['report'], times['sqlite3'])}**"),
        (f"period {period}, whole process", "`sqlite3 F.db \"<query>\"`: per hamlet, households active at the "
         "end, signed for the year by then, signed in the period, rate; one GROUP BY over the imported "
         f"households. Same four figures as soxa's report for all {hamlets} hamlets: "
         f"{'yes' if same else '**NO**'}", show(times["sqlite3"]), mib([rss["sqlite3"]]), "1×"),
        (f"period {period}, whole process", "`soxa stats`: the count of each kind of record (soxa's "
         "nearest command that only counts)", show(times["stats"]), mib([rss["stats"]]),
         f"{ratio(times['stats'], times['sqlite3'])} sqlite3"),
        ("search, whole process", "`soxa search \"nguyen van an\"`", show(times["search"]),
         mib([rss["search"]]), "-"),
    ]
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print(f"The query: `{sql_query(period)}`")
    dropped = ", ".join(f"{k} {v}" for k, v in failed.items() if v)
    if dropped:
        print()
        print(f"Samples that never showed the row, not counted: {dropped}.")


if __name__ == "__main__":
    main()
