package id.puskesos.core.test

import id.puskesos.core.model.DocumentKind
import id.puskesos.core.FieldStore
import id.puskesos.core.PackUpdate
import id.puskesos.core.SyncCancel
import id.puskesos.core.SyncException
import id.puskesos.core.SyncListener
import id.puskesos.core.model.SyncProgress
import id.puskesos.core.SyncSettings
import id.puskesos.core.normalizePhoto
import id.puskesos.core.useSystemTrustStore
import id.puskesos.core.test.Records.AUTHOR
import id.puskesos.testing.District
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.util.Collections

/** Enrolment and sync against the real district service on 127.0.0.1. */
class SyncTest {
    private class Recorder : SyncListener {
        val seen: MutableList<SyncProgress> = Collections.synchronizedList(mutableListOf())
        val threads: MutableSet<String> = Collections.synchronizedSet(mutableSetOf())

        override fun onProgress(progress: SyncProgress) {
            seen += progress
            threads += Thread.currentThread().name
        }
    }

    /**
     * A district behind a certificate the phone's trust store holds (here the service's own
     * certificate stands in for a public CA's chain): no fingerprint is needed. The library
     * has no roots of its own, so before the app hands over its trust store the same
     * enrolment is refused as untrusted, and nothing is saved.
     */
    @Test
    fun `a district is trusted through the roots the phone hands over, and only through them`() {
        District(tls = true).use { district ->
            withStore { store, _ ->
                assertEquals(0u, useSystemTrustStore(listOf("not a certificate".toByteArray())))
                assertThrows<SyncException.Certificate> { store.enrol(district.url, district.enrolCode("op-desa"), "HP uji") }
                assertNull(store.enrolment())

                assertEquals(1u, useSystemTrustStore(listOf(district.certificateDer)))
                val enrolment = store.enrol(district.url, district.enrolCode("op-desa"), "HP uji")
                assertEquals(District.VILLAGE, enrolment.villageCode)
                assertEquals(enrolment, store.enrolment())
                useSystemTrustStore(emptyList())
            }
        }
    }

    @Test
    fun `a phone enrols, sends records and a photo, and pulls the village pack`() {
        District().use { district ->
            withStore { store, dir ->
                assertNull(store.enrolment())
                assertNull(store.lastSyncMs())
                val enrolment = store.enrol(district.url, district.enrolCode("op-desa"), "HP uji")
                assertEquals(District.VILLAGE, enrolment.villageCode)
                assertEquals("Desa Uji", enrolment.villageName)
                assertEquals("op-desa", enrolment.operator)
                assertEquals(enrolment, store.enrolment())
                // An unknown code is refused by the district, and the enrolment stays as it was.
                assertThrows<SyncException.NeedsEnrolment> { store.enrol(district.url, "ABCD-EFGH", "HP uji") }
                assertEquals(enrolment, store.enrolment())

                val h = Records.household(store)
                store.addPerson(Records.member(h.meta.id, Records.HEAD_NIK, "Budi Contoh"), AUTHOR)
                val photo = normalizePhoto(Images.jpeg(Images.synthetic(2000, 1500, seed = 9)), DocumentKind.HOUSE_FRONT)
                store.attachDocument(h.meta.id, DocumentKind.HOUSE_FRONT, photo.jpeg, "image/jpeg", AUTHOR)
                // A household of another village: the district refuses it, the phone parks it.
                val stranger = Records.household(store, kk = Synthetic.kk(day = 2, month = 2, yy = 12, serial = "9920"), village = "3201010002")

                district.publishPack(
                    File(dir, "pack.csv").apply { writeText((listOf(RegistryTest.HEADER) + RegistryTest.family()).joinToString("\n", postfix = "\n")) },
                    File(dir, "rules.json").apply { writeText(Records.examplePack) },
                )

                val recorder = Recorder()
                val report = store.sync(recorder, SyncCancel(), SyncSettings(batchEntries = 2u, pull = true))
                assertEquals(3uL, report.acked, "household, member, photo")
                assertEquals(1uL, report.parked)
                assertEquals(1uL, report.filesUploaded)
                assertEquals(photo.jpeg.size.toULong(), report.bytesUploaded)
                assertEquals(0uL, report.pending)
                assertFalse(report.cancelled)
                assertTrue(report.pack is PackUpdate.Updated, report.pack.toString())
                assertEquals(3uL, (report.pack as PackUpdate.Updated).registryRows)

                // Progress: from zero to the totals, never backwards, on the caller's thread.
                val first = recorder.seen.first()
                val last = recorder.seen.last()
                assertEquals(0uL, first.entriesDone)
                assertEquals(4uL, first.entriesTotal)
                assertEquals(photo.jpeg.size.toULong(), first.bytesTotal)
                assertEquals(last.entriesTotal, last.entriesDone)
                assertEquals(last.bytesTotal, last.bytesDone)
                assertTrue(recorder.seen.zipWithNext().all { (a, b) -> b.entriesDone >= a.entriesDone && b.bytesDone >= a.bytesDone })
                assertEquals(setOf(Thread.currentThread().name), recorder.threads)

                val counts = store.outboxCounts()
                assertEquals(Triple(0uL, 3uL, 1uL), Triple(counts.pending, counts.acked, counts.parked))
                val parked = store.outboxParked().single()
                assertEquals("household", parked.entity)
                assertEquals(stranger.meta.id, parked.entityId)
                assertTrue(parked.reason!!.startsWith("wrong_village"), parked.reason)
                assertNotNull(store.lastSyncMs())

                // The pack brought the registry: the desk finds the family offline now.
                assertEquals("Siti Aminah", store.registryByNik(Records.SPOUSE_NIK)?.name)

                // Sending the refused entry again parks it again, with the same reason.
                store.outboxRetryParked(parked.entryId)
                assertEquals(1uL, store.outboxCounts().pending)
                val again = store.sync(Recorder(), SyncCancel())
                assertEquals(1uL, again.parked)
                assertEquals(PackUpdate.Unchanged, again.pack)
                assertThrows<id.puskesos.core.OutboxException.Invalid> { store.outboxRetryParked("bukan-id") }
            }
        }
    }

