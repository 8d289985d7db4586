package id.puskesos.field.screens

import android.graphics.Bitmap
import android.graphics.Canvas
import android.graphics.Color
import android.graphics.Paint
import id.puskesos.core.model.ComplaintCategory
import id.puskesos.core.model.ComplaintChannel
import id.puskesos.core.ComplaintInput
import id.puskesos.core.FieldStore
import id.puskesos.core.model.HouseholdInput
import id.puskesos.core.PersonInput
import id.puskesos.core.model.Relationship
import id.puskesos.core.model.Sex
import id.puskesos.core.VisitInput
import id.puskesos.core.model.VisitPurpose
import java.io.ByteArrayOutputStream
import java.io.File
import kotlin.random.Random

/**
 * Made-up households for the screens, written through the bindings into the real store. The
 * numbers are synthetic (serials 99xx, never issued together with these names) and valid for
 * the core; the names are long where real names are long, so the screens show how they wrap.
 */
object Sample {
    const val AUTHOR = "op-desa"
    const val VILLAGE = "3201010001"
    const val KK = "3201011505159910"
    const val HEAD_NIK = "3201010101809911"
    const val SPOUSE_NIK = "3201014503829912"
    const val CHILD_NIK = "3201010909109913"
    const val OTHER_KK = "3201012003189920"
    const val OTHER_HEAD_NIK = "3201011207759921"

    /** A KK's electronic-signature QR as Dukcapil prints it: a verification link (made up). */
    const val KK_QR = "https://layananonline.dukcapil.kemendagri.go.id/verif/kk?id=CONTOH0042XYZ"

    /** A family of three with a long address; returns the household id. */
    fun household(store: FieldStore): String {
        val h = store.saveHousehold(
            HouseholdInput(KK, VILLAGE, "Jl. Raya Cibadak Gg. Mawar No. 12, dekat masjid Al-Ikhlas", "003", "001", "Budi Santoso"),
            AUTHOR,
        )
        val id = h.meta.id
        store.addPerson(PersonInput(id, "Budi Santoso", HEAD_NIK, birthDate = "1980-01-01", sex = Sex.MALE, relationship = Relationship.HEAD), AUTHOR)
        store.addPerson(PersonInput(id, "Siti Aminah Nurhalimah Kusumawardhani", SPOUSE_NIK, birthDate = "1982-03-05", sex = Sex.FEMALE, relationship = Relationship.SPOUSE), AUTHOR)
        store.addPerson(PersonInput(id, "Ahmad Fauzi", CHILD_NIK, birthDate = "2010-09-09", sex = Sex.MALE, relationship = Relationship.CHILD, inSchool = true), AUTHOR)
        return id
    }

    /** A second household, one member. */
    fun otherHousehold(store: FieldStore): String {
        val h = store.saveHousehold(HouseholdInput(OTHER_KK, VILLAGE, "Kp. Sukamaju", "007", "002", "Dedi Kurniawan"), AUTHOR)
        store.addPerson(PersonInput(h.meta.id, "Dedi Kurniawan", OTHER_HEAD_NIK, birthDate = "1975-07-12", sex = Sex.MALE, relationship = Relationship.HEAD), AUTHOR)
        return h.meta.id
    }

    fun visit(store: FieldStore, household: String, minutesAgo: Int, purpose: VisitPurpose = VisitPurpose.ASSESSMENT) {
        store.recordVisit(VisitInput(household, System.currentTimeMillis() - minutesAgo * 60_000L, purpose), AUTHOR)
    }

    fun complaint(store: FieldStore, name: String, description: String, household: String? = null, category: ComplaintCategory = ComplaintCategory.AID_NOT_RECEIVED): String =
        store.registerComplaint(ComplaintInput(household, name, category, description, ComplaintChannel.WALK_IN), AUTHOR).meta.id

    /** The village's registry extract: the family above (desil 2) and two more people. */
    fun registry(store: FieldStore, dir: File) {
        val v = "2025Q3"
        val rows = listOf(
            "$v,$VILLAGE,$KK,$HEAD_NIK,Budi Santoso,Bogor,1980-01-01,male,head,2,Jl. Raya Cibadak,003,001",
            "$v,$VILLAGE,$KK,$SPOUSE_NIK,Siti Aminah Nurhalimah Kusumawardhani,Bogor,1982-03-05,female,spouse,2,Jl. Raya Cibadak,003,001",
            "$v,$VILLAGE,$KK,$CHILD_NIK,Ahmad Fauzi,Bogor,2010-09-09,male,child,2,Jl. Raya Cibadak,003,001",
            "$v,$VILLAGE,$OTHER_KK,$OTHER_HEAD_NIK,Dedi Kurniawan,Bogor,1975-07-12,male,head,,Kp. Sukamaju,007,002",
        )
        val header = "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw"
        val file = File(dir, "extract.csv").apply { writeText((listOf(header) + rows).joinToString("\n", postfix = "\n")) }
        store.importRegistry(file.path)
    }

    /**
     * The example rule pack that core ships (the district's stands in its place on a phone);
     * with [institutions], the list of institutions a district adds for referrals.
     */
    fun rulePack(store: FieldStore, institutions: Boolean = false) {
        val root = System.getProperty("puskesos.repo.root")?.takeIf { it.isNotBlank() } ?: error("puskesos.repo.root is not set (run tests/jvm/screens.sh)")
        val pack = org.json.JSONObject(File(root, "core/rules/example-pack.json").readText())
        if (institutions) {
            fun institution(sector: String, name: String, vararg services: String) =
                org.json.JSONObject().put("sector", sector).put("name", name).put("services", org.json.JSONArray(services.toList()))
            pack.put(
                "institutions",
                org.json.JSONArray()
                    .put(institution("health", "Puskesmas Cibadak", "PBI-JK", "Pemeriksaan ibu hamil"))
                    .put(institution("civil_registration", "Disdukcapil Kabupaten Bogor", "Akta kelahiran", "KTP-el", "Kartu Keluarga"))
                    .put(institution("education", "SDN Cibadak 1", "Program Indonesia Pintar")),
            )
        }
        store.installRulePack(pack.toString())
    }

    /**
     * A photo of a document as a camera app would write it: paper with lines of made-up text,
     * 1600×1200, drawn with the phone's own Canvas; [dark] is the same page at night.
     */
    fun documentPhoto(dark: Boolean = false): ByteArray {
        val bitmap = Bitmap.createBitmap(1600, 1200, Bitmap.Config.ARGB_8888)
        val canvas = Canvas(bitmap)
        val dim = if (dark) 0.08f else 1f
        fun grey(v: Int) = (v * dim).toInt().let { Color.rgb(it, it, it) }
        canvas.drawColor(grey(90))
        val paper = Paint().apply { color = grey(235) }
        canvas.drawRect(80f, 60f, 1520f, 1140f, paper)
        val ink = Paint().apply {
            color = grey(30)
            textSize = 34f
            isAntiAlias = true
            strokeWidth = 2f
        }
        val rnd = Random(7)
        var y = 150f
        var row = 1
        while (y < 1100f) {
            canvas.drawLine(120f, y + 10f, 1480f, y + 10f, ink)
            canvas.drawText("$row. " + (1..5).joinToString(" ") { "CONTOH${rnd.nextInt(1000)}" }, 130f, y, ink)
            y += 48f
            row++
        }
        return ByteArrayOutputStream().use {
            bitmap.compress(Bitmap.CompressFormat.JPEG, 90, it)
            it.toByteArray()
        }
    }
}
