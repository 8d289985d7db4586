package id.puskesos.core.test

import id.puskesos.core.model.ComplaintCategory
import id.puskesos.core.model.ComplaintChannel
import id.puskesos.core.ComplaintInput
import id.puskesos.core.model.ComplaintStatus
import id.puskesos.core.model.Disability
import id.puskesos.core.model.DisabilitySeverity
import id.puskesos.core.model.DocumentKind
import id.puskesos.core.FieldStore
import id.puskesos.core.model.FloorMaterial
import id.puskesos.core.model.GeoPoint
import id.puskesos.core.model.Housing
import id.puskesos.core.model.MemberAnswers
import id.puskesos.core.NikWarningKind
import id.puskesos.core.ProposalInput
import id.puskesos.core.model.ProposalKind
import id.puskesos.core.model.ProposalStatus
import id.puskesos.core.RecordsException
import id.puskesos.core.ReferralInput
import id.puskesos.core.model.ReferralStatus
import id.puskesos.core.model.Relationship
import id.puskesos.core.model.Sector
import id.puskesos.core.model.Sex
import id.puskesos.core.VisitInput
import id.puskesos.core.model.VisitPurpose
import id.puskesos.core.test.Records.AUTHOR
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The records room of FieldStore, on a real SQLite file, as the app's screens use it. */
class StoreTest {
    @Test
    fun `a store opens, migrates, and a file it cannot use is a Storage error`() {
        withStore { store, dir ->
            assertTrue(store.schemaVersion() >= 1u)
            assertThrows<RecordsException.Storage> { FieldStore.open(File(dir, "missing/dir/field.sqlite").path) }
            val notSqlite = File(dir, "photo.sqlite").apply { writeText("bukan basis data ".repeat(400)) }
            assertThrows<RecordsException.Storage> { FieldStore.open(notSqlite.path) }
        }
    }

    @Test
    fun `a household is validated, saved, read back and listed`() {
        withStore { store, _ ->
            val h = Records.household(store)
            assertEquals(Records.VILLAGE, h.villageCode)
            assertEquals("003", h.rt, "RT is kept as three digits")
            assertEquals("320101********10", h.kkMasked)
            assertEquals(AUTHOR, h.meta.createdBy)
            assertEquals(h, store.household(h.meta.id))
            assertEquals(listOf(h), store.households(Records.VILLAGE))
            assertEquals(listOf(h), store.households(null))
            assertTrue(store.households("3201010002").isEmpty())
            assertEquals(listOf(h.meta.id), store.householdsByKk(Records.KK.chunked(4).joinToString(" ")).map { it.meta.id })

            val bad = assertThrows<RecordsException.Invalid> {
                store.saveHousehold(Records.householdInput().copy(rt = "0"), AUTHOR)
            }
            assertTrue("rt" in bad.message!!, bad.message)
            assertThrows<RecordsException.Invalid> { store.saveHousehold(Records.householdInput(kk = "1234"), AUTHOR) }
            assertThrows<RecordsException.Invalid> { store.household("bukan-id") }
            assertThrows<RecordsException.NotFound> { store.household("0190a0a0-0000-7000-8000-000000000000") }
        }
    }

    @Test
    fun `housing and circumstances update the household and bad answers are refused`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val housed = store.updateHousing(h.meta.id, Housing(floor = FloorMaterial.EARTH, floorAreaM2 = 24.0, electricityVa = 450u), AUTHOR)
            assertEquals(FloorMaterial.EARTH, housed.housing.floor)
            assertEquals(450u, store.household(h.meta.id).housing.electricityVa)
            assertThrows<RecordsException.Invalid> { store.updateHousing(h.meta.id, Housing(electricityVa = 5u), AUTHOR) }

