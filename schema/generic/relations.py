"""The relationship fields of each object type: every (type, start kind, end kind) of the
model gets a field on its start (outgoing) and one on its end (incoming).

Names are written out rather than derived: "Case.handlingAgencies" reads better than any
rule would make it, and the check below keeps the table complete and unambiguous."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.model.kinds import RELS
from graph.store import Direction

SA, JM, IR, IV = K.SupervisionAction, K.JointMeeting, K.InterventionRecord, K.Investigation

# (type, start, end): (field on the start, field on the end)
NAMES: dict[tuple[R, K, K], tuple[str, str]] = {
    (R.PART_OF, K.Region, K.Region): ("parent", "children"),
    (R.PART_OF, K.Indicator, K.Indicator): ("parent", "children"),
    (R.PART_OF, SA, SA): ("campaign", "campaignActions"),
    (R.LOCATED_IN, K.Agency, K.Region): ("region", "agencies"),
    (R.GUIDES, K.Agency, K.Agency): ("guides", "guidedBy"),
    (R.COORDINATES, K.Agency, K.Agency): ("coordinates", "coordinatedBy"),
    (R.POST_IN, K.Post, K.Agency): ("agency", "posts"),
    (R.HOLDS, K.Official, K.Post): ("posts", "holders"),
    (R.MEMBER_OF, K.Official, K.Agency): ("agencies", "members"),
    (R.HANDLED_BY, K.Case, K.Agency): ("handlingAgencies", "casesHandled"),
    (R.HANDLED, K.Official, K.Case): ("casesHandled", "handlers"),
    (R.PARTY_TO, K.Official, K.Case): ("casesAsParty", "parties"),
    (R.INVOLVES, K.Case, K.Region): ("involvedRegions", "crossRegionCases"),
    (R.INVOLVES, K.Case, K.Agency): ("involvedAgencies", "crossRegionCases"),
    (R.FILED, K.Official, K.Complaint): ("complaintsFiled", "petitioners"),
    (R.CONCERNS, K.Complaint, K.Case): ("cases", "complaints"),
    (R.CONCERNS, K.Complaint, K.Agency): ("concernedAgencies", "complaintsConcerning"),
    (R.CONCERNS, K.Complaint, K.Official): ("concernedOfficials", "complaintsConcerning"),
    (R.CONCERNS, K.Finding, K.Case): ("cases", "findings"),
    (R.CONCERNS, K.Finding, K.Agency): ("concernedAgencies", "findingsConcerning"),
    (R.CONCERNS, K.Finding, K.Official): ("concernedOfficials", "findingsConcerning"),
    (R.AGAINST, K.Complaint, K.Agency): ("againstAgencies", "complaintsAgainst"),
    (R.AGAINST, K.Complaint, K.Official): ("againstOfficials", "complaintsAgainst"),
    (R.AGAINST, K.Accountability, K.Agency): ("againstAgencies", "accountabilities"),
    (R.AGAINST, K.Accountability, K.Official): ("againstOfficials", "accountabilities"),
    (R.ASSIGNED_TO, K.Complaint, K.Agency): ("assignedTo", "complaintsAssigned"),
    (R.ASSIGNED_TO, K.Rectification, K.Agency): ("assignedTo", "rectificationsAssigned"),
    (R.ASSIGNED_TO, SA, K.Agency): ("assignedTo", "actionsAssigned"),
    (R.CONDUCTED_BY, SA, K.Agency): ("conductedBy", "actionsConducted"),
    (R.TARGETS, SA, K.Case): ("targetCases", "supervisionActions"),
    (R.TARGETS, SA, K.Agency): ("targetAgencies", "supervisionActions"),
    (R.TARGETS, SA, K.Complaint): ("targetComplaints", "supervisionActions"),
    (R.REVIEWED_BY, SA, K.Official): ("reviewers", "reviews"),
    (R.FOUND, SA, K.Finding): ("findings", "foundBy"),
    (R.REQUIRES, K.Finding, K.Rectification): ("rectifications", "findings"),
    (R.LED_TO, K.Finding, K.Accountability): ("accountabilities", "findings"),
    (R.RECOGNIZED_BY, K.Finding, SA): ("recognizedByActions", "recognizedFindings"),
    (R.RECOGNIZED_BY, K.Finding, K.Agency): ("recognizedByAgencies", "recognizedFindings"),
    (R.INTERVENED_IN, K.Official, K.Case): ("casesIntervenedIn", "interveners"),
    (R.RECORDS, IR, K.Case): ("cases", "interventionRecords"),
    (R.BY, IR, K.Official): ("interveners", "interventionsMade"),
    (R.RECORDED_BY, IR, K.Official): ("recordedByOfficials", "interventionsRecorded"),
    (R.RECORDED_BY, IR, K.Agency): ("recordedByAgencies", "interventionsRecorded"),
    (R.CLEARS, K.Clearance, K.Official): ("officials", "clearances"),
    (R.FOLLOWS, K.Clearance, K.Complaint): ("complaints", "clearances"),
    (R.FOLLOWS, K.Clearance, K.Report): ("reports", "clearances"),
    (R.FOLLOWS, K.Clearance, K.Incident): ("incidents", "clearances"),
    (R.CONCERNS, K.Incident, K.Case): ("cases", "incidents"),
    (R.AGAINST, K.Report, K.Official): ("againstOfficials", "reportsAgainst"),
    (R.AGAINST, K.Incident, K.Official): ("againstOfficials", "incidentsAgainst"),
    (R.ASSIGNED_TO, K.Report, K.Agency): ("assignedTo", "reportsAssigned"),
    (R.INCLUDES, IV, K.Report): ("includedReports", "investigations"),
    (R.INCLUDES, IV, K.Incident): ("includedIncidents", "investigations"),
    (R.SIGNED_BY, K.Agreement, K.Agency): ("signatories", "agreementsSigned"),
    (R.IMPLEMENTS, K.Agreement, K.Agreement): ("implements", "implementedBy"),
    (R.UNDER, SA, K.Agreement): ("agreements", "supervisionActions"),
    (R.UNDER, JM, K.Agreement): ("agreements", "jointMeetings"),
    (R.UNDER, K.Case, K.Agreement): ("agreements", "cases"),
    (R.ATTENDED_BY, JM, K.Agency): ("attendingAgencies", "meetingsAttended"),
    (R.ATTENDED_BY, JM, K.Official): ("attendingOfficials", "meetingsAttended"),
    (R.DECIDED, JM, SA): ("decidedActions", "decidedAt"),
    (R.DECIDED, JM, K.Agreement): ("decidedAgreements", "decidedAt"),
    (R.SENT_TO, K.Notification, K.Agency): ("sentTo", "notificationsReceived"),
    (R.REPORTS_ON, K.Notification, SA): ("reportsOnActions", "notifications"),
    (R.REPORTS_ON, K.Notification, K.Finding): ("reportsOnFindings", "notifications"),
    (R.REPORTS_ON, K.Notification, K.Case): ("reportsOnCases", "notifications"),
    (R.MEASURES, K.Measurement, K.Indicator): ("indicator", "measurements"),
    (R.FOR_REGION, K.Measurement, K.Region): ("region", "measurements"),
    (R.INCLUDES, IV, K.Region): ("includedRegions", "investigations"),
    (R.INCLUDES, IV, K.Agency): ("includedAgencies", "investigations"),
    (R.INCLUDES, IV, K.Post): ("includedPosts", "investigations"),
    (R.INCLUDES, IV, K.Official): ("includedOfficials", "investigations"),
    (R.INCLUDES, IV, K.Case): ("includedCases", "investigations"),
    (R.INCLUDES, IV, K.Complaint): ("includedComplaints", "investigations"),
    (R.INCLUDES, IV, SA): ("includedSupervisionActions", "investigations"),
    (R.INCLUDES, IV, K.Finding): ("includedFindings", "investigations"),
    (R.INCLUDES, IV, K.Rectification): ("includedRectifications", "investigations"),
    (R.INCLUDES, IV, K.Accountability): ("includedAccountabilities", "investigations"),
    (R.INCLUDES, IV, IR): ("includedInterventionRecords", "investigations"),
    (R.INCLUDES, IV, K.Clearance): ("includedClearances", "investigations"),
    (R.INCLUDES, IV, K.Agreement): ("includedAgreements", "investigations"),
    (R.INCLUDES, IV, JM): ("includedJointMeetings", "investigations"),
    (R.INCLUDES, IV, K.Notification): ("includedNotifications", "investigations"),
    (R.INCLUDES, IV, K.Indicator): ("includedIndicators", "investigations"),
    (R.INCLUDES, IV, K.Measurement): ("includedMeasurements", "investigations"),
    (R.INCLUDES, IV, IV): ("includedInvestigations", "investigations"),
    (R.INCLUDES, IV, K.Evidence): ("includedEvidence", "investigations"),
    (R.INCLUDES, IV, K.PatternWatch): ("includedPatternWatches", "investigations"),
    (R.INCLUDES, IV, K.Inquiry): ("includedInquiries", "investigations"),
    (R.RAISED, K.PatternWatch, K.Inquiry): ("inquiries", "watch"),
    (R.INCLUDES, IV, K.Duty): ("includedDuties", "investigations"),
    (R.INCLUDES, IV, K.Guidance): ("includedGuidance", "investigations"),
    (R.DUTY_OF, K.Duty, K.Agency): ("agency", "duties"),
    (R.BREACHES, K.Finding, K.Duty): ("breachedDuties", "breachingFindings"),
    (R.ISSUED_BY, K.Guidance, K.Agency): ("issuer", "issuedGuidance"),
    (R.CITES, K.Finding, K.Guidance): ("citedGuidance", "citingFindings"),
    (R.CITES, SA, K.Guidance): ("citedGuidance", "citingReviews"),
    (R.EXAMINED_IN, K.Inquiry, IV): ("investigation", "inquiries"),
    (R.PART_OF, K.Rectification, K.Rectification): ("partOf", "items"),
    (R.ATTACHED_TO, K.Evidence, K.Finding): ("finding", "files"),
    (R.ATTACHED_TO, K.Evidence, K.Rectification): ("rectification", "files"),
    (R.ATTACHED_TO, K.Evidence, IR): ("interventionRecord", "files"),
    (R.ATTACHED_TO, K.Evidence, SA): ("supervisionAction", "files"),
    (R.ATTACHED_TO, K.Evidence, K.Clearance): ("clearance", "files"),
    (R.INCLUDES, IV, K.ChecklistItem): ("includedChecklistItems", "investigations"),
    (R.INCLUDES, IV, K.Training): ("includedTrainings", "investigations"),
    (R.PART_OF, K.ChecklistItem, SA): ("round", "checklist"),
    (R.UNCOVERED, K.ChecklistItem, K.Finding): ("uncovered", "checklistItems"),
    (R.LOOKS_BACK_AT, SA, SA): ("lookedBackAt", "lookBacks"),
    (R.ORGANIZED_BY, K.Training, K.Agency): ("organizer", "trainingsOrganized"),
    (R.TRAINED, K.Official, K.Training): ("trainings", "trainees"),
    (R.IN_POOL, K.Official, K.Agency): ("talentPools", "talentPoolMembers"),
}

# Outgoing fields that hold at most one node (the rest are lists).
SINGLE = frozenset(
    {
        (R.PART_OF, K.Region, K.Region),
        (R.PART_OF, K.Indicator, K.Indicator),
        (R.PART_OF, SA, SA),
        (R.PART_OF, K.Rectification, K.Rectification),
        (R.EXAMINED_IN, K.Inquiry, IV),
        (R.DUTY_OF, K.Duty, K.Agency),
        (R.ISSUED_BY, K.Guidance, K.Agency),
        (R.ATTACHED_TO, K.Evidence, K.Finding),
        (R.ATTACHED_TO, K.Evidence, K.Rectification),
        (R.ATTACHED_TO, K.Evidence, IR),
        (R.ATTACHED_TO, K.Evidence, SA),
        (R.ATTACHED_TO, K.Evidence, K.Clearance),
        (R.LOCATED_IN, K.Agency, K.Region),
        (R.POST_IN, K.Post, K.Agency),
        (R.MEASURES, K.Measurement, K.Indicator),
        (R.FOR_REGION, K.Measurement, K.Region),
        (R.PART_OF, K.ChecklistItem, SA),
        (R.LOOKS_BACK_AT, SA, SA),
        (R.ORGANIZED_BY, K.Training, K.Agency),
    }
)


@dataclass(frozen=True)
class Relation:
    """One relationship field: on ``owner``, reaching ``other`` over ``type`` in ``direction``."""

    name: str
    owner: K
    other: K
    type: R
    direction: Direction
    single: bool


def relations() -> dict[K, list[Relation]]:
    """Each kind's relationship fields, types and names in model order."""
    out: dict[K, list[Relation]] = {k: [] for k in K}
    for type_, spec in RELS.items():
        for start, end in spec.ends:
            outgoing, incoming = NAMES[(type_, start, end)]
            single = (type_, start, end) in SINGLE
            out[start].append(Relation(outgoing, start, end, type_, Direction.OUT, single))
            out[end].append(Relation(incoming, end, start, type_, Direction.IN, False))
    return out


def _check() -> None:
    pairs = {(t, s, e) for t, spec in RELS.items() for s, e in spec.ends}
    assert pairs == set(NAMES), f"relation names differ from the model: {pairs ^ set(NAMES)}"
    for kind, fields in relations().items():
        names = [r.name for r in fields]
        assert len(names) == len(set(names)), f"{kind.name}: duplicate relation field names"


_check()
