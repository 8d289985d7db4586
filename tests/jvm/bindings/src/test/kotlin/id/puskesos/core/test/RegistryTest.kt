package id.puskesos.core.test

import id.puskesos.core.FieldStore
import id.puskesos.core.RegistryException
import id.puskesos.core.RegistryStatus
import id.puskesos.core.model.Relationship
import id.puskesos.core.model.Sex
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** The registry extract: import from a file and the desk's three lookups. */
class RegistryTest {
    companion object {
        const val HEADER = "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw"

        /** A synthetic family of three on one KK, desil 2. */
        fun family(version: String = "2025Q3"): List<String> =
            listOf(
                "$version,${Records.VILLAGE},${Records.KK},${Records.HEAD_NIK},Budi Santoso,Bogor,1980-01-01,male,head,2,Jl. Contoh,003,001",
                "$version,${Records.VILLAGE},${Records.KK},${Records.SPOUSE_NIK},Siti Aminah,Bogor,1982-03-05,female,spouse,2,Jl. Contoh,003,001",
                "$version,${Records.VILLAGE},${Records.KK},${Records.CHILD_NIK},Ahmad Fauzi,Bogor,2010-09-09,male,child,2,Jl. Contoh,003,001",
            )

        fun extract(dir: File, rows: List<String>, name: String = "extract.csv"): String =
            File(dir, name).apply { writeText((listOf(HEADER) + rows).joinToString("\n", postfix = "\n")) }.path
    }

    private fun imported(body: (FieldStore, File) -> Unit) =
        withStore { store, dir ->
            val summary = store.importRegistry(extract(dir, family()))
            assertEquals(3uL, summary.people)
            assertEquals(1uL, summary.families)
            assertEquals(listOf(Records.VILLAGE), summary.villages)
            assertEquals(listOf("2025Q3"), summary.versions)
            body(store, dir)
        }

    @Test
    fun `a person is found by NIK, with separators, and masked for lists`() =
        imported { store, _ ->
            val p = store.registryByNik(Records.SPOUSE_NIK.chunked(4).joinToString("."))
            assertEquals("Siti Aminah", p?.name)
            assertEquals(Sex.FEMALE, p?.sex)
            assertEquals(Relationship.SPOUSE, p?.relationship)
            assertEquals(2.toUByte(), p?.desil)
            assertEquals("320101********12", p?.nikMasked)
            assertEquals("1982-03-05", p?.birthDate)
            assertNull(store.registryByNik(Synthetic.nik(day = 2, month = 2, yy = 92, serial = "9999")))
        }

    @Test
    fun `a family is listed by KK with the head first`() =
        imported { store, _ ->
            val fam = store.registryFamily(Records.KK)
            assertEquals(listOf(Relationship.HEAD, Relationship.SPOUSE, Relationship.CHILD), fam.map { it.relationship })
            assertTrue(store.registryFamily(Synthetic.kk(day = 1, month = 1, yy = 1, serial = "9999")).isEmpty())
        }

    @Test
    fun `a misspelt name still finds the person, best first`() =
        imported { store, _ ->
            val hits = store.registrySearchName("siti aminnah", Records.VILLAGE, 3u)
            assertEquals("Siti Aminah", hits.first().person.name)
            assertTrue(hits.first().score > 0.5 && hits.first().score <= 1.0, hits.first().score.toString())
            assertTrue(store.registrySearchName("siti aminah", "3201010002", 3u).isEmpty(), "another village")
            assertTrue(store.registrySearchName("   ", null, 3u).isEmpty())
            assertEquals(1, store.registrySearchName("budi santoso", null, 1u).size)
        }

    @Test
    fun `the registry status says found with desil, or names the versions searched`() =
        imported { store, _ ->
            val found = store.registryStatus(Records.CHILD_NIK)
            assertEquals(RegistryStatus.Found(2.toUByte(), "2025Q3", "320101********10", Records.VILLAGE), found)
            val missing = store.registryStatus(Synthetic.nik(day = 2, month = 2, yy = 92, serial = "9999"))
            assertEquals(RegistryStatus.NotFound(listOf("2025Q3")), missing)
            assertEquals(listOf("2025Q3"), store.registryVersions())
        }

    @Test
    fun `a malformed extract is refused by line and the previous one stays`() =
        imported { store, dir ->
            val broken = family("2025Q4").toMutableList().apply { set(1, get(1).replace(Records.SPOUSE_NIK, "3201014503829")) }
            val err = assertThrows<RegistryException.ImportRefused> { store.importRegistry(extract(dir, broken, "next.csv")) }
            assertTrue("baris 3" in err.message!!, err.message)
            assertTrue(Records.HEAD_NIK !in err.message!!)
            assertEquals(listOf("2025Q3"), store.registryVersions(), "all or nothing")
            assertEquals(3, store.registryFamily(Records.KK).size)
            assertThrows<RegistryException.ImportRefused> { store.importRegistry(extract(dir, emptyList(), "empty.csv")) }
            assertThrows<RegistryException.ImportRefused> { store.importRegistry(File(dir, "extract.xlsx").apply { writeText("x") }.path) }
            assertThrows<RegistryException.FileUnreadable> { store.importRegistry(File(dir, "absent.csv").path) }
        }
}
