package id.puskesos.field.format

/**
 * Display formatting that needs no Android class, so it is unit-tested on the JVM. Month names
 * come from string resources; the logic is the same in both languages.
 */
object Formats {
    /** `2025-08-17` with Indonesian month names → `17 Agustus 2025`; anything else unchanged. */
    fun isoDate(iso: String?, months: List<String>): String {
        if (iso == null) return ""
        val m = Regex("""^(\d{4})-(\d{2})-(\d{2})$""").matchEntire(iso.trim()) ?: return iso
        val (year, month, day) = m.destructured
        val name = months.getOrNull(month.toInt() - 1) ?: return iso
        return "${day.toInt()} $name $year"
    }

    /** Groups a 16-digit number as printed on a KK or KTP: `3201 0145 0390 9901`. */
    fun grouped(number: String): String = number.chunked(4).joinToString(" ")

    /** How long ago the last successful sync was, as the home screen words it. */
    sealed class Elapsed {
        object Never : Elapsed()

        object JustNow : Elapsed()

        data class Minutes(val n: Long) : Elapsed()

        data class Hours(val n: Long) : Elapsed()

        data class Days(val n: Long) : Elapsed()
    }

    fun since(lastEpochMillis: Long?, nowEpochMillis: Long): Elapsed {
        if (lastEpochMillis == null) return Elapsed.Never
        val minutes = (nowEpochMillis - lastEpochMillis).coerceAtLeast(0) / 60_000
        return when {
            minutes < 1 -> Elapsed.JustNow
            minutes < 60 -> Elapsed.Minutes(minutes)
            minutes < 48 * 60 -> Elapsed.Hours(minutes / 60)
            else -> Elapsed.Days(minutes / (24 * 60))
        }
    }

    /** Converts the date a person picks (day, month 1-12, year) to the ISO text the core reads. */
    fun iso(year: Int, month: Int, day: Int): String = "%04d-%02d-%02d".format(year, month, day)

    /** The phone's calendar day of an instant, as ISO (the core's records carry milliseconds). */
    fun isoDay(epochMillis: Long): String {
        val c = java.util.Calendar.getInstance().apply { timeInMillis = epochMillis }
        return iso(c.get(java.util.Calendar.YEAR), c.get(java.util.Calendar.MONTH) + 1, c.get(java.util.Calendar.DAY_OF_MONTH))
    }

    /** ISO `yyyy-mm-dd` as the desk types it back: `dd-mm-yyyy`. */
    fun typedFromIso(iso: String?): String {
        val m = Regex("""^(\d{4})-(\d{2})-(\d{2})$""").matchEntire(iso?.trim().orEmpty()) ?: return ""
        val (y, mo, d) = m.destructured
        return "$d-$mo-$y"
    }

    /** Reads `dd-mm-yyyy` or `dd/mm/yyyy` as typed at the desk (the KTP's order) into ISO. */
    fun isoFromTyped(typed: String): String? {
        val m = Regex("""^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$""").matchEntire(typed) ?: return null
        val (d, mo, y) = m.destructured
        return iso(y.toInt(), mo.toInt(), d.toInt())
    }
}
