"""The reviewer's queue: the bureau's submitted budgets with their figures, approved or returned there."""
