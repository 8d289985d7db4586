package id.puskesos.field.core.native

import id.puskesos.core.FieldStore
import java.io.File

/**
 * The one [FieldStore] of the process, opened on first use (off the UI thread, by whichever
 * service is called first) and shared by every service and thread: the core serialises
 * access to its SQLite connection.
 */
class NativeStore(private val file: File) {
    val store: FieldStore by lazy { boundary { FieldStore.open(file.path) } }

    /**
     * Who records are written by: the operator the district enrolled this device for, or
     * "perangkat" (this device) before enrolment, which the district attributes on upload.
     */
    fun author(): String = boundary { store.enrolment()?.operator } ?: UNENROLLED_AUTHOR

    companion object {
        const val UNENROLLED_AUTHOR = "perangkat"
    }
}
