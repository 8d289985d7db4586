# The generated Kotlin bindings on the JVM against the host-built library, and every app
# source compiled against the Android framework jar.
exec tests/jvm/run.sh -q
