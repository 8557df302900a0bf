"""Joint supervision: joint actions, joint meetings whose decisions become actions, units'
own supervision beside the commission's, and notifications to 人大, 政协 and the media."""

from __future__ import annotations

import pytest

from graph.errors import Conflict, InvalidTransition, NotFound, ValidationError
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.store import GraphStore
from tests.worlds.county_court import ACTOR, TODAY, build
from workflows import actions
from workflows.joint import findings, notifications, recognition
from workflows.joint import meetings as joint

COURT = "court:510104"


def _meeting(store: GraphStore, decisions: list[joint.Decision]) -> joint.MeetingRecord:
    return joint.hold_meeting(
        store=store,
        actor=ACTOR,
        today=TODAY,
        title="2024年成都市执法监督联席会议",
        kind="执法监督联席会议",
        held_on="2024-02-20",
        region_code="510100",
        attendee_ids=["commission:510100", COURT, "police:510104", "leader:l"],
        agenda="部署本年度执法监督重点工作",
        decisions=decisions,
    )


def test_meeting_decisions_become_actions_and_are_followed(store: GraphStore) -> None:
    build(store)
    patrol = joint.ActionDraft(
        ActionKind.PATROL,
        "联合执法巡查",
        ["commission:510100", "discipline:510100"],
        [COURT],
        "2024-03-01",
    )
    visit = joint.ActionDraft(
        ActionKind.VISIT, "明查暗访", ["commission:510100"], ["police:510104"], "2024-08-01"
    )
    record = _meeting(
        store,
        [
            joint.Decision("开展联合执法巡查", patrol),
            joint.Decision("开展明查暗访", visit),
            joint.Decision("建立类案指引"),
        ],
    )
    assert record.meeting.get("decisions") == ["开展联合执法巡查", "开展明查暗访", "建立类案指引"]
    assert [d.joint for d in record.decided] == [True, False]
    assert [d.action.get("status") for d in record.decided] == ["ONGOING", "PLANNED"]
    roles = store.neighbours([record.decided[0].action.id], rel_types=[RelType.CONDUCTED_BY])
    assert sorted(n.rel.get("role") for n in roles[record.decided[0].action.id]) == ["牵头", "联合"]
    done = actions.finish_action(
        store=store,
        actor=ACTOR,
        today=TODAY,
        action_id=record.decided[0].action.id,
        version=record.decided[0].action.version,
    )
    with pytest.raises(InvalidTransition):
        actions.finish_action(
            store=store, actor=ACTOR, today=TODAY, action_id=done.id, version=done.version
        )
    late = joint.follow_through(store=store, today="2024-08-05", meeting_id=record.meeting.id)
    assert late.done == 1 and [a.late for a in late.actions] == [False, True]


def test_meeting_inputs_are_checked(store: GraphStore) -> None:
    build(store)
    early = joint.ActionDraft(
        ActionKind.PATROL, "巡查", ["commission:510100"], [COURT], "2024-01-01"
    )
    with pytest.raises(ValidationError) as raised:
        _meeting(store, [joint.Decision("巡查", early)])
    assert raised.value.errors[0].field == "decisions.0.action.started_on"
    own = joint.ActionDraft(
        ActionKind.CASE_REVIEW, "评查", ["commission:510100"], ["case:civil"], "2024-03-01"
    )
    with pytest.raises(ValidationError) as raised:
        _meeting(store, [joint.Decision("评查", own)])
    assert raised.value.errors[0].field == "decisions.0.action.kind"
    with pytest.raises(ValidationError) as raised:
        joint.hold_meeting(
            store=store,
            actor=ACTOR,
            today=TODAY,
            title="会",
            kind="SUPERVISION",
            held_on="2024-02-20",
            region_code="510100",
            attendee_ids=[COURT, "police:510104"],
            decisions=[joint.Decision("x")],
        )
    assert raised.value.errors[0].field == "attendee_ids"
    assert store.counts().nodes[NodeKind.JointMeeting] == 0


def test_units_own_supervision_beside_the_commissions(store: GraphStore) -> None:
    build(store)
    own = actions.open_action(
        store=store,
        actor=ACTOR,
        today=TODAY,
        kind=ActionKind.SELF_INSPECTION,
        title="院内案件质量自查",
        conductor_ids=[COURT],
        target_ids=[COURT],
        started_on="2024-03-01",
        ended_on="2024-03-15",
    ).action
    outside = actions.open_action(
        store=store,
        actor=ACTOR,
        today=TODAY,
        kind=ActionKind.INSPECTION,
        title="执法检查",
        conductor_ids=["commission:510100"],
        target_ids=[COURT],
        started_on="2024-05-01",
    ).action
    finding = findings.record_finding(
        store=store,
        actor=ACTOR,
        today=TODAY,
        action_id=own.id,
        title="文书送达不规范",
        category="PROCEDURAL",
        severity="MINOR",
        concerns_ids=[COURT],
        found_on="2024-03-15",
    )
    linkage = joint.unit_linkage(store=store, region="510100")
    assert [(u.agency.id, u.own_action_ids, u.external_action_ids) for u in linkage] == [
        (COURT, [own.id], [outside.id])
    ]
    assert linkage[0].recognised_finding_ids == []
    recognition.recognize_finding(
        store=store,
        actor=ACTOR,
        today=TODAY,
        finding_id=finding.id,
        by_id="commission:510100",
        scope="单位自查结果互认",
    )
    again = joint.unit_linkage(store=store, region="510100", since="2024-03-01", until="2024-04")
    assert again[0].recognised_finding_ids == [finding.id]
    assert again[0].external_action_ids == []


