package id.puskesos.field.ui

import android.app.Activity
import android.content.Intent
import android.widget.TextView
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import id.puskesos.testing.District
import org.json.JSONObject
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File

/**
 * Enrolment with a district that runs its own certificate authority: the real service on
 * 127.0.0.1 speaks HTTPS with a self-signed certificate, and the phone trusts it only through
 * the fingerprint the district puts in its enrolment QR. Real screens, real native core.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class EnrolTlsTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    private fun extract(): File =
        File(dir.root, "extract.csv").apply {
            writeText(
                "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw\n" +
                    "2025Q3,${District.VILLAGE},3201011505159910,3201010101809911,Budi Santoso,Bogor,1980-01-01,male,head,2,Kampung Contoh,003,001\n",
            )
        }

    private fun rules(): File {
        val root = System.getProperty("puskesos.repo.root")?.takeIf { it.isNotBlank() }?.let(::File)
            ?: generateSequence(File(".").absoluteFile) { it.parentFile }.first { File(it, "core/rules/example-pack.json").isFile }
        return File(root, "core/rules/example-pack.json")
    }

    private fun scanInto(enrol: EnrolActivity, qr: String) {
        enrol.button(R.string.enrol_scan_qr).performClick()
        val scan = shadowOf(enrol).nextStartedActivityForResult
        shadowOf(enrol).receiveResult(scan.intent, Activity.RESULT_OK, Intent().putExtra(ScanActivity.EXTRA_RAW, qr))
    }

    @Test
    fun `a phone enrols from the QR of a district with its own certificate and syncs over HTTPS`() {
        District(tls = true).use { district ->
            val core = useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
            district.publishPack(extract(), rules())
            val qr = district.enrolQr("op-desa")
            val json = JSONObject(qr)
            assertEquals(district.url, json.getString("url").trimEnd('/'))
            val fingerprint = json.getString("cert_sha256")
            assertEquals(64, fingerprint.length)

            val enrol = Robolectric.buildActivity(EnrolActivity::class.java).setup().get()
            scanInto(enrol, qr)
            // The scanned fingerprint is shown, so a person can compare it with the staff page.
            settle("the QR read") { enrol.field(R.string.enrol_fingerprint_hint).text.isNotEmpty() }
            assertEquals(fingerprint, enrol.field(R.string.enrol_fingerprint_hint).text.toString())
            settle("enrolled over HTTPS") { enrol.isFinishing }
            assertTrue(Settings(app).enrolled)

            // The first sync runs over the same pinned connection and installs the pack.
            core.sync.syncNow({}, { false }, personAsked = true)
            assertEquals(1, core.registry.byKk("3201011505159910").size)
        }
    }

    /**
     * A district behind a public certificate is checked against the phone's own trust store,
     * which the app hands to the library before the first enrolment (the library carries no
     * roots). Under Robolectric the platform's default trust manager is the JVM's.
     */
    @Test
    fun `the phone's trusted authorities reach the library`() {
        val roots = id.puskesos.field.core.native.SystemTrust.ensureLoaded()
        assertTrue("roots accepted: $roots", roots >= 50)
        assertEquals(roots, id.puskesos.field.core.native.SystemTrust.ensureLoaded())
    }

    @Test
    fun `a QR whose fingerprint is not the service's certificate enrols nothing`() {
        District(tls = true).use { district ->
            useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
            val json = JSONObject(district.enrolQr("op-desa"))
            val real = json.getString("cert_sha256")
            // Another certificate's fingerprint: what a phone sees behind an intercepting proxy.
            json.put("cert_sha256", real.map { if (it == '0') '1' else '0' }.joinToString(""))

            val enrol = Robolectric.buildActivity(EnrolActivity::class.java).setup().get()
            scanInto(enrol, json.toString())
            settle("the enrolment refused") {
                enrol.views().filterIsInstance<TextView>().any { v ->
                    v.visibility == android.view.View.VISIBLE && v.text.contains("fingerprint", ignoreCase = true) || v.text.contains("sidik jari", ignoreCase = true)
                }
            }
            assertFalse(enrol.isFinishing)
            assertFalse(Settings(app).enrolled)
        }
    }
}
