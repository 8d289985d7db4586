package id.puskesos.core.test

import id.puskesos.core.model.FloorMaterial
import id.puskesos.core.ProposalInput
import id.puskesos.core.model.ProposalKind
import id.puskesos.core.RecordsException
import id.puskesos.core.model.Relationship
import id.puskesos.core.SyncCancel
import id.puskesos.core.SyncListener
import id.puskesos.core.model.SyncProgress
import id.puskesos.core.SyncSettings
import id.puskesos.core.proposalDueDate
import id.puskesos.core.question
import id.puskesos.core.questions
import id.puskesos.core.test.Records.AUTHOR
import id.puskesos.testing.District
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** The questionnaire reached from "ask next", and the district's decisions coming back. */
class QuestionnaireTest {
    private val quiet = object : SyncListener {
        override fun onProgress(progress: SyncProgress) {}
    }

    @Test
    fun `every question has its choices, and an answer lands on the household or the member`() {
        val all = questions()
        assertTrue(all.size > 30, "${all.size}")
        val floor = question("household.housing.floor_material")!!
        assertEquals("choice", floor.kind)
        assertTrue(floor.choices.any { it.code == "earth" }, "${floor.choices}")
        assertEquals("yes_no", question("member.pregnant")!!.kind)
        assertEquals(listOf("yes", "no"), question("member.pregnant")!!.choices.map { it.code })
        assertEquals("VA", question("household.housing.electricity_va")!!.unitEn)
        assertNull(question("member.age"), "age comes from the birth date on the KK")
        assertNull(question("no.such.fact"))

        withStore { store, _ ->
            val saved = store.saveFamily(
                Records.householdInput(head = ""),
                listOf(
                    Records.member("", Records.HEAD_NIK, "Budi Contoh").copy(relationship = Relationship.HEAD),
                    Records.member("", Records.SPOUSE_NIK, "Sri Contoh").copy(relationship = Relationship.SPOUSE),
                ),
                AUTHOR,
            )
            val id = saved.household.meta.id
            store.answer(id, null, "household.housing.floor_material", "earth", AUTHOR)
            store.answer(id, null, "household.housing.electricity_va", "450", AUTHOR)
            store.answer(id, null, "household.assets.motorcycle", "no", AUTHOR)
            val h = store.household(id)
            assertEquals(FloorMaterial.EARTH, h.housing.floor)
            assertEquals(450u, h.housing.electricityVa)
            assertEquals(false, h.housing.assets.motorcycle)
            val wife = saved.members[1].person.meta.id
            store.answer(id, wife, "member.pregnant", "yes", AUTHOR)
            assertEquals(true, store.person(wife).pregnant)
            // A man is never pregnant; an answer outside the choices is refused; nothing changes.
            assertThrows<RecordsException.Invalid> { store.answer(id, saved.members[0].person.meta.id, "member.pregnant", "yes", AUTHOR) }
            assertThrows<RecordsException.Invalid> { store.answer(id, null, "household.housing.floor_material", "marmer emas", AUTHOR) }
            assertThrows<RecordsException.Conflict> { store.answer(id, null, "no.such.fact", "yes", AUTHOR) }
            assertEquals(FloorMaterial.EARTH, store.household(id).housing.floor)
        }
    }

    @Test
    fun `a sanggah's clock is fourteen days and an usul's the month's cut-off`() {
        assertEquals("2026-12-17", proposalDueDate(ProposalKind.OBJECTION, "2026-12-03"))
        assertEquals("2026-12-17", proposalDueDate(ProposalKind.NEW_REGISTRATION, "2026-12-03"))
        assertEquals("2027-01-17", proposalDueDate(ProposalKind.CORRECTION, "2026-12-18"))
        withStore { store, _ ->
            val h = Records.household(store)
            val p = store.propose(ProposalInput(h.meta.id, ProposalKind.OBJECTION, "Sudah mampu", Records.SPOUSE_NIK), AUTHOR)
            assertEquals(proposalDueDate(ProposalKind.OBJECTION, null), p.due)
        }
    }

    @Test
    fun `the district's decision comes back, and a returned proposal is fixed and sent again`() {
        District().use { district ->
            withStore { store, dir ->
                store.enrol(district.url, district.enrolCode("op-desa"), "HP uji")
                val h = Records.household(store)
                val p = store.propose(ProposalInput(h.meta.id, ProposalKind.NEW_REGISTRATION, "Belum terdaftar"), AUTHOR)
                assertThrows<RecordsException.Conflict> { store.resubmitProposal(p.meta.id, "lagi", AUTHOR) }
                district.publishPack(
                    File(dir, "pack.csv").apply { writeText((listOf(RegistryTest.HEADER) + RegistryTest.family()).joinToString("\n", postfix = "\n")) },
                    File(dir, "rules.json").apply { writeText(Records.examplePack) },
                )
                store.sync(quiet, SyncCancel(), SyncSettings(pull = true))
                assertTrue(store.decisions().isEmpty())

                district.decide("proposal", p.meta.id, "returned", "Foto rumah belum ada")
                store.sync(quiet, SyncCancel(), SyncSettings(pull = true))
                val d = store.decision("proposal", p.meta.id)!!
                assertEquals("returned", d.status)
                assertEquals("Foto rumah belum ada", d.note)
                assertEquals(listOf(d), store.decisions())

                val again = store.resubmitProposal(p.meta.id, "Belum terdaftar; foto rumah terlampir", AUTHOR)
                assertEquals(1u, again.resubmissions)
                assertNull(store.decision("proposal", p.meta.id))
                val sent = store.sync(quiet, SyncCancel(), SyncSettings(pull = true, prune = true))
                assertEquals(0uL, sent.pending)
                assertTrue(sent.prunedEntries > 0u, "acknowledged rows released: $sent")
                district.decide("proposal", p.meta.id, "accepted")
                store.sync(quiet, SyncCancel(), SyncSettings(pull = true))
                assertEquals("accepted", store.decision("proposal", p.meta.id)?.status)
            }
        }
    }
}
