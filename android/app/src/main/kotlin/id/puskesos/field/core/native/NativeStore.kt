package id.puskesos.field.core.native

import id.puskesos.core.FieldStore
import id.puskesos.field.core.CoreException
import id.puskesos.field.lock.AppLock
import java.io.File

/**
 * The one [FieldStore] of the process, opened on first use (off the UI thread, by whichever
 * service is called first) and shared by every service and thread: the core serialises
 * access to its SQLite connection.
 *
 * The app's store is encrypted with the key the app [lock] unwrapped; while no PIN has been
 * typed since the process started, nothing is opened (a background upload waits for the
 * next unlock). Without a lock (the JVM tests of single screens) the file is plain SQLite.
 */
class NativeStore(private val file: File, val lock: AppLock? = null) {
    @Volatile
    private var opened: FieldStore? = null

    val store: FieldStore
        get() = opened ?: synchronized(this) {
            opened ?: boundary {
                if (lock == null) {
                    FieldStore.open(file.path)
                } else {
                    val key = lock.key ?: throw CoreException(CoreException.Kind.STORAGE, MessageLanguage.say(LOCKED_ID, LOCKED_EN))
                    FieldStore.openUnlocked(file.path, key)
                }
            }.also { opened = it }
        }

    /**
     * Closes the store and deletes its files (the database, its WAL and shared memory): a
     * revoked device keeps nothing. The next use opens a new, empty store.
     */
    fun wipe() {
        synchronized(this) {
            opened?.close()
            opened = null
            // ".encrypting": a plaintext store's half-made encrypted copy (core, store/encryption.rs).
            for (suffix in listOf("", "-wal", "-shm", "-journal", ".encrypting")) File(file.path + suffix).delete()
        }
    }

    /**
     * Who records are written by: the operator the district enrolled this device for, or
     * "perangkat" (this device) before enrolment, which the district attributes on upload.
     */
    fun author(): String = boundary { store.enrolment()?.operator } ?: UNENROLLED_AUTHOR

    companion object {
        const val UNENROLLED_AUTHOR = "perangkat"
        private const val LOCKED_ID = "Aplikasi terkunci: masukkan PIN dulu."
        private const val LOCKED_EN = "The app is locked: enter the PIN first."
    }
}
