"""Consolidation of a batch's facts: one record per fact many articles state."""

from extractor.consolidation.config import Config
from extractor.consolidation.grouping import STATUSES, Consolidated, Member, Variant, consolidate

__all__ = ["STATUSES", "Config", "Consolidated", "Member", "Variant", "consolidate"]