            val c = store.updateCircumstances(h.meta.id, listOf("PKH", "bpnt", "pkh"), true, AUTHOR)
            assertEquals(listOf("pkh", "bpnt"), c.programmesReceived)
            assertEquals(true, c.lostLivelihood)
            assertThrows<RecordsException.Invalid> { store.updateCircumstances(h.meta.id, listOf("pkh!"), null, AUTHOR) }
            assertEquals(true, store.household(h.meta.id).lostLivelihood, "a refused update changes nothing")
        }
    }

    @Test
    fun `members take sex and birth date from the NIK and a NIK is recorded once`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val head = store.addPerson(Records.member(h.meta.id, Records.HEAD_NIK, "Budi Contoh").copy(relationship = Relationship.HEAD), AUTHOR)
            assertEquals(Sex.MALE, head.person.sex)
            assertEquals("1980-01-01", head.person.birthDate)
            assertEquals("320101********11", head.person.nikMasked)
            assertTrue(head.warnings.isEmpty())

            val spouse = store.addPerson(Records.member(h.meta.id, Records.SPOUSE_NIK, "Siti Contoh").copy(sex = Sex.MALE), AUTHOR)
            assertEquals(listOf(NikWarningKind.SEX_MISMATCH), spouse.warnings.map { it.kind })
            assertEquals(Sex.MALE, spouse.person.sex, "the form wins; the warning is for the operator")

            val noNik = store.addPerson(Records.member(h.meta.id, null, "Anak Tanpa Akta").copy(sex = Sex.FEMALE, birthDate = "2019-02-03"), AUTHOR)
            assertNull(noNik.person.nik)

            val dup = assertThrows<RecordsException.Conflict> { store.addPerson(Records.member(h.meta.id, Records.HEAD_NIK, "Orang Lain"), AUTHOR) }
            assertFalse(Records.HEAD_NIK in dup.message!!, "no whole NIK in a message")
            assertThrows<RecordsException.Invalid> { store.addPerson(Records.member(h.meta.id, null, "Tanpa Jenis Kelamin"), AUTHOR) }
            assertThrows<RecordsException.Invalid> {
                store.addPerson(Records.member(h.meta.id, null, "Tanggal Salah").copy(sex = Sex.MALE, birthDate = "03/02/2019"), AUTHOR)
            }
            assertThrows<RecordsException.NotFound> {
                store.addPerson(Records.member("0190a0a0-0000-7000-8000-000000000000", null, "Yatim").copy(sex = Sex.MALE), AUTHOR)
            }

            assertEquals(listOf("Budi Contoh", "Siti Contoh", "Anak Tanpa Akta"), store.members(h.meta.id).map { it.name })
            assertEquals(head.person, store.person(head.person.meta.id))
            assertEquals(head.person.meta.id, store.personByNik(Records.HEAD_NIK)?.meta?.id)
            assertNull(store.personByNik(Records.CHILD_NIK))
            assertThrows<RecordsException.NotFound> { store.person("0190a0a0-0000-7000-8000-000000000000") }
        }
    }

    @Test
    fun `member answers are recorded and contradictions refused`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val p = store.addPerson(Records.member(h.meta.id, Records.HEAD_NIK, "Budi Contoh"), AUTHOR).person
            val answered = store.answerMember(p.meta.id, MemberAnswers(disability = Disability.PHYSICAL, disabilitySeverity = DisabilitySeverity.SEVERE, employed = false), AUTHOR)
            assertEquals(DisabilitySeverity.SEVERE, answered.disabilitySeverity)
            assertEquals(false, answered.employed)
            assertTrue(answered.meta.updatedAt >= p.meta.updatedAt)
            val refused = assertThrows<RecordsException.Invalid> { store.answerMember(p.meta.id, MemberAnswers(pregnant = true), AUTHOR) }
            assertTrue("pregnant" in refused.message!!, refused.message)
            assertEquals(null, store.person(p.meta.id).pregnant)
        }
    }

    @Test
    fun `visits are recorded with consented GPS and refused in the future or outside Indonesia`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val now = System.currentTimeMillis()
            val v = store.recordVisit(VisitInput(h.meta.id, now - 3_600_000, VisitPurpose.VERIFICATION, GeoPoint(-6.48, 106.85, 12.0), "Rumah sesuai KK"), AUTHOR)
            assertEquals(now - 3_600_000, v.visitedAt)
            assertEquals(listOf(v), store.visits(h.meta.id))
            assertThrows<RecordsException.Invalid> { store.recordVisit(VisitInput(h.meta.id, now + 86_400_000, VisitPurpose.MONITORING), AUTHOR) }
            assertThrows<RecordsException.Invalid> { store.recordVisit(VisitInput(h.meta.id, now, VisitPurpose.MONITORING, GeoPoint(48.85, 2.35)), AUTHOR) }
            assertEquals(1, store.visits(h.meta.id).size)
        }
    }

    @Test
    fun `a complaint advances with notes and never goes back`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val k = store.registerComplaint(ComplaintInput(h.meta.id, "Siti Contoh", ComplaintCategory.NOT_REGISTERED, "Keluarga belum terdaftar DTKS", ComplaintChannel.WALK_IN), AUTHOR)
            assertEquals(ComplaintStatus.RECEIVED, k.status)
            assertEquals(ComplaintStatus.REGISTRY_CHECKED, k.nextStatus)
            assertEquals("PUSKESOS:CASE:" + k.meta.id.uppercase(), k.receiptQr)

            val checked = store.advanceComplaint(k.meta.id, ComplaintStatus.REGISTRY_CHECKED, "Tidak ada di DTKS 2025Q3", AUTHOR)
            val closed = store.advanceComplaint(k.meta.id, ComplaintStatus.CLOSED, "Diusulkan ke dinas", AUTHOR)
            assertEquals(listOf(ComplaintStatus.RECEIVED, ComplaintStatus.REGISTRY_CHECKED, ComplaintStatus.CLOSED), closed.history.map { it.status })
            assertNull(closed.nextStatus)
            assertEquals(ComplaintStatus.REGISTRY_CHECKED, checked.status)
            assertThrows<RecordsException.Invalid> { store.advanceComplaint(k.meta.id, ComplaintStatus.HANDLED, "mundur", AUTHOR) }
            assertThrows<RecordsException.Invalid> {
                store.registerComplaint(ComplaintInput(null, "Siti Contoh", ComplaintCategory.OTHER, "   ", ComplaintChannel.PHONE), AUTHOR)
            }
            assertThrows<RecordsException.NotFound> { store.complaint("0190a0a0-0000-7000-8000-000000000000") }

            val walkIn = store.registerComplaint(ComplaintInput(null, "Warga Contoh", ComplaintCategory.AID_NOT_RECEIVED, "BPNT bulan lalu tidak cair", ComplaintChannel.WHATS_APP), AUTHOR)
            assertEquals(closed, store.complaint(k.meta.id))
            assertEquals(listOf(walkIn.meta.id), store.complaints(ComplaintStatus.RECEIVED).map { it.meta.id })
            assertEquals(setOf(k.meta.id, walkIn.meta.id), store.complaints(null).map { it.meta.id }.toSet())
        }
    }

    @Test
    fun `referrals and proposals are saved with their rules`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val r = store.refer(ReferralInput(h.meta.id, null, Sector.HEALTH, "PBI-JK", "Puskesmas Contoh"), AUTHOR)
            assertEquals(ReferralStatus.PROPOSED, r.status)
            assertEquals(listOf(r), store.referrals(h.meta.id))
            assertThrows<RecordsException.Invalid> { store.refer(ReferralInput(h.meta.id, null, Sector.FOOD, "", "Dinsos"), AUTHOR) }
            assertThrows<RecordsException.Invalid> { store.refer(ReferralInput(h.meta.id, "bukan-id", Sector.FOOD, "BPNT", "Dinsos"), AUTHOR) }

            val usul = store.propose(ProposalInput(h.meta.id, ProposalKind.NEW_REGISTRATION, "Keluarga miskin belum terdaftar"), AUTHOR)
            assertEquals(ProposalStatus.SUBMITTED, usul.status)
            val sanggah = store.propose(ProposalInput(h.meta.id, ProposalKind.OBJECTION, "Penerima sudah mampu", Records.SPOUSE_NIK), AUTHOR)
            assertEquals("320101********12", sanggah.targetNikMasked)
            assertThrows<RecordsException.Invalid> { store.propose(ProposalInput(h.meta.id, ProposalKind.OBJECTION, "Tanpa NIK"), AUTHOR) }
            assertEquals(setOf(usul.meta.id, sanggah.meta.id), store.proposals().map { it.meta.id }.toSet())
        }
    }

    @Test
    fun `documents are kept once per content and the checklist shrinks`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val all = store.missingPhotos(h.meta.id)
            assertEquals(DocumentKind.KK, all[6])
            val bytes = Images.jpeg(Images.synthetic(800, 600, seed = 3))
            val d = store.attachDocument(h.meta.id, DocumentKind.KK, bytes, "image/jpeg", AUTHOR)
            assertEquals(bytes.size.toULong(), d.size)
            assertEquals(64, d.sha256.length)
            val again = store.attachDocument(h.meta.id, DocumentKind.KK, bytes, "image/jpeg", AUTHOR)
            assertEquals(d.meta.id, again.meta.id)
            assertEquals(listOf(d), store.documents(h.meta.id))
            assertTrue(bytes.contentEquals(store.documentBytes(d.meta.id)))
            assertEquals(all - DocumentKind.KK, store.missingPhotos(h.meta.id))
            assertThrows<RecordsException.Invalid> { store.attachDocument(h.meta.id, DocumentKind.KTP, bytes, "image/heic", AUTHOR) }
            assertThrows<RecordsException.Invalid> { store.attachDocument(h.meta.id, DocumentKind.KTP, ByteArray(0), "image/jpeg", AUTHOR) }
            assertThrows<RecordsException.NotFound> { store.documentBytes("0190a0a0-0000-7000-8000-000000000000") }
        }
    }

    @Test
    fun `one store serves two threads writing and reading at once`() {
        withStore { store, _ ->
            val pool = Executors.newFixedThreadPool(2)
            val start = CountDownLatch(1)
            val perThread = 40
            val jobs = (0 until 2).map { t ->
                pool.submit<Int> {
                    start.await()
                    var seen = 0
                    repeat(perThread) { i ->
                        val kk = Synthetic.kk(day = 1 + i % 28, month = 1 + t, yy = 15, serial = "99%02d".format(50 + i % 40))
                        val h = store.saveHousehold(Records.householdInput(kk = kk, head = "Kepala ${'A' + t} ${'A' + i % 26}"), "op-$t")
                        store.recordVisit(VisitInput(h.meta.id, System.currentTimeMillis(), VisitPurpose.ASSESSMENT), "op-$t")
                        seen = maxOf(seen, store.households(Records.VILLAGE).size)
                        assertEquals(h.meta.id, store.household(h.meta.id).meta.id)
                    }
                    seen
                }
            }
            start.countDown()
            val seen = jobs.map { it.get(60, TimeUnit.SECONDS) }
            pool.shutdown()
            assertEquals(2 * perThread, store.households(null).size)
            assertEquals((4 * perThread).toULong(), store.outboxCounts().pending, "every record and every visit queued once")
            assertTrue(seen.all { it >= perThread })
        }
    }

    @Test
    fun `a closed store refuses calls instead of crashing`() {
        val dir = java.nio.file.Files.createTempDirectory("puskesos-closed").toFile()
        try {
            val store = FieldStore.open(File(dir, "field.sqlite").path)
            Records.household(store)
            store.close()
            assertThrows<IllegalStateException> { store.households(null) }
            FieldStore.open(File(dir, "field.sqlite").path).use { reopened ->
                assertEquals(1, reopened.households(null).size, "saved before closing, still there")
                assertNotEquals(0, reopened.outboxCounts().pending.toInt())
            }
        } finally {
            dir.deleteRecursively()
        }
    }
}
