package id.puskesos.field

import id.puskesos.field.format.Formats
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class FormatsTest {
    private val bulan = listOf("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember")

    @Test
    fun `ISO dates read as people write them`() {
        assertEquals("17 Agustus 2025", Formats.isoDate("2025-08-17", bulan))
        assertEquals("1 Januari 2000", Formats.isoDate("2000-01-01", bulan))
        assertEquals("2025-13-01", Formats.isoDate("2025-13-01", bulan), "an impossible month is shown as is")
        assertEquals("", Formats.isoDate(null, bulan))
    }

    @Test
    fun `numbers are grouped in fours as on the card`() {
        assertEquals("3201 0145 0390 9901", Formats.grouped("3201014503909901"))
    }

    @Test
    fun `dates typed day first become ISO`() {
        assertEquals("1990-03-05", Formats.isoFromTyped("5-3-1990"))
        assertEquals("1990-03-05", Formats.isoFromTyped(" 05/03/1990 "))
        assertNull(Formats.isoFromTyped("1990-03-05"))
        assertNull(Formats.isoFromTyped("5 Maret 1990"))
    }

    @Test
    fun `the last sync is described at the right scale`() {
        val now = 1_000_000_000_000L
        val minute = 60_000L
        assertEquals(Formats.Elapsed.Never, Formats.since(null, now))
        assertEquals(Formats.Elapsed.JustNow, Formats.since(now - 30_000, now))
        assertEquals(Formats.Elapsed.JustNow, Formats.since(now + 5 * minute, now), "a clock set back is not 'in the future'")
        assertEquals(Formats.Elapsed.Minutes(59), Formats.since(now - 59 * minute, now))
        assertEquals(Formats.Elapsed.Hours(47), Formats.since(now - 47 * 60 * minute, now))
        assertEquals(Formats.Elapsed.Days(2), Formats.since(now - 48 * 60 * minute, now))
    }
}
