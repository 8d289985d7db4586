package id.puskesos.core.test

import id.puskesos.core.model.ComplaintCategory
import id.puskesos.core.model.ComplaintChannel
import id.puskesos.core.ComplaintInput
import id.puskesos.core.model.HouseholdChanges
import id.puskesos.core.PersonChanges
import id.puskesos.core.RecordsException
import id.puskesos.core.model.Relationship
import id.puskesos.core.model.Sex
import id.puskesos.core.SyncCancel
import id.puskesos.core.SyncException
import id.puskesos.core.SyncListener
import id.puskesos.core.model.SyncProgress
import id.puskesos.core.SyncSettings
import id.puskesos.core.VisitInput
import id.puskesos.core.model.VisitPurpose
import id.puskesos.core.parseEnrolmentQr
import id.puskesos.core.test.Records.AUTHOR
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import id.puskesos.testing.District
import java.io.File

/** The household use cases as the phone calls them, on a real store file. */
class FamilyTest {
    private fun family() = listOf(
        Records.member("", Records.HEAD_NIK, "Budi Contoh").copy(relationship = Relationship.HEAD),
        Records.member("", Records.SPOUSE_NIK, "Sri Contoh").copy(relationship = Relationship.SPOUSE),
        Records.member("", Records.CHILD_NIK, "Muhammad Contoh").copy(relationship = Relationship.CHILD),
    )

