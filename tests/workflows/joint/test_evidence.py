"""Evidence on record (workflows.evidence), rectification items and recurrences, on both
stores: a rectification is accepted only with its 整改报告 and every item accepted; files are
checked by content, kept content-addressed, and never written or removed by the generic
mutations; a problem that comes back at a unit after its rectification is a recurrence."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from graph.blobs import BlobStore
from graph.errors import NotFound, ValidationError
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.store import GraphStore
from tests.worlds.county_court import ACTOR, build
from workflows import actions, evidence, generic, rules
from workflows.access import Access, Principal, Role, SharedItems
from workflows.joint import findings, recurrence

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _finding(store: GraphStore, on: str, category: str = "EXCESSIVE", case: bool = False) -> str:
    action = actions.open_action(
        store=store,
        actor=ACTOR,
        today=on,
        kind=ActionKind.PATROL,
        title="执法巡查",
        conductor_ids=["commission:510100"],
        target_ids=["court:510104"],
        started_on=on,
    ).action
    return findings.record_finding(
        store=store,
        actor=ACTOR,
        today=on,
        action_id=action.id,
        title="超期羁押",
        category=category,
        severity="MINOR",
        concerns_ids=["case:civil" if case else "court:510104"],
    ).id


def _rectification(store: GraphStore, finding_id: str, today: str, deadline: str) -> str:
    return findings.order_rectification(
        store=store,
        actor=ACTOR,
        today=today,
        finding_id=finding_id,
        responsible_agency_id="court:510104",
        deadline=deadline,
    ).rectification.id


def _attach(
    store: GraphStore,
    blobs: BlobStore,
    target: str,
    name: str = "整改报告.pdf",
    content: bytes = PDF,
    document: str = "RECTIFICATION_REPORT",
) -> evidence.Attached:
    return evidence.attach_evidence(
        store=store,
        blobs=blobs,
        actor="court-staff",
        target_id=target,
        name=name,
        content=content,
        document=document,
    )


def _move(store: GraphStore, rid: str, move: str, today: str) -> findings.RectificationItem:
    version = store.get_nodes([rid])[rid].version
    return findings.move_rectification(
        store=store, actor=ACTOR, today=today, rectification_id=rid, version=version, move=move
    )


def test_acceptance_needs_the_report_on_record(store: GraphStore, tmp_path: Path) -> None:
    build(store)
    blobs = BlobStore(tmp_path / "blobs")
    rid = _rectification(store, _finding(store, "2024-06-01"), "2024-06-02", "2024-07-31")
    _move(store, rid, "submit", "2024-06-20")
    with pytest.raises(ValidationError) as refused:
        _move(store, rid, "accept", "2024-06-21")
    assert refused.value.errors[0].field == "move" and "整改报告" in str(refused.value)
    # Another kind of file is not the report.
    _attach(store, blobs, rid, "现场照片.pdf", document="EVIDENCE")
    with pytest.raises(ValidationError):
        _move(store, rid, "accept", "2024-06-21")
    # The generic transition asks the same rule.
    access = Access(Principal("admin", Role.ADMIN), SharedItems(store))
    with pytest.raises(ValidationError):
        generic.transition(
            store=store,
            access=access,
            actor="admin",
            today="2024-06-21",
            kind=NodeKind.Rectification,
            id_=rid,
            version=store.get_nodes([rid])[rid].version,
            move="accept",
        )
    attached = _attach(store, blobs, rid)
    accepted = _move(store, rid, "accept", "2024-06-21")
    assert accepted.rectification.props["status"] == "ACCEPTED" and accepted.progress == 1.0

    node = attached.evidence
    digest = hashlib.sha256(PDF).hexdigest()
    assert (node.props["sha256"], node.props["size"], node.props["media_type"]) == (
        digest,
        len(PDF),
        evidence.PDF,
    )
    assert (node.props["uploaded_by"], node.props["region_code"]) == ("court-staff", "510104")
    assert blobs.get(digest) == PDF
    # The audit chain holds the record of the file, with its hash.
    entries = store.audit_entries(target=node.id)
    assert [e.record.operation for e in entries] == ["create"]
    assert digest in str(entries[0].record)
    listed = evidence.evidence_of(store=store, target_id=rid)
    assert [n.props["document"] for n in listed] == ["EVIDENCE", "RECTIFICATION_REPORT"]


def test_items_roll_up_and_hold_back_acceptance(store: GraphStore, tmp_path: Path) -> None:
    build(store)
    blobs = BlobStore(tmp_path / "blobs")
    rid = _rectification(store, _finding(store, "2024-06-01"), "2024-06-02", "2024-07-31")
    first = findings.add_rectification_item(
        store=store,
        actor=ACTOR,
        today="2024-06-03",
        rectification_id=rid,
        title="清理超期案件",
        deadline="2024-07-15",
    )
    second = findings.add_rectification_item(
        store=store,
        actor=ACTOR,
        today="2024-06-03",
        rectification_id=rid,
        title="建立预警机制",
        deadline="2024-07-20",
        responsible_agency_id="police:510104",
    )
    assert (first.part_of_id, first.responsible_id) == (rid, "court:510104")
    assert second.rectification.props["region_code"] == "510104"
    for bad, field in (
        ({"deadline": "2024-08-01"}, "deadline"),  # after the rectification's
        ({"deadline": "2024-06-03"}, "deadline"),  # not after today
        ({"title": "  "}, "title"),
        ({"rectification_id": first.rectification.id}, "rectification_id"),  # one level
    ):
        arguments = {
            "rectification_id": rid,
            "title": "再分解",
            "deadline": "2024-07-10",
            **bad,
        }
        with pytest.raises(ValidationError) as refused:
            findings.add_rectification_item(
                store=store, actor=ACTOR, today="2024-06-03", **arguments
            )
        assert refused.value.errors[0].field == field
    _attach(store, blobs, rid)
    for item in (first, second):
        _attach(store, blobs, item.rectification.id)
    _move(store, first.rectification.id, "submit", "2024-06-10")
    done = _move(store, first.rectification.id, "accept", "2024-06-11")
    assert done.progress == 1.0
    _move(store, rid, "submit", "2024-06-12")
    with pytest.raises(ValidationError) as held:
        _move(store, rid, "accept", "2024-06-13")
    assert second.rectification.id in str(held.value)
    (whole,) = findings.rectification_items(store, [store.get_nodes([rid])[rid]], "2024-06-13", 7)
    assert (whole.items, whole.finished_items, whole.progress) == (2, 1, 0.5)
    _move(store, second.rectification.id, "submit", "2024-06-14")
    _move(store, second.rectification.id, "accept", "2024-06-15")
    assert _move(store, rid, "accept", "2024-06-16").progress == 1.0


@pytest.mark.parametrize(
    ("name", "content", "document", "field", "words"),
    [
        (
            "报告.pdf",
            b"<html><script>alert(1)</script></html>",
            "RECTIFICATION_REPORT",
            "file",
            "not a PDF",
        ),
        ("报告.html", b"<html></html>", "RECTIFICATION_REPORT", "file", "not accepted"),
        ("报告.exe", b"MZ\x90\x00", "RECTIFICATION_REPORT", "file", "not accepted"),
        ("报告.txt", b"<svg onload=alert(1)>", "RECTIFICATION_REPORT", "file", "not a TXT"),
        ("报告.txt", b"\x00\x01binary", "RECTIFICATION_REPORT", "file", "not a TXT"),
        ("报告.docx", b"PK\x03\x04 not a zip", "RECTIFICATION_REPORT", "file", "not a DOCX"),
        ("报告.pdf", b"", "RECTIFICATION_REPORT", "file", "empty"),
        ("../../etc/passwd.pdf", PDF, "RECTIFICATION_REPORT", "file", "file name"),
        ("报告.pdf", PDF, "REVIEW_SHEET", "document", "takes"),
        ("报告.pdf", PDF, "NO_SUCH_KIND", "document", "not one of"),
    ],
)
def test_bad_files_are_refused_and_leave_nothing(
    store: GraphStore,
    tmp_path: Path,
    name: str,
    content: bytes,
    document: str,
    field: str,
    words: str,
) -> None:
    build(store)
    blobs = BlobStore(tmp_path / "blobs")
    rid = _rectification(store, _finding(store, "2024-06-01"), "2024-06-02", "2024-07-31")
    before = store.counts()
    with pytest.raises(ValidationError) as refused:
        _attach(store, blobs, rid, name, content, document)
    assert refused.value.errors[0].field == field and words in str(refused.value)
    assert store.counts() == before
    assert not (tmp_path / "blobs").exists()


def test_accepted_types_and_the_size_limit(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(store)
    blobs = BlobStore(tmp_path / "blobs")
    rid = _rectification(store, _finding(store, "2024-06-01"), "2024-06-02", "2024-07-31")
    kinds = {
        "整改报告.docx": (_docx(), evidence.DOCX),
        "现场.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, "image/png"),
        "现场.JPG": (b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
        "说明.txt": ("整改说明:已完成。\n".encode(), "text/plain"),
    }
    for name, (content, media) in kinds.items():
        node = _attach(store, blobs, rid, name, content, "EVIDENCE").evidence
        assert node.props["media_type"] == media
    # The same bytes twice: two records, one stored file.
    _attach(store, blobs, rid, "再次.txt", "整改说明:已完成。\n".encode(), "EVIDENCE")
    stored = [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]
    assert len(stored) == 4 and all(
        p.name == p.parent.parent.name + p.parent.name + p.name[4:] for p in stored
    )
    monkeypatch.setattr(rules, "MAX_FILE_BYTES", 10)
    with pytest.raises(ValidationError) as refused:
        _attach(store, blobs, rid, "大.pdf", PDF, "EVIDENCE")
    assert "over the limit of 10" in str(refused.value)


def test_files_are_kept_and_checked(store: GraphStore, tmp_path: Path) -> None:
    build(store)
    blobs = BlobStore(tmp_path / "blobs")
    rid = _rectification(store, _finding(store, "2024-06-01"), "2024-06-02", "2024-07-31")
    node = _attach(store, blobs, rid).evidence
    access = Access(Principal("admin", Role.ADMIN), SharedItems(store))
    version = store.get_nodes([rid])[rid].version
    refusals = [
        lambda: generic.create_node(
            store=store, access=access, actor="a", kind=NodeKind.Evidence, props=dict(node.props)
        ),
        lambda: generic.update_node(
            store=store,
            access=access,
            actor="a",
            kind=NodeKind.Evidence,
            id_=node.id,
            version=1,
            changes={"sha256": "0" * 64},
        ),
        lambda: generic.delete_node(store=store, access=access, actor="a", id_=node.id, version=1),
        lambda: generic.delete_node(
            store=store, access=access, actor="a", id_=rid, version=version
        ),
        lambda: generic.link(
            store=store,
            access=access,
            actor="a",
            type_=RelType.ATTACHED_TO,
            start=node.id,
            end="case:civil",
            props={},
        ),
    ]
    for refuse in refusals:
        with pytest.raises(ValidationError):
            refuse()
    (rel,) = [n.rel for n in store.neighbours([node.id])[node.id]]
    with pytest.raises(ValidationError):
        generic.unlink(store=store, access=access, actor="a", id_=rel.id)
    shown, content = evidence.download_evidence(store=store, blobs=blobs, evidence_id=node.id)
    assert (shown.id, content) == (node.id, PDF)
    # A file changed on disk no longer matches its hash: it is not served.
    blobs.path(str(node.props["sha256"])).write_bytes(b"%PDF-1.7 tampered")
    with pytest.raises(NotFound):
        evidence.download_evidence(store=store, blobs=blobs, evidence_id=node.id)


def test_a_problem_back_at_its_unit_after_rectification_is_a_recurrence(
    store: GraphStore, tmp_path: Path
) -> None:
    build(store)
    blobs = BlobStore(tmp_path / "blobs")
    first = _finding(store, "2024-01-10")
    rid = _rectification(store, first, "2024-01-11", "2024-03-31")
    _attach(store, blobs, rid)
    _move(store, rid, "submit", "2024-02-01")
    _move(store, rid, "accept", "2024-02-05")
    open_ = _finding(store, "2024-01-15", category="PROCEDURAL")
    _rectification(store, open_, "2024-01-16", "2024-12-31")  # never finished
    before_fix = _finding(store, "2024-01-20")  # found before the report was handed in
    again = _finding(store, "2024-05-01", case=True)  # at the same court, through its case
    other = _finding(store, "2024-05-02", category="SELECTIVE")
    unfixed = _finding(store, "2024-05-03", category="PROCEDURAL")
    found = recurrence.recurrences(store=store)
    assert [(r.finding.id, r.earlier.id, r.unit_id, r.rectification_id) for r in found] == [
        (again, first, "court:510104", rid)
    ]
    assert {before_fix, other, unfixed}.isdisjoint(r.finding.id for r in found)
    assert recurrence.recurrences(store=store, window_days=100) == []
    assert recurrence.recurrences(store=store, since="2024-06") == []
    assert recurrence.recurrences(store=store, region="510700") == []
    assert [r.finding.id for r in recurrence.recurrences(store=store, region="510104")] == [again]
