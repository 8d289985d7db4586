package id.puskesos.core.test

import id.puskesos.core.FieldLock
import id.puskesos.core.FieldStore
import id.puskesos.core.LockException
import id.puskesos.core.RecordsException
import id.puskesos.core.advanceLockClockForTest
import id.puskesos.core.fieldLockWithTestClock
import id.puskesos.core.test.Records.AUTHOR
import id.puskesos.testing.District
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.nio.file.Files

/**
 * The app lock and the encrypted store through the generated bindings, on real files: the
 * key the PIN unwraps opens the store, nothing of a family is readable on disk, and after ten
 * wrong PINs the code the real district issued (read off its staff page) opens the same data.
 */
class LockTest {
    private val pepper = ByteArray(32) { (it * 7).toByte() }

    private inline fun <T> inDir(body: (File) -> T): T {
        val dir = Files.createTempDirectory("puskesos-lock").toFile()
        try {
            return body(dir)
        } finally {
            dir.deleteRecursively()
        }
    }

    /** Every file in [dir] as Latin-1 text, so byte runs can be searched for. */
    private fun rawText(dir: File): String =
        dir.walkTopDown().filter { it.isFile }.joinToString("\n") { String(it.readBytes(), Charsets.ISO_8859_1) }

    @Test
    fun `the PIN's key opens the encrypted store and the files show no family`() {
        inDir { dir ->
            val path = File(dir, "puskesos.sqlite").path
            val lock = FieldLock(File(dir, "puskesos.lock").path, pepper)
            assertFalse(lock.status().isSet)
            assertThrows<LockException.Invalid> { lock.setPin("123456") }
            val key = lock.setPin("258046")
            FieldStore.openUnlocked(path, key).use { store ->
                val h = Records.household(store)
                store.addPerson(Records.member(h.meta.id, Records.HEAD_NIK, "Sutrisno Contoh"), AUTHOR)
                // Open, with its WAL: nothing readable either.
                val open = rawText(dir)
                assertFalse(open.contains(Records.HEAD_NIK), "NIK in the open store's files")
                assertFalse(open.contains("Sutrisno Contoh"), "name in the open store's files")
            }
            val closed = rawText(dir)
            assertFalse(closed.contains(Records.HEAD_NIK))
            assertFalse(closed.contains(Records.KK))
            assertFalse(closed.contains("Sutrisno Contoh"))
            assertThrows<RecordsException.Storage> { FieldStore.open(path) }

            // The next start: the PIN again, through a new lock object, finds the family.
            val again = FieldLock(File(dir, "puskesos.lock").path, pepper)
            val wrong = assertThrows<LockException.WrongPin> { again.unlock("258047") }
            assertEquals(9u, wrong.attemptsLeft)
            FieldStore.openUnlocked(path, again.unlock("258046")).use { store ->
                assertEquals(1, store.findHouseholds("Sutrisno", null, 10u).size)
            }
            // The lock file copied to another phone (another Keystore, another pepper) opens nothing.
            val elsewhere = FieldLock(File(dir, "puskesos.lock").path, ByteArray(32))
            assertThrows<LockException.WrongPin> { elsewhere.unlock("258046") }

            // A new PIN opens the same store; the old one no longer does.
            assertThrows<LockException.WrongPin> { again.changePin("000000", "480263") }
            again.changePin("258046", "480263")
            assertThrows<LockException.WrongPin> { again.unlock("258046") }
            FieldStore.openUnlocked(path, again.unlock("480263")).use { store ->
                assertEquals(1, store.findHouseholds("Sutrisno", null, 10u).size)
                // The district's pack decides the idle time; until one is installed, 5 minutes.
                assertEquals(5u, store.lockAfterMinutes())
            }

            // A code set by hand (as enrolment does inside the library) opens it too.
            assertFalse(again.status().hasUnlockCode)
            again.setUnlockCode(again.unlock("480263"), "ABCD-EFGH-JKMN")
            assertTrue(again.status().hasUnlockCode)
            FieldStore.openUnlocked(path, again.unlockWithCode("abcd efgh jkmn", "592741")).close()

            // A revoked phone forgets its key: the lock is gone and the store cannot be opened.
            again.forget()
            assertFalse(File(dir, "puskesos.lock").exists())
            assertFalse(again.status().isSet)
            val fresh = FieldLock(File(dir, "puskesos.lock").path, pepper).setPin("258046")
            assertThrows<RecordsException.Storage> { FieldStore.openUnlocked(path, fresh) }
        }
    }

    @Test
    fun `a plaintext store from before the lock is encrypted on the first unlock without loss`() {
        inDir { dir ->
            val path = File(dir, "puskesos.sqlite").path
            FieldStore.open(path).use { store ->
                val h = Records.household(store)
                store.addPerson(Records.member(h.meta.id, Records.HEAD_NIK, "Sutrisno Contoh"), AUTHOR)
            }
            assertTrue(rawText(dir).contains("Sutrisno Contoh"))
            val key = FieldLock(File(dir, "puskesos.lock").path, pepper).setPin("258046")
            FieldStore.openUnlocked(path, key).use { store ->
                assertEquals(1, store.findHouseholds("Sutrisno", null, 10u).size)
            }
            assertFalse(rawText(dir).contains("Sutrisno Contoh"))
        }
    }

    @Test
    fun `after ten wrong PINs only the district's code opens the same store, with a new PIN`() {
        District().use { district ->
            inDir { dir ->
                val path = File(dir, "puskesos.sqlite").path
                val lock = fieldLockWithTestClock(File(dir, "puskesos.lock").path, pepper)
                val key = lock.setPin("258046")
                val (deviceId, waiting) = FieldStore.openUnlocked(path, key).use { store ->
                    val enrolment = store.enrol(district.url, district.enrolCode("op-desa"), "HP uji", null, lock, key)
                    val h = Records.household(store)
                    store.addPerson(Records.member(h.meta.id, Records.HEAD_NIK, "Sutrisno Contoh"), AUTHOR)
                    enrolment.deviceId to store.outboxCounts().pending
                }
                assertTrue(waiting > 0u)
                assertTrue(lock.status().hasUnlockCode)

                for (i in 1..9) {
                    advanceLockClockForTest(3600)
                    val e = assertThrows<LockException.WrongPin> { lock.unlock("111000") }
                    assertEquals((10 - i).toUInt(), e.attemptsLeft)
                }
                // Straight after a wrong PIN the next must wait; nothing is checked meanwhile.
                assertThrows<LockException.TooSoon> { lock.unlock("258046") }
                advanceLockClockForTest(3600)
                assertThrows<LockException.LockedOut> { lock.unlock("111000") }
                assertTrue(lock.status().lockedOut)
                advanceLockClockForTest(3600)
                assertThrows<LockException.LockedOut> { lock.unlock("258046") }

                assertThrows<LockException.WrongCode> { lock.unlockWithCode("AAAA-BBBB-CCCC", "370915") }
                val code = district.revealUnlockCode(deviceId)
                val reopened = lock.unlockWithCode(code.lowercase(), "370915")
                FieldStore.openUnlocked(path, reopened).use { store ->
                    assertEquals(1, store.findHouseholds("Sutrisno", null, 10u).size)
                    // Nothing unsent was lost on the way.
                    assertEquals(waiting, store.outboxCounts().pending)
                }
                assertFalse(lock.status().lockedOut)
                FieldStore.openUnlocked(path, lock.unlock("370915")).close()
            }
        }
    }
}
