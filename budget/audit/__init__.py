"""The audit trail of a budget's data: who changed what, when, from which value to which."""
