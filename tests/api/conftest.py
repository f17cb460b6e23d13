"""Fixtures of the API tests: tokens, a small world with two agencies, and a JSON client."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest


class Api:
    """Calls /api/v1 with a Bearer token, as an integrating system would."""

    def __init__(self, client, db):
        self.client = client
        self.db = db

    def token(self, user, scope="write", days=30, name="Thử nghiệm"):
        from tracker.api.tokens import create_token

        _, raw = create_token(None, user, name=name, scope=scope, days=days)
        self.db.session.commit()
        return raw

    def _headers(self, token, headers=None):
        out = dict(headers or {})
        if token:
            out["Authorization"] = f"Bearer {token}"
        return out

    def get(self, path, token=None, headers=None, **kw):
        return self.client.get("/api/v1" + path, headers=self._headers(token, headers), **kw)

    def post(self, path, token=None, json=None, headers=None, **kw):
        return self.client.post("/api/v1" + path, json=json, headers=self._headers(token, headers), **kw)

    def patch(self, path, token=None, json=None, headers=None, **kw):
        return self.client.patch("/api/v1" + path, json=json, headers=self._headers(token, headers), **kw)


@pytest.fixture
def api(client, db):
    return Api(client, db)


@pytest.fixture
def world(make, db, freeze):
    """Sở Tài chính (STC) and Sở Tư pháp (STP) with a focal point each, a monitor, a leader, an
    admin; tasks of each, one STP task that STC coordinates. Today is 01/07/2024."""
    freeze(dt.date(2024, 7, 1))
    province = make.agency("TINH", "Tỉnh Khánh Hòa", kind="external")
    stc = make.agency("STC", "Sở Tài chính", parent=province)
    stp = make.agency("STP", "Sở Tư pháp", parent=province)
    doc = make.document("91-KL/TU", issued_on=dt.date(2024, 3, 1))
    w = SimpleNamespace(
        stc=stc,
        stp=stp,
        doc=doc,
        stc_focal=make.user("focal", agency=stc, email="daumoi@stc.vn"),
        stp_focal=make.user("focal", agency=stp, email="daumoi@stp.vn"),
        monitor=make.monitor(),
        leader=make.user("leader", agency=None, email="lanhdao@ubnd.vn"),
        admin=make.user("admin", agency=None, email="admin@ubnd.vn"),
    )
    w.stc_task = make.task(
        lead=stc, document=doc, title="Rà soát thủ tục thuế", deadline=dt.date(2024, 9, 30)
    )
    w.stp_task = make.task(
        lead=stp, document=doc, title="Kiểm tra văn bản quy phạm", deadline=dt.date(2024, 8, 31)
    )
    w.shared = make.task(
        lead=stp,
        document=doc,
        coordinating=[stc],
        title="Tư pháp chủ trì, Tài chính phối hợp",
        deadline=dt.date(2024, 12, 31),
    )
    db.session.commit()
    return w
