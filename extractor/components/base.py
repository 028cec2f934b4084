"""What the project's data-carrying components share: their cue data enters
through `initialize` and travels inside the saved pipeline as `cues.json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy import util


class DataComponent:
    """A pipeline component whose behaviour is fully described by a JSON-able dict."""

    data_file = "cues.json"

    def __init__(self, nlp: Any, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.cues: dict[str, Any] = {}

    def initialize(self, get_examples: Any = None, *, nlp: Any = None, cues: dict[str, Any] | None = None) -> None:
        if cues is not None:
            self.set_cues(cues)

    def set_cues(self, cues: dict[str, Any]) -> None:
        self.cues = cues
        self.compile()

    def compile(self) -> None:
        """Build the matchers from `self.cues`; subclasses override."""

    def _require(self) -> None:
        if not self.cues:
            raise ValueError(f"component {self.name!r} has no cue data: call nlp.initialize() "
                             "or build the pipeline with extractor.pipeline.build()")

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        path = util.ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / self.data_file).write_text(json.dumps(self.cues, ensure_ascii=False, indent=1, sort_keys=True),
                                          encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> DataComponent:
        path = util.ensure_path(path)
        self.set_cues(json.loads((path / self.data_file).read_text(encoding="utf-8")))
        return self

    def to_bytes(self, *, exclude: tuple = ()) -> bytes:
        return json.dumps(self.cues, ensure_ascii=False, sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: tuple = ()) -> DataComponent:
        self.set_cues(json.loads(data.decode("utf-8")))
        return self
