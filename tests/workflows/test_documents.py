"""Official documents drafted from the records (workflows.documents), on both stores: who
issues each, to whom, its number and title, the facts its body carries, no personal data;
the refusals; and, printed, a PDF whose text reads back (reports.official)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.blobs import BlobStore
from graph.errors import NotFound, ValidationError
from graph.store import GraphStore
from reports.official import official_pdf, render_official_html
from tests.workflows.joint.test_evidence import PDF, _finding
from tests.worlds.county_court import ACTOR, OFFICIALS, build
from workflows import documents, evidence
from workflows.joint import findings, notifications
from workflows.petitioning import interventions
from workflows.supervision import cases

NUMBER = re.compile(r"^.{1,3}政法.{1,2}〔\d{4}〕\d+号$")


def _world(store: GraphStore, tmp_path: Path) -> dict[str, str]:
    build(store)
    supervision = cases.open_supervision(
        store=store,
        actor=ACTOR,
        today="2024-06-01",
        case_id="case:civil",
        lead_agency_id="commission:510100",
        deadline="2024-07-31",
        listed=True,
        reasons=["疑难复杂：事实认定争议较大"],
    ).action
    finding = _finding(store, "2024-06-02")
    rectification = findings.order_rectification(
        store=store,
        actor=ACTOR,
        today="2024-06-03",
        finding_id=finding,
        responsible_agency_id="court:510104",
        deadline="2024-08-31",
    ).rectification
    findings.add_rectification_item(
        store=store,
        actor=ACTOR,
        today="2024-06-03",
        rectification_id=rectification.id,
        title="清理积案",
        deadline="2024-07-31",
    )
    evidence.attach_evidence(
        store=store,
        blobs=BlobStore(tmp_path / "blobs"),
        actor=ACTOR,
        target_id=rectification.id,
        name="整改报告.pdf",
        content=PDF,
        document="RECTIFICATION_REPORT",
    )
    interventions.record_intervention(
        store=store,
        actor=ACTOR,
        today="2024-06-30",
        case_id="case:civil",
        intervener_id="judge:b",
        recorder_id="judge:a",
        occurred_on="2024-05-20",
        relation="SELF",
        manner="PHONE",
        classification="IMPROPER",
        intervener_post="某局副局长",
    )
    notice = notifications.notify(
        store=store,
        actor=ACTOR,
        today="2024-06-30",
        subject="2024年上半年执法监督工作情况",
        recipient_agency_id="congress:510100",
        reports_on_ids=[finding],
    ).notification
    return {
        "supervision": supervision.id,
        "finding": finding,
        "rectification": rectification.id,
        "notification": notice.id,
    }


def test_each_document_is_drafted_from_its_records(store: GraphStore, tmp_path: Path) -> None:
    ids = _world(store, tmp_path)
    letter = documents.supervision_letter(store=store, action_id=ids["supervision"])
    notice = documents.rectification_notice(store=store, rectification_id=ids["rectification"])
    quarterly = documents.intervention_report(
        store=store, region_code="510100", year=2024, quarter=2
    )
    bulletin = documents.notification_document(store=store, notification_id=ids["notification"])

    assert (letter.kind, letter.issuer, letter.recipient) == (
        "督办函",
        "成都市委政法委",
        "锦江区人民法院",
    )
    assert letter.number == "成政法督〔2024〕1号" and "挂牌督办" in letter.title
    assert "2024年7月31日前" in "".join(letter.paragraphs)

    assert (notice.issuer, notice.recipient, notice.title) == (
        "成都市委政法委",
        "锦江区人民法院",
        "整改通知书",
    )
    assert NUMBER.match(notice.number), notice.number
    body = "".join(notice.paragraphs)
    assert "2024年8月31日前" in body and "超期羁押" in body and "清理积案" in body

    assert (quarterly.issuer, quarterly.recipient) == ("成都市委政法委", "四川省委政法委")
    assert quarterly.number == "成政法报〔2024〕2号" and "第二季度" in quarterly.title
    text = "".join(quarterly.paragraphs)
    assert "共记录过问案件情况1件" in text and "违规过问1件" in text and "某局副局长" in text
    (table,) = quarterly.tables
    assert ("锦江区人民法院", "0", "1", "") in table[2]

    assert bulletin.title == "关于2024年上半年执法监督工作情况的通报"
    assert bulletin.recipient == "成都市人大常委会" and "超期羁押" in "".join(bulletin.paragraphs)

    # People appear by post only: no name of the officials in the world enters a document.
    names = [o[0] for o in OFFICIALS.values()]
    for doc in (letter, notice, quarterly, bulletin):
        assert not [n for n in names if n in render_official_html(doc)], doc.kind
    # The same record, the same number.
    again = documents.supervision_letter(store=store, action_id=ids["supervision"])
    assert again == letter


def test_documents_refuse_what_they_cannot_draft(store: GraphStore, tmp_path: Path) -> None:
    ids = _world(store, tmp_path)
    with pytest.raises(NotFound):
        documents.rectification_notice(store=store, rectification_id=ids["finding"])
    with pytest.raises(ValidationError) as wrong:
        documents.review_report(store=store, action_id=ids["supervision"])
    assert wrong.value.errors[0].field == "action_id"
    with pytest.raises(ValidationError) as quarter:
        documents.intervention_report(store=store, region_code="510100", year=2024, quarter=5)
    assert quarter.value.errors[0].field == "quarter"
    with pytest.raises(NotFound):
        documents.intervention_report(store=store, region_code="510122", year=2024, quarter=1)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_document_prints_to_an_a4_pdf_that_reads_back(store: GraphStore, tmp_path: Path) -> None:
    ids = _world(store, tmp_path)
    notice = documents.rectification_notice(store=store, rectification_id=ids["rectification"])
    pdf = official_pdf(notice, tmp_path / "notice.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for words in (notice.issuer, notice.number, "整改通知书", "锦江区人民法院：", "印发", "—1—"):
        assert words in flat, words
    assert "A4" in info
