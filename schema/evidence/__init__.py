"""Evidence on record (workflows.evidence): files attached to findings, rectifications,
intervention records, reviews and clearances.

- ``files``: ``attachEvidence`` (a GraphQL multipart upload, api/graphql_http.py) and
  ``evidenceOf``; the bytes are downloaded at ``GET /files/{id}`` (api/files.py).
"""

from __future__ import annotations

from schema.evidence import files
from schema.fields import RootField

QUERY: tuple[RootField, ...] = (files.evidence_of,)
MUTATION: tuple[RootField, ...] = (files.attach_evidence,)
