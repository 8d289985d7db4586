# The district service's tests again on a throwaway PostgreSQL: both storage back ends pass
# the same suite.
exec district/tests/pg.sh
