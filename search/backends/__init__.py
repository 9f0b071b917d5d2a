"""Search backends: `elastic` (Elasticsearch) and `postgres` (the fallback). Call them only
through search.selectors, which chooses one and falls back."""
