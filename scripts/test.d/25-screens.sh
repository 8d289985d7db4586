# Every screen of the app drawn to PNG on two phones in both languages and checked (touch
# targets, contrast, labels, text cut off or overlapping): fails on any error. Reuses the host
# library and bindings that 20-jvm.sh built.
PUSKESOS_REUSE_BUILD=1 exec tests/jvm/screens.sh
