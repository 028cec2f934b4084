"""Learned decisions over the typed evidence: candidates and features
(`candidates`, `features`), the calibrated type model and its safe format
(`models`), fitting it (`training`) and judging it by cross-validation over
documents (`crossval`). Settings come from `data/learn.json` (`settings`)."""
