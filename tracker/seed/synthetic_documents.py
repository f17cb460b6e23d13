"""The synthetic documents and their task trees: sections, tasks with lead and coordinating agencies
and deadlines, spread over ten years (a part of `SyntheticData`)."""

from __future__ import annotations

import datetime as dt

from tracker.core.bulk import iso, stamp
from tracker.documents.models import DOCUMENT_KINDS as KIND_LABELS
from tracker.seed import synthetic_words as words
from tracker.seed.synthetic_rows import DAY
from tracker.tasks.periodic import periods


class DocumentTrees:
    """The documents and the task trees of the data set (a part of SyntheticData)."""

    def documents(self) -> None:
        rng = self.rng
        while self.countable < self.n_tasks:
            province = rng.choices(self.provinces, cum_weights=self.province_cum)[0]
            kind = rng.choices(self.kinds, cum_weights=self.kind_cum)[0]
            abbr, levels, _weight, (low, high), sectioned = words.DOCUMENT_KINDS[kind]
            level = rng.choices(list(levels), list(levels.values()))[0]
            issued = self.until - int(3650 * rng.random() ** 1.35) * DAY
            province.number += 1
            issuer_abbr, issuer_name = words.ISSUERS[level]
            if kind == "official_letter":
                symbol = f"{province.number}/{issuer_abbr}-{rng.choice(('KSTT', 'NC', 'TH', 'KT', 'VX'))}"
            else:
                symbol = f"{province.number}/{abbr}-{issuer_abbr}"
            symbol = f"{symbol} ({province.code})"
            topic = rng.choice(words.TOPICS)
            title = f"{KIND_LABELS[kind]} về {topic} năm {issued.year}"
            issuer = issuer_name if level in ("government", "ministry") else f"{issuer_name} {province.name}"
            doc_id = self._id("documents")
            self.rows["documents"].append(
                (
                    doc_id,
                    symbol,
                    kind,
                    issuer,
                    level,
                    province.root,
                    iso(issued),
                    title,
                    rng.random() < 0.05,
                    self.monitor,
                    stamp(issued, 0),
                )
            )
            self.counts["documents"] += 1
            self._tasks_of(province, doc_id, symbol, issued, rng.randint(low, high), sectioned, kind)
            if len(self.rows["task_events"]) >= self.batch * 4:
                self.flush()
        self.flush()

    def _tasks_of(self, province, doc_id, symbol, issued, count, sectioned, kind) -> None:
        rng = self.rng
        sections = []
        if sectioned:
            for i in range(rng.randint(2, min(6, max(2, count // 5)))):
                sid = self._id("tasks")
                title = words.SECTION_TITLES[i % len(words.SECTION_TITLES)]
                code = words.ROMAN[i]
                self.rows["tasks"].append(
                    self._row(
                        sid,
                        doc_id,
                        None,
                        code,
                        i,
                        True,
                        None,
                        None,
                        title,
                        "",
                        self._fold(f"{code} {title}"),
                        None,
                        "other",
                        issued,
                        "ongoing",
                        None,
                        None,
                        None,
                        None,
                        "",
                        "normal",
                        None,
                        stamp(issued, 0),
                    )
                )
                sections.append((sid, code))
                self.counts["sections"] += 1
        position = 0
        while count > 0 and self.countable < self.n_tasks:
            position += 1
            parent, code = None, str(position)
            if sections:
                parent, prefix = sections[(position - 1) % len(sections)]
                code = f"{prefix}.{(position - 1) // len(sections) + 1}"
            title = f"{rng.choice(words.VERBS)} {rng.choice(words.TOPICS)}"
            leads = [rng.choices(province.leads, cum_weights=province.cum)[0]]
            if kind in ("official_letter", "conclusion_notice", "directive") and rng.random() < 0.12:
                group = (
                    province.districts if rng.random() < 0.5 and province.districts else province.departments
                )
                leads = group[: max(1, self.n_tasks - self.countable)]
            for lead in leads:
                self._task(province, doc_id, symbol, parent, code, position, title, lead, issued)
            count -= 1

    def _task(self, province, doc_id, symbol, parent, code, position, title, lead, assigned) -> None:
        rng = self.rng
        coordinators = []
        k = rng.choices((0, 1, 2, 3), (55, 25, 12, 8))[0]
        if k:
            coordinators = [a for a in dict.fromkeys(rng.choices(province.departments, k=k)) if a != lead]
        area = rng.choices(self.areas, cum_weights=self.area_cum)[0]
        priority = "urgent" if rng.random() < 0.08 else "normal"
        output = rng.choice(words.OUTPUTS)
        content = f"{title}. Thực hiện theo văn bản số {symbol}."
        # fold() works character by character: folding the parts once each is folding the whole.
        folded_title = self._fold(title)
        search = f"{self._fold(code)} {folded_title} {folded_title}. {self._fold(f'Thực hiện theo văn bản số {symbol}.')}"
        roll = rng.random()
        remaining = self.n_tasks - self.countable
        if roll < 0.015:
            period = rng.choices(("yearly", "half_yearly", "quarterly", "monthly"), (35, 20, 35, 10))[0]
            occurrences = list(periods(period, assigned, self.until + 92 * DAY))
            if 0 < len(occurrences) <= remaining:
                self._series(
                    doc_id,
                    parent,
                    code,
                    position,
                    title,
                    content,
                    search,
                    lead,
                    area,
                    assigned,
                    period,
                    output,
                    priority,
                    coordinators,
                    occurrences,
                )
                return
        phrase = None
        if roll < 0.115:
            kind, deadline = "ongoing", None
            phrase = "Thường xuyên" if rng.random() < 0.5 else None
        else:
            kind = "date"
            deadline = assigned + rng.choice((15, 30, 45, 60, 90, 120, 180, 270, 365, 540)) * DAY
            snap = rng.random()
            if snap < 0.25:
                deadline = dt.date(deadline.year, 12, 31)
                phrase = f"trong năm {deadline.year}"
            elif snap < 0.5:
                quarter = (deadline.month - 1) // 3
                deadline = dt.date(deadline.year, 3 * quarter + 3, (31, 30, 30, 31)[quarter])
                phrase = f"Quý {words.ROMAN[quarter]} năm {deadline.year}"
            elif snap < 0.7:
                phrase = f"trước ngày {deadline.day}/{deadline.month}/{deadline.year}"
        self._life(
            doc_id,
            parent,
            code,
            position,
            title,
            content,
            search,
            lead,
            area,
            assigned,
            kind,
            None,
            deadline,
            phrase,
            output,
            priority,
            coordinators,
            None,
            None,
        )
