"""The comparison job in pandas, polars or DuckDB (run by scripts/compare, one process per run).

Read the long CSV, rank each year by total (competition ranking: ties share the best place,
missing totals unranked), take the latest year's 100 best-ranked rows (ties by id, as rankscope
keeps the file's order), sort them by innovation (descending, missing last; ties by rank, id) and
write them as CSV.

Usage: compare_jobs.py pandas|polars|duckdb IN.csv OUT.csv
"""

import sys

COLUMNS = ["rank", "id", "name", "province", "total",
           "infrastructure", "innovation", "carrying", "support"]


def with_pandas(src, out):
    import pandas as pd
    df = pd.read_csv(src)
    df["rank"] = df.groupby("year")["total"].rank(method="min", ascending=False)
    latest = df[(df["year"] == df["year"].max()) & df["rank"].notna()]
    top = latest.sort_values(["rank", "id"], kind="stable").head(100)
    top = top.sort_values(["innovation", "rank", "id"], ascending=[False, True, True],
                          kind="stable", na_position="last")
    top["rank"] = top["rank"].astype("int64")
    top[COLUMNS].to_csv(out, index=False)


def with_polars(src, out):
    import polars as pl
    df = pl.read_csv(src)
    df = df.with_columns(pl.col("total").rank("min", descending=True).over("year").alias("rank"))
    latest = df.filter((pl.col("year") == pl.col("year").max()) & pl.col("rank").is_not_null())
    top = latest.sort(["rank", "id"]).head(100)
    top = top.sort(["innovation", "rank", "id"], descending=[True, False, False], nulls_last=True)
    top.select(COLUMNS).write_csv(out)


def with_duckdb(src, out):
    import duckdb
    duckdb.sql(f"""
        COPY (
          WITH ranked AS (
            SELECT *, CASE WHEN total IS NULL THEN NULL
                      ELSE rank() OVER (PARTITION BY year ORDER BY total DESC) END AS rank
            FROM read_csv('{src}')
          ),
          top AS (
            SELECT * FROM ranked
            WHERE year = (SELECT max(year) FROM ranked) AND rank IS NOT NULL
            ORDER BY rank, id LIMIT 100
          )
          SELECT {", ".join(COLUMNS)} FROM top
          ORDER BY innovation DESC NULLS LAST, rank, id
        ) TO '{out}' (HEADER)
    """)


if __name__ == "__main__":
    tool, src, out = sys.argv[1:4]
    {"pandas": with_pandas, "polars": with_polars, "duckdb": with_duckdb}[tool](src, out)
