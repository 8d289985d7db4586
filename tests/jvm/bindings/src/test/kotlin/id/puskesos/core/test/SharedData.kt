package id.puskesos.core.test

import java.io.File

/**
 * Finds the project's shared test data (the Kemendagri region list): the system property set
 * by run.sh, else PUSKESOS_SHARED_DATA, else a `shared/data` directory beside one of the
 * working directory's parents. Missing data fails the test with a message, never skips it.
 */
object SharedData {
    val dir: File by lazy {
        val configured = listOfNotNull(
            System.getProperty("puskesos.shared.data")?.takeIf { it.isNotBlank() },
            System.getenv("PUSKESOS_SHARED_DATA")?.takeIf { it.isNotBlank() },
        ).map(::File).firstOrNull()
        val found = configured ?: generateSequence(File(".").absoluteFile) { it.parentFile }
            .map { File(it, "shared/data") }
            .firstOrNull { it.isDirectory }
        checkNotNull(found?.takeIf { it.isDirectory }) {
            "shared test data not found: set PUSKESOS_SHARED_DATA or put shared/data beside the checkout"
        }
    }

    fun file(relative: String): File {
        val file = File(dir, relative)
        check(file.isFile) { "shared test data file missing: $file" }
        return file
    }
}

/** Synthetic numbers only: built from parts, with serials from 9900 that the tests own. */
object Synthetic {
    /** Cibinong, Kabupaten Bogor: a district present in every Kemendagri list since 2016. */
    const val DISTRICT = "320101"

    fun nik(district: String = DISTRICT, day: Int, month: Int, yy: Int, female: Boolean = false, serial: String = "9901"): String =
        district + "%02d%02d%02d".format(if (female) day + 40 else day, month, yy) + serial

    fun kk(district: String = DISTRICT, day: Int, month: Int, yy: Int, serial: String = "9902"): String =
        district + "%02d%02d%02d".format(day, month, yy) + serial
}