    @Test
    fun `after a pass without signal, a plain pass waits for the retry time and send-now goes at once`() {
        District().use { district ->
            withStore { store, _ ->
                store.enrol(district.url, district.enrolCode("op-desa"), "HP uji")
                Records.household(store)
                district.stop()
                assertThrows<SyncException.Network> { store.sync(Recorder(), SyncCancel()) }
                // The next scheduled pass does not even try: the entry waits out its backoff
                // (no Network error, since nothing was sent).
                val waiting = store.sync(Recorder(), SyncCancel())
                assertEquals(0uL, waiting.acked)
                assertEquals(1uL, waiting.pending)
                val retryAt = waiting.retryAtMs
                assertNotNull(retryAt, "the pass says when the entry is due")
                assertTrue(retryAt!! > System.currentTimeMillis())

                district.start()
                val now = store.sync(Recorder(), SyncCancel(), SyncSettings(sendNow = true))
                assertEquals(1uL, now.acked)
                assertEquals(0uL, now.pending)
                assertNull(now.retryAtMs)
            }
        }
    }

    @Test
    fun `a cancelled pass sends nothing more and the work stays queued`() {
        District().use { district ->
            withStore { store, _ ->
                store.enrol(district.url, district.enrolCode("op-desa"), "HP uji")
                repeat(5) { i -> Records.household(store, kk = Synthetic.kk(day = 3 + i, month = 4, yy = 16, serial = "99${30 + i}")) }
                val cancel = SyncCancel()
                assertFalse(cancel.isCancelled())
                // The listener presses "cancel" once the first batch is answered.
                val listener = object : SyncListener {
                    override fun onProgress(progress: SyncProgress) {
                        if (progress.entriesDone >= 1uL) cancel.cancel()
                    }
                }
                val report = store.sync(listener, cancel, SyncSettings(batchEntries = 1u, pull = true))
                assertTrue(cancel.isCancelled())
                assertTrue(report.cancelled)
                assertEquals(1uL, report.acked)
                assertEquals(4uL, report.pending)
                assertEquals(PackUpdate.NotChecked, report.pack)
                assertNull(store.lastSyncMs(), "a cancelled pass is not a finished sync")
                val rest = store.sync(Recorder(), SyncCancel(), SyncSettings(batchEntries = 10u, pull = false))
                assertEquals(4uL, rest.acked)
                assertEquals(0uL, rest.duplicates)
            }
        }
    }

    @Test
    fun `an unreachable district is a Network error and nothing is lost`() {
        withStore { store, _ ->
            val closed = "http://127.0.0.1:${District.freePort()}"
            assertThrows<SyncException.Network> { store.enrol(closed, "ABCD-EFGH", "HP uji") }
            assertThrows<SyncException.Config> { store.enrol("http://dinsos.contoh.go.id", "ABCD-EFGH", "HP uji") }
            assertThrows<SyncException.Config> { store.enrol("https://dinsos.contoh.go.id", "ABCD-EFGH", "HP uji", "bukan-sidik") }
            assertNull(store.enrolment())
            Records.household(store)
            assertThrows<SyncException.NeedsEnrolment> { store.sync(Recorder(), SyncCancel()) }
            assertEquals(1uL, store.outboxCounts().pending)
        }
    }

    @Test
    fun `a listener that throws becomes an Internal error and the store stays usable`() {
        District().use { district ->
            withStore { store, _ ->
                store.enrol(district.url, district.enrolCode("op-desa"), "HP uji")
                Records.household(store)
                val throwing = object : SyncListener {
                    override fun onProgress(progress: SyncProgress): Unit = throw IllegalStateException("bug di layar")
                }
                assertThrows<SyncException.Internal> { store.sync(throwing, SyncCancel()) }
                assertEquals(1, store.households(null).size)
                val report = store.sync(Recorder(), SyncCancel())
                assertEquals(1uL, report.acked, "the next pass sends what the failed one did not")
            }
        }
    }

    @Test
    fun `one store file reopened keeps its enrolment`() {
        District().use { district ->
            val dir = java.nio.file.Files.createTempDirectory("puskesos-reopen").toFile()
            try {
                val path = File(dir, "field.sqlite").path
                FieldStore.open(path).use { it.enrol(district.url, district.enrolCode("op-desa"), "HP uji") }
                FieldStore.open(path).use { assertEquals(District.VILLAGE, it.enrolment()?.villageCode) }
            } finally {
                dir.deleteRecursively()
            }
        }
    }
}
