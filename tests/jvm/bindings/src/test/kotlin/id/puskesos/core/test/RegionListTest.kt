package id.puskesos.core.test

import id.puskesos.core.model.IdPart
import id.puskesos.core.IdProblem
import id.puskesos.core.IdentityException
import id.puskesos.core.model.RegionLevel
import id.puskesos.core.RegionList
import id.puskesos.core.checkKk
import id.puskesos.core.checkNik
import id.puskesos.core.panicForTest
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The Kemendagri region list loaded from the real shared file, through the bindings. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionListTest {
    private lateinit var history: RegionList

    @BeforeAll
    fun load() {
        history = RegionList.open(SharedData.file("wilayah/wilayah-history.csv").path)
    }

    @AfterAll
    fun close() = history.close()

    @Test
    fun `the history list holds every code since 2016`() {
        assertTrue(history.size() > 90_000uL, "size ${history.size()}")
    }

    @Test
    fun `a code is found dotted or not, with its level and name`() {
        val region = history.get("32.01.01")!!
        assertEquals("320101", region.code)
        assertEquals("32.01.01", region.dotted)
        assertEquals("Cibinong", region.name)
        assertEquals(RegionLevel.DISTRICT, region.level)
        assertTrue(region.current)
        assertEquals(2025.toUShort(), region.lastSeen)
        assertEquals(region, history.get("320101"))
        assertNull(history.get("99.99"))
    }

    @Test
    fun `ever existed answers for codes old and new`() {
        assertTrue(history.everExisted("3201"))
        assertFalse(history.everExisted("9901"))
    }

    @Test
    fun `children of a district are its villages in code order`() {
        val villages = history.children("32.01.01")
        assertEquals(13, villages.size)
        assertTrue(villages.all { it.level == RegionLevel.VILLAGE && it.code.startsWith("320101") })
        assertEquals(villages.sortedBy { it.code }, villages)
        assertEquals("Pondok Rajeg", villages.first().name)
        assertEquals(emptyList<Any>(), history.children("32.01.01.1001"))
    }

    @Test
    fun `find by name puts the exact match first and respects the limit`() {
        val found = history.findByName("cibinong", 3u)
        assertEquals(3, found.size)
        assertEquals("Cibinong", found.first().name)
        assertEquals(emptyList<Any>(), history.findByName("  ", 10u))
    }

    @Test
    fun `with the list a NIK from a province that never existed is refused by part`() {
        val nik = Synthetic.nik(district = "990101", day = 1, month = 1, yy = 90)
        assertTrue(checkNik(nik, "2025-08-17", null).valid, "structurally fine without a list")
        val check = checkNik(nik, "2025-08-17", history)
        assertEquals(listOf(IdPart.PROVINCE), check.issues.map { it.part })
        assertEquals(IdProblem.UnknownRegion("99"), check.issues[0].problem)
        assertEquals("kode provinsi 99 tidak dikenal di daftar wilayah Kemendagri.", check.issues[0].messageId)
        val kk = checkKk(Synthetic.kk(district = "320199", day = 1, month = 1, yy = 10), "2025-08-17", history)
        assertEquals(listOf(IdProblem.UnknownRegion("320199")), kk.issues.map { it.problem })
    }

    @Test
    fun `a list is read from memory too`() {
        RegionList.fromCsv("code,name\n32,Jawa Barat\n32.01,Kabupaten Bogor\n").use { list ->
            assertEquals(2uL, list.size())
            assertEquals(listOf("3201"), list.children("32").map { it.code })
        }
    }

    @Test
    fun `a missing file is a typed exception naming the problem`() {
        val e = assertThrows<IdentityException.RegionListUnreadable> { RegionList.open("/nonexistent/wilayah.csv") }
        assertTrue(e.message!!.startsWith("Daftar wilayah tidak bisa dibaca"), e.message)
    }

    @Test
    fun `a malformed file names the line`(@TempDir dir: File) {
        val file = File(dir, "wilayah.csv").apply { writeText("code,name\n32,Jawa Barat\n3x.01,Bogor\n") }
        val e = assertThrows<IdentityException.RegionListMalformed> { RegionList.open(file.path) }
        assertTrue(e.message!!.contains("baris 3"), e.message)
        assertThrows<IdentityException.RegionListMalformed> { RegionList.fromCsv("kode,nama\n32,Jawa Barat\n") }
    }

    @Test
    fun `one list serves two threads at once`() {
        val pool = Executors.newFixedThreadPool(2)
        val start = CountDownLatch(1)
        try {
            val jobs = listOf("32.01.01", "11.01.01").map { district ->
                pool.submit<List<String>> {
                    start.await()
                    (1..200).map { i ->
                        val villages = history.children(district)
                        val nik = Synthetic.nik(district = district.replace(".", ""), day = 1 + i % 28, month = 1, yy = 90)
                        check(checkNik(nik, "2025-08-17", history).valid)
                        villages.first().code
                    }.distinct()
                }
            }
            start.countDown()
            assertEquals(listOf(listOf("3201011001"), listOf("1101012001")), jobs.map { it.get(60, TimeUnit.SECONDS) })
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun `a panic inside the core arrives as a typed Internal exception and the list stays usable`() {
        val e = assertThrows<IdentityException.Internal> { panicForTest("simulated bug") }
        assertTrue(e.message!!.startsWith("Kesalahan internal"), e.message)
        assertTrue(e.message!!.contains("simulated bug"), e.message)
        assertEquals("Cibinong", history.get("320101")?.name)
        assertTrue(checkNik(Synthetic.nik(day = 1, month = 1, yy = 90), "2025-08-17", history).valid)
    }
}
