"""Search: synonyms (data an admin extends) and the index queue (the outbox of index changes)."""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

_SPLIT_RE = re.compile(r"[\n|،,;؛]+")


class SynonymGroup(models.Model):
    """Words or phrases a job seeker may use for the same job; a query for one finds all of them."""

    words = models.TextField(
        _("words"),
        help_text=_("Equivalent words or phrases, one per line (or separated by commas)."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["pk"]

    def __str__(self) -> str:
        return " / ".join(self.members())

    def members(self) -> list[str]:
        return [w.strip() for w in _SPLIT_RE.split(self.words or "") if w.strip()]


class IndexQueueEntry(models.Model):
    """A vacancy whose index entry must be brought in step with the database.

    Written in the same transaction as the vacancy change (``services.index_vacancy``), processed after
    commit and by the ``process_search_queue`` backstop; deleted once the index has committed.
    """

    vacancy_id = models.PositiveBigIntegerField(_("vacancy id"))
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("search index queue entry")
        verbose_name_plural = _("search index queue")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.pk}: {self.vacancy_id}"
