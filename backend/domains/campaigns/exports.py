"""A campaign's results as a workbook: a summary sheet with counts and a chart of outcomes, one row per
contact, and every attempt. Written with openpyxl in write-only mode (each sheet streams to its own
temporary file), fed by one pass over the contacts and one over the attempts, both in contact order, so
memory stays flat whatever the size. CSV gives the contacts sheet alone (or the attempts, by ``sheet``)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from bson import ObjectId
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from backend.domains.campaigns.models import CampaignExport, JobState
from backend.cells import inert
from backend.domains.campaigns.progress import count_by, success_rate
from backend.exporting import TableWriter
from backend.jobs import JobQueue, update_job
from flow_runtime.outbound.models import AttemptOutcome, Campaign, CampaignAttempt, CampaignContact, ContactStatus
from tenants.documents import utcnow

log = logging.getLogger(__name__)
BATCH = 5000

CONTACT_HEADER = ["external_id", "name", "status", "phones", "numbers_tried", "attempts", "last_outcome",
                  "last_attempt_at", "dtmf", "flow_result", "talk_seconds", "duration_seconds", "source"]
ATTEMPT_HEADER = ["external_id", "name", "attempt", "phone", "outcome", "originated_at", "ringing_at", "answered_at",
                  "ended_at", "duration_seconds", "talk_seconds", "hangup_cause", "dialstatus", "dtmf", "flow_result",
                  "succeeded"]


def _naive(value: Any) -> Any:
    """Excel has no time zones: datetimes go in as UTC without one (the header says so)."""
    return value.replace(tzinfo=None) if hasattr(value, "tzinfo") and value.tzinfo else value


class ExportFiles:
    def __init__(self, data_dir: str | Path) -> None:
        self.root = Path(data_dir).resolve() / "exports"

    def path(self, job: CampaignExport) -> Path:
        folder = self.root / job.tenant_id
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{job.id}.{job.format}"


class _Sheets:
    """The sink of rows: the workbook's sheets, or one CSV file."""

    def __init__(self, path: Path, fmt: str, csv_sheet: str, summary: list[list[Any]]) -> None:
        self.fmt, self.path, self.csv_sheet = fmt, path, csv_sheet
        if fmt == "csv":
            self._table = TableWriter(path, "csv", CONTACT_HEADER if csv_sheet == "contacts" else ATTEMPT_HEADER)
            return
        self.workbook = Workbook(write_only=True)
        sheet = self.workbook.create_sheet("Summary")
        for row in summary:
            sheet.append(row)
        outcomes = [i for i, row in enumerate(summary, 1) if row and row[0] == "Attempt outcome"]
        if outcomes:  # a bar chart of the attempt outcomes listed under that heading
            first = outcomes[0] + 1
            last = first + len(AttemptOutcome) - 1
            chart = BarChart()
            chart.title, chart.y_axis.title = "Attempts by outcome", "attempts"
            chart.add_data(Reference(sheet, min_col=2, min_row=first, max_row=last), titles_from_data=False)
            chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
            chart.legend = None
            sheet.add_chart(chart, "D2")
        self.contacts = self.workbook.create_sheet("Contacts")
        self.contacts.append(CONTACT_HEADER)
        self.attempts = self.workbook.create_sheet("Attempts")
        self.attempts.append(ATTEMPT_HEADER)

    def add(self, contacts: list[list[Any]], attempts: list[list[Any]]) -> None:
        if self.fmt == "csv":
            self._table.add(contacts if self.csv_sheet == "contacts" else attempts)
            return
        for row in contacts:
            self.contacts.append([inert(_naive(v), workbook=True) for v in row])
        for row in attempts:
            self.attempts.append([inert(_naive(v), workbook=True) for v in row])

    def close(self) -> None:
        if self.fmt == "csv":
            self._table.close()
        else:
            self.workbook.save(self.path)


async def summary_rows(campaign: Campaign) -> list[list[Any]]:
    scoped = {"tenant_id": campaign.tenant_id, "campaign_id": str(campaign.id)}
    by_status = await count_by(CampaignContact, scoped, "status", ContactStatus)
    by_outcome = await count_by(CampaignAttempt, scoped, "outcome", AttemptOutcome)
    rate = success_rate(by_status)
    return [["Campaign", campaign.name], ["State", str(campaign.state)],
            ["Started (UTC)", _naive(campaign.started_at)], ["Exported (UTC)", _naive(utcnow())],
            ["Contacts", sum(by_status.values())],
            ["Success rate", round(rate, 4) if rate is not None else None], [],
            ["Contact status", "contacts"], *([k, v] for k, v in by_status.items()), [],
            ["Attempt outcome", "attempts"], *([k, v] for k, v in by_outcome.items())]


