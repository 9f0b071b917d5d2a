"""The vendor payout ledger: what Kad owes each vendor, and the payouts that settle it."""
