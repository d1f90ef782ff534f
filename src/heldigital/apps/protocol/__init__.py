"""Storage of the procurement protocol (the hash-chained ledger) in the database."""
