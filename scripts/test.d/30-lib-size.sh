# The phone library's size budget (6 MB stripped, `--profile mobile`) and the count of its
# exports that the Kotlin tests call: a size is not noisy, so it is checked on every run.
exec bindings/lib-size.sh
