package id.puskesos.core.test

import id.puskesos.core.EligibilityException
import id.puskesos.core.model.FloorMaterial
import id.puskesos.core.model.Housing
import id.puskesos.core.model.Institution
import id.puskesos.core.model.Sector
import id.puskesos.core.PackInstallOutcome
import id.puskesos.core.model.Verdict
import id.puskesos.core.test.Records.AUTHOR
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Rule packs and verdicts, with the example pack core ships. */
class EligibilityTest {
    @Test
    fun `a pack is installed once, and a broken or older one is refused`() {
        withStore { store, _ ->
            assertNull(store.activeRulePack())
            val first = store.installRulePack(Records.examplePack)
            assertEquals(PackInstallOutcome.Installed, first.outcome)
            assertTrue(first.pack.example)
            assertTrue(first.pack.programmes.any { it.id == "pkh" }, first.pack.programmes.map { it.id }.toString())
            assertEquals(first.pack, store.activeRulePack())
            assertEquals(PackInstallOutcome.AlreadyInstalled, store.installRulePack(Records.examplePack).outcome)
            assertThrows<EligibilityException.PackRefused> { store.installRulePack("{ bukan json") }
            val older = Records.examplePack.replaceFirst(Regex("\"version\"\\s*:\\s*\"[^\"]+\""), "\"version\": \"0.0.1\"")
            assertNotEquals(Records.examplePack, older)
            val refused = assertThrows<EligibilityException.PackRefused> { store.installRulePack(older) }
            assertTrue("0.0.1" in refused.message!!, refused.message)
            assertEquals(first.pack.version, store.activeRulePack()?.version)
        }
    }

    @Test
    fun `the institutions a district lists in its pack are read by sector`() {
        withStore { store, _ ->
            assertTrue(store.institutions(null).isEmpty(), "no pack, no list")
            val listed = Records.examplePack.replaceFirst(
                Regex("\"programmes\"\\s*:"),
                "\"institutions\": [" +
                    "{\"sector\": \"health\", \"name\": \"Puskesmas Contoh\", \"services\": [\"PBI-JK\"]}," +
                    "{\"sector\": \"food\", \"name\": \"Lumbung Pangan Desa\"}], \"programmes\":",
            )
            store.installRulePack(listed.replaceFirst(Regex("\"version\"\\s*:\\s*\"[^\"]+\""), "\"version\": \"2099.1.0\""))
            val health = store.institutions(Sector.HEALTH)
            assertEquals(listOf(Institution(Sector.HEALTH, "Puskesmas Contoh", listOf("PBI-JK"))), health)
            assertEquals(listOf("Puskesmas Contoh", "Lumbung Pangan Desa"), store.institutions(null).map { it.name })
            assertTrue(store.institutions(Sector.HOUSING).isEmpty())
        }
    }

    @Test
    fun `an unknown household needs data and the pillar is told what to ask`() {
        withStore { store, _ ->
            val h = Records.household(store)
            assertThrows<EligibilityException.NoRulePack> { store.evaluateHousehold(h.meta.id, AUTHOR) }
            store.installRulePack(Records.examplePack)
            val before = store.outboxCounts().pending
            val e = store.evaluateHousehold(h.meta.id, AUTHOR)
            assertEquals(store.activeRulePack()?.programmes?.map { it.id }, e.programmes.map { it.programmeId })
            assertTrue(e.programmes.any { it.verdict == Verdict.NEEDS_DATA })
            assertTrue(e.askNext.isNotEmpty())
            assertTrue("household.members" in e.askNext.map { it.fact }, e.askNext.map { it.fact }.toString())
            assertTrue(e.askNext.all { it.question.id.isNotBlank() && it.question.en.isNotBlank() && it.question.id != it.question.en })
            assertTrue(e.pack.id.contains("CONTOH"), e.pack.id)
            assertEquals(before + 1uL, store.outboxCounts().pending, "the evaluation is queued for the district")

            // Answers change the questions: with members and housing known, fewer remain.
            store.addPerson(Records.member(h.meta.id, Records.HEAD_NIK, "Budi Contoh"), AUTHOR)
            store.updateHousing(h.meta.id, Housing(floor = FloorMaterial.EARTH, floorAreaM2 = 20.0), AUTHOR)
            val after = store.evaluateHousehold(h.meta.id, AUTHOR)
            assertTrue("household.members" !in after.askNext.map { it.fact })
            assertTrue(after.askNext.any { it.personName == "Budi Contoh" && it.personId != null })
            assertTrue(after.programmes.all { p -> p.reasons.all { it.sentence.id.isNotBlank() } })
            assertTrue(e.welfareScore != null, "outside the registry: the indicative score is given")

            assertThrows<EligibilityException.NotFound> { store.evaluateHousehold("0190a0a0-0000-7000-8000-000000000000", AUTHOR) }
            assertThrows<EligibilityException.Invalid> { store.evaluateHousehold("bukan-id", AUTHOR) }
        }
    }
}
