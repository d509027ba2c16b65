"""The audit trail: append-only, chained events of every change of state, and their verification."""
