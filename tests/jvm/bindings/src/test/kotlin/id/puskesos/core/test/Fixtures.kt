package id.puskesos.core.test

import id.puskesos.core.FieldStore
import id.puskesos.core.Household
import id.puskesos.core.model.HouseholdInput
import id.puskesos.core.PersonInput
import java.io.File
import java.nio.file.Files

/** A fresh store file in a temporary directory, closed and deleted after [body]. */
inline fun <T> withStore(body: (FieldStore, File) -> T): T {
    val dir = Files.createTempDirectory("puskesos-store").toFile()
    try {
        return FieldStore.open(File(dir, "field.sqlite").path).use { body(it, dir) }
    } finally {
        dir.deleteRecursively()
    }
}

/** Synthetic records for the store tests: numbers from [Synthetic], names that are made up. */
object Records {
    const val AUTHOR = "op-uji"
    const val VILLAGE = "3201010001"
    val KK = Synthetic.kk(day = 15, month = 5, yy = 15, serial = "9910")
    val HEAD_NIK = Synthetic.nik(day = 1, month = 1, yy = 80, serial = "9911")
    val SPOUSE_NIK = Synthetic.nik(day = 5, month = 3, yy = 82, female = true, serial = "9912")
    val CHILD_NIK = Synthetic.nik(day = 9, month = 9, yy = 10, serial = "9913")

    fun householdInput(kk: String = KK, village: String = VILLAGE, head: String = "Budi Contoh") =
        HouseholdInput(kkNumber = kk, villageCode = village, address = "Jl. Contoh No. 1", rt = "3", rw = "1", headName = head)

    fun household(store: FieldStore, kk: String = KK, village: String = VILLAGE): Household =
        store.saveHousehold(householdInput(kk, village), AUTHOR)

    fun member(householdId: String, nik: String?, name: String) = PersonInput(householdId = householdId, name = name, nik = nik)

    /** The repository root, for the example rule pack shipped with core. */
    val repoRoot: File by lazy {
        val configured = System.getProperty("puskesos.repo.root")?.takeIf { it.isNotBlank() }?.let(::File)
        val root = configured ?: generateSequence(File(".").absoluteFile) { it.parentFile }
            .firstOrNull { File(it, "core/rules/example-pack.json").isFile }
        checkNotNull(root?.takeIf { File(it, "core/rules/example-pack.json").isFile }) {
            "repository root not found: set -Dpuskesos.repo.root"
        }
    }

    val examplePack: String by lazy { File(repoRoot, "core/rules/example-pack.json").readText() }
}
