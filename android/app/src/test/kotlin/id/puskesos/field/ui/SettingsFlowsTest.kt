package id.puskesos.field.ui

import android.app.job.JobInfo
import android.app.job.JobScheduler
import android.widget.Switch
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.FakeRegions
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.RegionService
import id.puskesos.field.upload.UploadScheduler
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

/** This phone's enrolment, its region list, the core's version, and the Wi-Fi-only upload switch. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class SettingsFlowsTest {
    private class Core(val regionsLoaded: Boolean, val fake: FakeCoreGateway = FakeCoreGateway()) : CoreGateway by fake {
        override val regions: RegionService = object : RegionService by FakeRegions {
            override val loaded = regionsLoaded
        }
    }

    private val app get() = RuntimeEnvironment.getApplication()
    private val scheduler: JobScheduler get() = checkNotNull(app.getSystemService(JobScheduler::class.java))

    @Test
    fun `settings show the enrolment, the region list and the core's version`() {
        useCore(Core(regionsLoaded = true))
        Settings(app).apply {
            districtUrl = "https://dinsos.example.go.id"
            villageName = "Desa Contoh"
            deviceId = "device-7"
        }
        val activity = Robolectric.buildActivity(SettingsActivity::class.java).setup().get()

        settle("version shown") { activity.shownTexts().contains("Core version: 0.0.0-fake") }
        assertEquals(
            listOf(
                "Settings",
                "District service: https://dinsos.example.go.id",
                "Village: Desa Contoh",
                "Device ID: device-7",
                "Kemendagri region list: loaded",
                "Core version: 0.0.0-fake",
            ),
            activity.shownTexts(),
        )
    }

    @Test
    fun `a phone not enrolled yet and without the village pack says so`() {
        useCore(Core(regionsLoaded = false))
        val activity = Robolectric.buildActivity(SettingsActivity::class.java).setup().get()

        val shown = activity.shownTexts()
        assertTrue(shown.toString(), shown.containsAll(listOf("District service: —", "Village: —", "Device ID: —")))
        assertTrue(shown.contains("Kemendagri region list: not yet (comes with the village pack)"))
    }

    @Test
    fun `Wi-Fi only is remembered and the background upload is rescheduled to wait for an unmetered network`() {
        useCore(Core(regionsLoaded = false))
        val activity = Robolectric.buildActivity(SettingsActivity::class.java).setup().get()
        val wifiOnly = activity.views().filterIsInstance<Switch>().single()
        assertEquals(activity.getString(R.string.settings_unmetered_only), wifiOnly.text.toString())
        assertFalse(wifiOnly.isChecked)
        assertEquals(JobInfo.NETWORK_TYPE_ANY, networkTypeOf(UploadScheduler.PERIODIC_JOB))

        wifiOnly.performClick()

        assertTrue(Settings(app).unmeteredOnly)
        val periodic = scheduler.getPendingJob(UploadScheduler.PERIODIC_JOB)
        assertNotNull(periodic)
        assertTrue(periodic!!.isPeriodic)
        assertEquals(JobInfo.NETWORK_TYPE_UNMETERED, networkTypeOf(UploadScheduler.PERIODIC_JOB))

        // Reopened, the switch shows what was chosen.
        val again = Robolectric.buildActivity(SettingsActivity::class.java).setup().get()
        assertTrue(again.views().filterIsInstance<Switch>().single().isChecked)
    }

    @Test
    fun `send now in settings schedules the one-off upload`() {
        useCore(Core(regionsLoaded = false))
        val activity = Robolectric.buildActivity(SettingsActivity::class.java).setup().get()
        activity.button(R.string.action_send_now).performClick()

        assertNotNull(scheduler.getPendingJob(UploadScheduler.NOW_JOB))
    }

    /** JobInfo.getNetworkType is deprecated since API 28 for getRequiredNetwork; it still reads it back. */
    @Suppress("DEPRECATION")
    private fun networkTypeOf(job: Int): Int = scheduler.getPendingJob(job)?.networkType ?: throw AssertionError("job $job not scheduled")
}