def test_notifications_and_feedback(store: GraphStore) -> None:
    build(store)
    with pytest.raises(ValidationError) as raised:
        notifications.notify(
            store=store,
            actor=ACTOR,
            today=TODAY,
            subject="通报",
            recipient_agency_id=COURT,
            reports_on_ids=["case:civil"],
        )
    assert raised.value.errors[0].field == "recipient_agency_id"
    with pytest.raises(NotFound, match="reports_on_ids"):
        notifications.notify(
            store=store,
            actor=ACTOR,
            today=TODAY,
            subject="通报",
            recipient_agency_id="congress:510100",
            reports_on_ids=["judge:a"],
        )
    sent = notifications.notify(
        store=store,
        actor=ACTOR,
        today=TODAY,
        subject="2024年上半年执法监督情况通报",
        recipient_agency_id="congress:510100",
        reports_on_ids=["case:civil"],
        sent_on="2024-05-01",
    )
    assert sent.notification.get("recipient") == "CONGRESS"
    waiting = notifications.awaiting_feedback(store=store, today=TODAY)
    assert [w.notification.id for w in waiting] == [sent.notification.id]
    assert notifications.awaiting_feedback(store=store, today="2024-05-20") == []
    with pytest.raises(ValidationError) as raised:
        notifications.record_feedback(
            store=store,
            actor=ACTOR,
            today=TODAY,
            notification_id=sent.notification.id,
            version=sent.notification.version,
            feedback="建议加强类案指引",
            feedback_on="2024-04-01",
        )
    assert raised.value.errors[0].field == "feedback_on"
    node = notifications.record_feedback(
        store=store,
        actor=ACTOR,
        today=TODAY,
        notification_id=sent.notification.id,
        version=sent.notification.version,
        feedback="建议加强类案指引",
    )
    assert node.get("feedback_on") == TODAY
    assert notifications.awaiting_feedback(store=store, today=TODAY) == []
    with pytest.raises(Conflict):
        notifications.record_feedback(
            store=store,
            actor=ACTOR,
            today=TODAY,
            notification_id=sent.notification.id,
            version=sent.notification.version,
            feedback="重复",
        )


def test_feedback_is_decided_on_once_with_how_it_was_handled(store: GraphStore) -> None:
    build(store)
    sent = notifications.notify(
        store=store,
        actor=ACTOR,
        today=TODAY,
        subject="2024年上半年执法监督情况通报",
        recipient_agency_id="congress:510100",
        reports_on_ids=["case:civil"],
        sent_on="2024-05-01",
    ).notification
    other = notifications.notify(
        store=store,
        actor=ACTOR,
        today=TODAY,
        subject="执法巡查情况通报",
        recipient_agency_id="media:510000",
        reports_on_ids=["case:civil"],
        sent_on="2024-05-02",
    ).notification
    with pytest.raises(ValidationError) as early:
        notifications.decide_feedback(
            store=store,
            actor=ACTOR,
            today=TODAY,
            notification_id=sent.id,
            version=sent.version,
            adoption="ADOPTED",
            handling="已据此制定类案指引并印发执行。",
        )
    assert early.value.errors[0].field == "notification_id"
    fed = notifications.record_feedback(
        store=store,
        actor=ACTOR,
        today="2024-05-10",
        notification_id=sent.id,
        version=sent.version,
        feedback="建议加强类案指引",
    )
    assert fed.props["adoption"] == "PENDING"
    report = notifications.feedback_adoption(store=store, today="2024-06-30")
    assert [(c.recipient, c.adoption, c.notifications) for c in report.counts] == [
        ("CONGRESS", "PENDING", 1),
        ("MEDIA", "NO_FEEDBACK", 1),
    ]
    assert [n.id for n in report.undecided] == [sent.id]  # 51 days > 30
    assert notifications.feedback_adoption(store=store, today="2024-06-01").undecided == []
    for bad, field in (
        ({"adoption": "PENDING"}, "adoption"),
        ({"adoption": "MAYBE"}, "adoption"),
        ({"handling": "已办"}, "handling"),
        ({"decided_on": "2024-05-09"}, "decided_on"),
    ):
        arguments = {"adoption": "采纳", "handling": "已据此制定类案指引并印发执行。", **bad}
        with pytest.raises(ValidationError) as refused:
            notifications.decide_feedback(
                store=store,
                actor=ACTOR,
                today=TODAY,
                notification_id=sent.id,
                version=fed.version,
                **arguments,
            )
        assert refused.value.errors[0].field == field
    decided = notifications.decide_feedback(
        store=store,
        actor=ACTOR,
        today=TODAY,
        notification_id=sent.id,
        version=fed.version,
        adoption="部分采纳",
        handling="已据此制定类案指引，其余建议纳入明年计划。",
    )
    assert (decided.props["adoption"], decided.props["decided_on"]) == ("PARTLY_ADOPTED", TODAY)
    for again in (
        lambda: notifications.decide_feedback(
            store=store,
            actor=ACTOR,
            today=TODAY,
            notification_id=sent.id,
            version=decided.version,
            adoption="ADOPTED",
            handling="再次决定，不应被接受。",
        ),
        lambda: notifications.record_feedback(
            store=store,
            actor=ACTOR,
            today=TODAY,
            notification_id=sent.id,
            version=decided.version,
            feedback="新的意见",
        ),
    ):
        with pytest.raises(ValidationError):
            again()
    after = notifications.feedback_adoption(store=store, today="2024-12-31", since="2024-05")
    assert [(c.recipient, c.adoption) for c in after.counts] == [
        ("CONGRESS", "PARTLY_ADOPTED"),
        ("MEDIA", "NO_FEEDBACK"),
    ]
    assert other.id not in [n.id for n in after.undecided]
