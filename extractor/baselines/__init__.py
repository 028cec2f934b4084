"""Other systems run through the same harness, for comparison."""