    @Test
    fun `only the KK's verification link is kept as its QR evidence, once`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val link = "https://layananonline.dukcapil.kemendagri.go.id/verif/kk?id=CONTOH9903"
            assertThrows<RecordsException.Conflict> { store.keepKkQr(h.meta.id, Records.KK, AUTHOR) }
            assertNull(store.household(h.meta.id).kkQrEvidence)
            assertEquals(link, store.keepKkQr(h.meta.id, link, AUTHOR).kkQrEvidence)
            store.keepKkQr(h.meta.id, link, AUTHOR)
            assertEquals(1, store.history(h.meta.id).size, "the same link again changes nothing")
        }
    }

    @Test
    fun `a family is saved whole or not at all, and the refused member is named`() {
        withStore { store, _ ->
            val bad = family().toMutableList().also { it[1] = it[1].copy(nik = "1234") }
            val e = assertThrows<RecordsException.Invalid> { store.saveFamily(Records.householdInput(head = ""), bad, AUTHOR) }
            assertTrue(e.message!!.startsWith("Anggota ke-2"), e.message)
            assertTrue(store.households(null).isEmpty(), "nothing saved")
            assertEquals(0uL, store.outboxCounts().pending)

            val twice = family().toMutableList().also { it[2] = it[2].copy(nik = Records.HEAD_NIK) }
            assertThrows<RecordsException.Conflict> { store.saveFamily(Records.householdInput(head = ""), twice, AUTHOR) }
            assertTrue(store.households(null).isEmpty())

            val baby = Records.member("", null, "Bayi Contoh").copy(relationship = Relationship.CHILD, sex = Sex.FEMALE, birthDate = "2026-01-02")
            val saved = store.saveFamily(Records.householdInput(head = ""), family() + baby, AUTHOR)
            assertEquals("Budi Contoh", saved.household.headName, "the head's name comes from the head member")
            assertEquals(4, saved.members.size)
            assertEquals(listOf("no_nik"), saved.familyWarnings.map { it.kind })
            assertEquals("Bayi Contoh", saved.familyWarnings[0].member)
            assertTrue("Dukcapil" in saved.familyWarnings[0].messageId)
            assertEquals(4, store.members(saved.household.meta.id).size)
            assertEquals(5uL, store.outboxCounts().pending)
            assertEquals(saved.familyWarnings, store.familyWarnings(saved.household.meta.id))
        }
    }

    @Test
    fun `households are found by a spoken name, the end of a number, or RT and RW`() {
        withStore { store, _ ->
            val a = store.saveFamily(Records.householdInput(head = ""), family(), AUTHOR)
            val otherKk = Synthetic.kk(day = 16, month = 5, yy = 15, serial = "9920")
            store.saveFamily(
                Records.householdInput(kk = otherKk, head = "").copy(rt = "7", rw = "2"),
                listOf(Records.member("", Synthetic.nik(day = 2, month = 2, yy = 70, serial = "9921"), "Dedi Lain").copy(relationship = Relationship.HEAD)),
                AUTHOR,
            )
            assertEquals(2, store.findHouseholds("", null, 50u).size)
            val byName = store.findHouseholds("Muhamad", null, 10u)
            assertEquals(listOf(a.household.meta.id), byName.map { it.id })
            assertEquals("Muhammad Contoh", byName[0].matchedMember)
            assertEquals(3u, byName[0].members)
            assertTrue('*' in byName[0].kkMasked)
            assertEquals(1, store.findHouseholds(otherKk.takeLast(6), null, 10u).size)
            assertEquals("Dedi Lain", store.findHouseholds("RT 7 RW 2", null, 10u).single().headName)
            assertTrue(store.findHouseholds("", "3201010099", 10u).isEmpty())
        }
    }

    @Test
    fun `corrections, moves and deletions keep a history with reasons and masked numbers`() {
        withStore { store, _ ->
            val a = store.saveFamily(Records.householdInput(head = ""), family(), AUTHOR)
            val id = a.household.meta.id
            val newKk = Synthetic.kk(day = 15, month = 5, yy = 15, serial = "9930")
            assertThrows<RecordsException.Invalid> { store.correctHousehold(id, HouseholdChanges(kkNumber = newKk), " ", AUTHOR) }
            val h = store.correctHousehold(id, HouseholdChanges(kkNumber = newKk, address = "Jl. Benar No. 2"), "Salah ketik", AUTHOR)
            assertEquals(newKk, h.kkNumber)

            val child = a.members[2].person
            val corrected = store.correctPerson(child.meta.id, PersonChanges(nik = "", birthDate = "2011-09-09"), "NIK milik kakaknya", AUTHOR)
            assertNull(corrected.person.nik)
            assertEquals(listOf("no_nik"), corrected.familyWarnings.map { it.kind })

            val added = store.addMember(Records.member(id, null, "Nenek Contoh").copy(relationship = Relationship.PARENT, sex = Sex.FEMALE, birthDate = "1990-01-01"), AUTHOR)
            assertTrue("parent_younger_than_head" in added.familyWarnings.map { it.kind }, "${added.familyWarnings}")

            val otherKk = Synthetic.kk(day = 16, month = 5, yy = 15, serial = "9931")
            val b = store.saveFamily(
                Records.householdInput(kk = otherKk, head = ""),
                listOf(Records.member("", Synthetic.nik(day = 2, month = 2, yy = 70, serial = "9932"), "Paman Contoh").copy(relationship = Relationship.HEAD)),
                AUTHOR,
            )
            val moved = store.moveMember(child.meta.id, b.household.meta.id, Relationship.OTHER_FAMILY, "Ikut paman", AUTHOR)
            assertEquals(b.household.meta.id, moved.householdId)
            store.deleteMember(added.person.meta.id, "Tercatat keliru", AUTHOR)
            assertEquals(2, store.members(id).size)

            val history = store.history(id)
            assertEquals(listOf("correction", "correction", "move", "delete"), history.map { it.kind })
            assertEquals("Salah ketik", history[0].reason)
            val kkLine = history[0].fields.first { it.field == "kk_number" }
            assertTrue('*' in kkLine.old!! && '*' in kkLine.new!!, "numbers are masked in the history: $kkLine")
            assertEquals(1, store.history(b.household.meta.id).size)

            store.registerComplaint(ComplaintInput(householdId = b.household.meta.id, complainantName = "Paman Contoh", category = ComplaintCategory.AID_NOT_RECEIVED, description = "Belum menerima", channel = ComplaintChannel.WALK_IN), AUTHOR)
            assertThrows<RecordsException.Conflict> { store.deleteHousehold(b.household.meta.id, "Salah", AUTHOR) }
            store.deleteHousehold(id, "KK ganda", AUTHOR)
            assertThrows<RecordsException.NotFound> { store.household(id) }
            assertEquals(listOf(b.household.meta.id), store.findHouseholds("", null, 10u).map { it.id })
        }
    }

    @Test
    fun `a planned follow-up is due until the next visit`() {
        withStore { store, _ ->
            val a = store.saveFamily(Records.householdInput(head = ""), family(), AUTHOR)
            val now = System.currentTimeMillis()
            store.recordVisit(VisitInput(householdId = a.household.meta.id, visitedAtMs = now, purpose = VisitPurpose.ASSESSMENT, nextVisitDue = "2099-01-01"), AUTHOR)
            assertTrue(store.followUpsDue("2098-12-31").isEmpty())
            val due = store.followUpsDue("2099-01-01").single()
            assertEquals("Budi Contoh", due.headName)
            assertEquals("2099-01-01", due.due)
            assertThrows<RecordsException.Invalid> { store.followUpsDue("besok") }
            assertThrows<RecordsException.Invalid> {
                store.recordVisit(VisitInput(householdId = a.household.meta.id, visitedAtMs = now, purpose = VisitPurpose.MONITORING, nextVisitDue = "2001-01-01"), AUTHOR)
            }
            store.recordVisit(VisitInput(householdId = a.household.meta.id, visitedAtMs = now + 1000, purpose = VisitPurpose.MONITORING), AUTHOR)
            assertTrue(store.followUpsDue("2099-01-01").isEmpty())
        }
    }

    @Test
    fun `the pack's region list arrives with the sync and checks the forms`() {
        District().use { district ->
            withStore { store, dir ->
                assertNull(store.regionList())
                val qr = parseEnrolmentQr(district.enrolQr("op-desa"))
                assertEquals(district.url, qr.url)
                store.enrol(qr.url, qr.code, "HP uji", qr.certSha256)
                district.publishPack(
                    File(dir, "pack.csv").apply { writeText((listOf(RegistryTest.HEADER) + RegistryTest.family()).joinToString("\n", postfix = "\n")) },
                    File(dir, "rules.json").apply { writeText(Records.examplePack) },
                    File(dir, "regions.csv").apply {
                        writeText("code,name\n32,JAWA BARAT\n3201,KAB. BOGOR\n320101,CIBINONG\n${Records.VILLAGE},DESA CONTOH\n")
                    },
                )
                store.sync(object : SyncListener { override fun onProgress(progress: SyncProgress) {} }, SyncCancel(), SyncSettings(pull = true))
                val list = store.regionList()!!
                assertEquals(4uL, list.size())
                assertThrows<RecordsException.Invalid> {
                    store.saveFamily(Records.householdInput(village = "3201010099", head = ""), family(), AUTHOR)
                }
                store.saveFamily(Records.householdInput(head = ""), family(), AUTHOR)
            }
        }
    }

    @Test
    fun `the district's enrolment QR is read with its fingerprint and anything else refused`() {
        val fp = "AB".repeat(32)
        val qr = parseEnrolmentQr("""{"url":"https://dinsos.example.go.id/","code":"abcd-efgh","cert_sha256":"$fp"}""")
        assertEquals("https://dinsos.example.go.id", qr.url)
        assertEquals("ABCD-EFGH", qr.code)
        assertEquals("ab".repeat(32), qr.certSha256)
        assertNull(parseEnrolmentQr("""{"url":"http://127.0.0.1:8080","code":"ABCD-EFGH"}""").certSha256)
        assertThrows<SyncException.Config> { parseEnrolmentQr("puskesos-enrol:?url=https%3A%2F%2Fx&code=ABCD-EFGH") }
        assertThrows<SyncException.Config> { parseEnrolmentQr("""{"url":"http://dinsos.example.go.id","code":"ABCD-EFGH"}""") }
    }
}