async def _contacts_with_attempts(campaign: Campaign) -> AsyncIterator[tuple[dict, list[dict]]]:
    """Each contact with its attempts: contacts by id, attempts by contact id then attempt number, merged."""
    scoped = {"tenant_id": campaign.tenant_id, "campaign_id": str(campaign.id)}
    contacts = CampaignContact.get_pymongo_collection().find(scoped).sort("_id", 1).batch_size(BATCH)
    attempts = CampaignAttempt.get_pymongo_collection().find(scoped).sort(
        [("campaign_contact_id", 1), ("attempt_number", 1)]).batch_size(BATCH)
    pending = await anext(attempts, None)
    async for contact in contacts:
        key = str(contact["_id"])
        mine = []
        while pending is not None and pending["campaign_contact_id"] <= key:
            if pending["campaign_contact_id"] == key:
                mine.append(pending)
            pending = await anext(attempts, None)
        yield contact, mine


def contact_row(contact: dict, attempts: list[dict]) -> list[Any]:
    tried = [p for p, n in zip(contact["phones"], contact.get("number_attempts") or []) if n]
    answered = [a for a in attempts if a.get("answered_at")]
    return [contact.get("external_id"), contact.get("name"), contact["status"], ", ".join(contact["phones"]),
            ", ".join(tried), contact.get("attempts", 0), contact.get("last_outcome"), contact.get("last_attempt_at"),
            "".join(a.get("dtmf") or "" for a in answered) or None, contact.get("result"),
            round(sum(a.get("talk_seconds") or 0 for a in attempts), 1),
            round(sum(a.get("duration_seconds") or 0 for a in attempts), 1), contact.get("source")]


def attempt_row(contact: dict, attempt: dict) -> list[Any]:
    return [contact.get("external_id"), contact.get("name"), attempt["attempt_number"], attempt["phone"],
            attempt.get("outcome"), attempt.get("originated_at"), attempt.get("ringing_at"), attempt.get("answered_at"),
            attempt.get("ended_at"), attempt.get("duration_seconds"), attempt.get("talk_seconds"),
            attempt.get("hangup_cause"), attempt.get("dialstatus"), attempt.get("dtmf"), attempt.get("flow_result"),
            attempt.get("succeeded")]


async def write_results(campaign: Campaign, path: Path, fmt: str, csv_sheet: str = "contacts",
                        on_progress=None) -> int:
    total = await CampaignContact.get_pymongo_collection().count_documents(
        {"tenant_id": campaign.tenant_id, "campaign_id": str(campaign.id)})
    sheets = await asyncio.to_thread(_Sheets, path, fmt, csv_sheet, await summary_rows(campaign))
    done = rows = 0
    contacts_batch: list[list[Any]] = []
    attempts_batch: list[list[Any]] = []
    try:
        async for contact, attempts in _contacts_with_attempts(campaign):
            contacts_batch.append(contact_row(contact, attempts))
            attempts_batch.extend(attempt_row(contact, a) for a in attempts)
            done += 1
            if len(contacts_batch) + len(attempts_batch) >= BATCH:
                rows += len(contacts_batch) + len(attempts_batch)
                await asyncio.to_thread(sheets.add, contacts_batch, attempts_batch)
                contacts_batch, attempts_batch = [], []
                if on_progress:
                    await on_progress(done / total if total else 1.0, rows)
        rows += len(contacts_batch) + len(attempts_batch)
        await asyncio.to_thread(sheets.add, contacts_batch, attempts_batch)
        await asyncio.to_thread(sheets.close)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return rows


class ExportRunner(JobQueue[CampaignExport]):
    def __init__(self, files: ExportFiles) -> None:
        super().__init__("campaign-exports", CampaignExport, self._run_job, self._recover_jobs,
                         queued=JobState.queued, claimed=JobState.running)
        self.files = files

    async def _run_job(self, job: CampaignExport) -> None:
        campaign = await Campaign.find_one({"_id": ObjectId(job.campaign_id), "tenant_id": job.tenant_id})
        try:
            if campaign is None:
                raise LookupError("the campaign is gone")
            rows = await write_results(campaign, self.files.path(job), job.format, job.sheet,
                                       on_progress=lambda p, r: update_job(job, progress=p, rows=r))
        except Exception as exc:
            log.exception("campaign export %s", job.id)
            await update_job(job, state=JobState.failed, error=str(exc)[:500], finished_at=utcnow())
            return
        await update_job(job, state=JobState.completed, progress=1.0, rows=rows, finished_at=utcnow())

    async def _recover_jobs(self) -> None:
        await CampaignExport.get_pymongo_collection().update_many(
            {"state": JobState.running}, {"$set": {"state": JobState.queued, "progress": 0.0}})
