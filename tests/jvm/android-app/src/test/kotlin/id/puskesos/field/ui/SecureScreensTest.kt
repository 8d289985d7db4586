package id.puskesos.field.ui

import android.app.Activity
import android.content.Intent
import android.view.WindowManager
import id.puskesos.field.Settings
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import java.io.File

/**
 * Screens with a family's data cannot be captured and are blank in the recent apps list
 * (FLAG_SECURE); enrolment and settings, which show none, can. Real screens on the real core.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class SecureScreensTest {
    @get:Rule
    val dir = TemporaryFolder()

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    private fun secure(activity: Activity): Boolean =
        activity.window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE != 0

    private inline fun <reified A : Activity> open(intent: Intent = Intent()): A =
        Robolectric.buildActivity(A::class.java, intent).setup().get()

    @Test
    fun `every screen with personal data is secure, enrolment and settings are not`() {
        useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
        Settings(RuntimeEnvironment.getApplication()).apply {
            districtUrl = "https://dinsos.example.go.id"
            villageName = "Desa Uji"
            deviceId = "0197a0d2-5f3c-7b4e-8a1d-2c3b4a5d6e7f"
        }
        val household = Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, "00000000-0000-0000-0000-000000000000")
        val shown = mapOf(
            "home" to open<HomeActivity>(),
            "households" to open<HouseholdListActivity>(),
            "household form" to open<HouseholdFormActivity>(),
            "complaint" to open<ComplaintActivity>(),
            "registry check" to open<RegistryCheckActivity>(),
            "referral" to open<ReferralActivity>(household),
            "proposal" to open<ProposalActivity>(household),
            "outbox" to open<OutboxActivity>(),
            "scan" to open<ScanActivity>(),
        )
        assertEquals(shown.keys.toList(), shown.filterValues { secure(it) }.keys.toList())
        assertEquals(false, secure(open<EnrolActivity>()))
        assertEquals(false, secure(open<SettingsActivity>()))
    }
}
