"""One resolver per attribute the linker sets; each holds its data and an
ordered table of named strategies (the order per fact type comes from the
fact-type registry)."""

from extractor.components.resolvers.base import Clauses, Draft, History, Scene
from extractor.components.resolvers.conversion import ConversionResolver
from extractor.components.resolvers.item import ItemResolver
from extractor.components.resolvers.metric import MetricResolver
from extractor.components.resolvers.period import PeriodResolver
from extractor.components.resolvers.retraction import RetractionResolver
from extractor.components.resolvers.subject import SubjectResolver

__all__ = ["Clauses", "ConversionResolver", "Draft", "History", "ItemResolver", "MetricResolver", "PeriodResolver",
           "RetractionResolver", "Scene", "SubjectResolver"]
