"""Data tables of the Lamphun demo: places, vendors, the catalogue and product compositions.

Pure Python and free of database access, so the whole demo can be planned (and checked for
determinism) without touching PostgreSQL; `marketplace.core.demo` writes the plan.
"""
