"""Contact-file parsing throughput and memory.

Writes an N-row contact list twice into a temporary folder, as Russian users send it: CSV in cp1251 with
';' and as XLSX (openpyxl write-only), each row with an ID, a Cyrillic full name, two phones in the usual
mixed formats (about 1% unusable) and two variables. Then reads each with open_contacts (parse and
normalise, every result consumed), each in a fresh subprocess so that its peak RSS is its own, and prints
rows/s and peak RSS. It also times phone normalisation alone, fast path against plain phonenumbers.
With --end-to-end it also runs the whole import job (parse, check duplicates against the list, stage,
commit) into an embedded database, as the API's background job does, and prints that rate and RSS.

    .venv/bin/python bench/import_contacts.py --rows 1000000 [--end-to-end]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import phonenumbers

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.domains.contacts.parsing import ColumnMapping, ParsedContact, PhoneNormaliser, open_contacts  # noqa: E402

HEADER = ["ID", "ФИО", "Телефон", "Телефон 2", "Долг", "Срок оплаты"]
MAPPING = ColumnMapping(external_id="ID", name="ФИО", phones=["Телефон", "Телефон 2"],
                        variables={"debt": "Долг", "due_date": "Срок оплаты"})
SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
            "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов"]
FIRST_NAMES = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил",
               "Артём", "Никита", "Владимир", "Павел", "Роман", "Олег", "Юрий"]
PATRONYMICS = ["Александрович", "Сергеевич", "Дмитриевич", "Андреевич", "Иванович", "Петрович", "Юрьевич"]
LANDLINE_CODES = ["495", "499", "812", "343", "383", "846", "863", "423", "391", "843"]


def contact_rows(count: int, seed: int = 1):
    """Rows as (ID, name, mobile as an integer or None, landline as text, debt, due date)."""
    rng = random.Random(seed)
    first_due = date(2025, 1, 1)
    for n in range(count):
        mobile = 79_000_000_000 + rng.randrange(1_000_000_000)
        code, local = rng.choice(LANDLINE_CODES), rng.randrange(10_000_000)
        landline = rng.choice([f"8 ({code}) {local // 10000:03d}-{local // 100 % 100:02d}-{local % 100:02d}",
                               f"+7 {code} {local:07d}", f"8{code}{local:07d}"])
        if n % 100 == 0:
            landline = "12345"
        if n % 1000 == 0:  # no usable number at all: a rejected row
            mobile = None
        name = f"{rng.choice(SURNAMES)} {rng.choice(FIRST_NAMES)} {rng.choice(PATRONYMICS)}"
        yield (f"C{n:07d}", name, mobile, landline, rng.randrange(100, 100_000) / 100,
               first_due + timedelta(days=rng.randrange(365)))


def write_csv(path: Path, count: int) -> None:
    with open(path, "w", encoding="cp1251", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(HEADER)
        for external_id, name, mobile, landline, debt, due in contact_rows(count):
            digits = str(mobile)
            mobile_text = f"8 {digits[1:4]} {digits[4:7]}-{digits[7:9]}-{digits[9:]}" if mobile else ""
            writer.writerow([external_id, name, mobile_text, landline, f"{debt:.2f}".replace(".", ","),
                             due.strftime("%d.%m.%Y")])


def write_xlsx(path: Path, count: int) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Абоненты")
    sheet.append(HEADER)
    for row in contact_rows(count):
        sheet.append(row)
    workbook.save(path)


def measure(path: Path) -> dict:
    """Runs in the subprocess: reads every row and reports throughput and this process's peak RSS."""
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    contacts = rejected = 0
    started = time.perf_counter()
    with open_contacts(path, MAPPING, region="RU") as results:
        for result in results:
            if isinstance(result, ParsedContact):
                contacts += 1
            else:
                rejected += 1
    seconds = time.perf_counter() - started
    return {"rows": contacts + rejected, "contacts": contacts, "rejected": rejected, "seconds": seconds,
            "rows_per_second": (contacts + rejected) / seconds,
            "baseline_rss_mb": baseline_kb / 1024,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_import(path: Path) -> dict:
    """Runs in the subprocess: the import job end to end into a fresh embedded database."""
    import asyncio
    import shutil

    from backend.db import connect_mongo
    from backend.domains.contacts.importing import ImportFiles, ImportJob
    from backend.domains.contacts.models import Contact, ContactImport, ContactList, ImportState
    from backend.embedded import start_mongo

    async def run(folder: Path) -> dict:
        mongo = start_mongo(None, folder)
        try:
            client = await connect_mongo(mongo.url, "bench")
            baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            contact_list = await ContactList(tenant_id="bench", name="bench").insert()
            job = await ContactImport(tenant_id="bench", list_id=str(contact_list.id), file_name=path.name,
                                      mapping=MAPPING.model_dump(), state=ImportState.queued).insert()
            files = ImportFiles(folder)
            shutil.copyfile(path, files.upload(job))
            started = time.perf_counter()
            await ImportJob(job, files, "RU").run()
            seconds = time.perf_counter() - started
            stored = await Contact.find({"tenant_id": "bench"}).count()
            await client.close()
            return {"rows": job.counts.rows, "contacts": stored, "rejected": job.counts.rejected, "seconds": seconds,
                    "rows_per_second": job.counts.rows / seconds, "state": str(job.state),
                    "baseline_rss_mb": baseline_kb / 1024,
                    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        finally:
            mongo.stop()

    with tempfile.TemporaryDirectory(prefix="voxflow-import-bench-") as folder:
        return asyncio.run(run(Path(folder)))


def measure_in_subprocess(path: Path, mode: str = "--measure") -> dict:
    output = subprocess.run([sys.executable, __file__, mode, str(path)], check=True, capture_output=True,
                            text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def phone_paths(count: int) -> tuple[float, float, float]:
    """Numbers per second through the normaliser, first on numbers mostly of prefixes it has not met (cold)
    then on the same numbers again (warm), and through plain phonenumbers."""
    numbers = [row[3] for row in contact_rows(count, seed=2)] + [str(row[2]) for row in contact_rows(count, seed=3)
                                                                  if row[2]]
    normaliser = PhoneNormaliser("RU")

    def rate(normalise) -> float:
        started = time.perf_counter()
        for raw in numbers:
            normalise(raw)
        return len(numbers) / (time.perf_counter() - started)

    return rate(normaliser.normalise), rate(normaliser.normalise), rate(normalise_with_phonenumbers)


def normalise_with_phonenumbers(raw: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException:
        return None
    if not (phonenumbers.is_possible_number(number) and phonenumbers.is_valid_number(number)):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--end-to-end", action="store_true", help="also run the import job into a database")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the subprocesses' jobs
    parser.add_argument("--measure-import", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    if args.measure_import:
        print(json.dumps(measure_import(args.measure_import)))
        return

    with tempfile.TemporaryDirectory(prefix="voxflow-contacts-bench-") as folder:
        csv_path, xlsx_path = Path(folder) / "contacts.csv", Path(folder) / "contacts.xlsx"
        print(f"writing {args.rows:,} rows as CSV (cp1251, ';') and XLSX (write-only) …", flush=True)
        started = time.perf_counter()
        write_csv(csv_path, args.rows)
        write_xlsx(xlsx_path, args.rows)
        print(f"  written in {time.perf_counter() - started:.0f} s: CSV {csv_path.stat().st_size / 2**20:.0f} MB, "
              f"XLSX {xlsx_path.stat().st_size / 2**20:.0f} MB", flush=True)

        cold, warm, plain = phone_paths(min(args.rows, 20_000))
        print(f"phone normalisation: {plain:,.0f} numbers/s with plain phonenumbers; with the fast path "
              f"{cold:,.0f}/s cold (most prefixes new), {warm:,.0f}/s warm ({warm / plain:.0f}x)", flush=True)
        for label, path in (("CSV ", csv_path), ("XLSX", xlsx_path)):
            figures = measure_in_subprocess(path)
            print(f"{label}: {figures['rows']:,} rows ({figures['rejected']:,} rejected) in {figures['seconds']:.1f} s"
                  f" = {figures['rows_per_second']:,.0f} rows/s; peak RSS {figures['peak_rss_mb']:.0f} MB"
                  f" (of which {figures['baseline_rss_mb']:.0f} MB before reading)", flush=True)
        if args.end_to_end:
            for label, path in (("CSV ", csv_path), ("XLSX", xlsx_path)):
                figures = measure_in_subprocess(path, "--measure-import")
                print(f"{label} import job end to end: {figures['contacts']:,} contacts stored "
                      f"({figures['rejected']:,} rejected, {figures['state']}) in {figures['seconds']:.1f} s = "
                      f"{figures['rows_per_second']:,.0f} rows/s; peak RSS {figures['peak_rss_mb']:.0f} MB",
                      flush=True)


if __name__ == "__main__":
    main()
