"""Pure string -> record functions (numbers, currencies, amounts, dates); no spaCy here."""
