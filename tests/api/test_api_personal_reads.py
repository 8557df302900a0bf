"""Every read of unmasked personal data is recorded (issue 14): who was given which personal
fields of which node, and when, as an audit entry an admin (and a supervisor, for its
jurisdiction) can query; masked answers and answers without personal fields record nothing."""

from __future__ import annotations

from tests.api.api_client import data, gid
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample

JUDGE = "official:judge"
PERSONAL = "query($id: ID!) { node(id: $id) { ... on Official { name idNumber phone } } }"
NAME_ONLY = "query($id: ID!) { node(id: $id) { ... on Official { name } } }"
READS = """
query($id: ID!) {
  auditLog(target: $id) { edges { node { actor operation target after } } }
}"""


def reads(server: Server) -> list[dict[str, object]]:
    with server.client("admin") as admin:
        edges = data(admin, READS, id=gid(JUDGE))["auditLog"]["edges"]
    return [e["node"] for e in edges if e["node"]["operation"] == "read.personal"]


def test_unmasked_personal_fields_are_recorded_as_read(server: Server) -> None:
    write_sample(server.store)
    with server.client("viewer", subject="viewer-1") as viewer:
        masked = data(viewer, PERSONAL, id=gid(JUDGE))["node"]
    with server.client("investigator", subject="investigator-1") as investigator:
        data(investigator, NAME_ONLY, id=gid(JUDGE))
        unmasked = data(investigator, PERSONAL, id=gid(JUDGE))["node"]
    assert masked["idNumber"] != unmasked["idNumber"]  # the viewer got it masked
    found = reads(server)
    assert [(r["actor"], r["target"]) for r in found] == [("investigator-1", JUDGE)]
    assert found[0]["after"] == {"kind": "Official", "fields": ["id_number", "phone"]}
