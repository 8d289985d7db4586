package id.puskesos.field.ui

import android.app.job.JobInfo
import android.app.job.JobScheduler
import android.content.Intent
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.UnscriptedRecords
import id.puskesos.field.core.ComplaintState
import id.puskesos.field.core.ComplaintSummary
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.DecisionView
import id.puskesos.field.core.FollowUpDue
import id.puskesos.field.core.OutboxService
import id.puskesos.field.core.OutboxSummary
import id.puskesos.field.core.RecordService
import id.puskesos.field.core.VisitSummary
import id.puskesos.field.upload.UploadJobService
import id.puskesos.field.upload.UploadScheduler
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config

/**
 * The home screen of an enrolled phone: today's visits, open complaints, what waits to be sent
 * and the last sync, read from the core each time the screen comes back; "send now" schedules
 * the upload job (Robolectric's JobScheduler keeps what was scheduled).
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class HomeFlowsTest {
    /** The store's answers for the home screen; `null` stands for NOT_AVAILABLE. */
    private class Home(val fake: FakeCoreGateway = FakeCoreGateway()) : CoreGateway by fake {
        var visits: List<VisitSummary>? = emptyList()
        var complaints: List<ComplaintSummary> = emptyList()
        var summary: OutboxSummary? = OutboxSummary(0, 0, null)
        var decisions: List<DecisionView> = emptyList()
        var followUps: List<FollowUpDue> = emptyList()

        override val records: RecordService = object : RecordService by UnscriptedRecords {
            override fun todaysVisits(): List<VisitSummary> = visits ?: throw CoreException(CoreException.Kind.NOT_AVAILABLE, "no store")

            override fun openComplaints(): List<ComplaintSummary> = complaints

            override fun decisions(): List<DecisionView> = decisions

            override fun followUpsDue(until: String): List<FollowUpDue> = followUps
        }
        override val outbox: OutboxService = object : OutboxService by id.puskesos.field.UnscriptedOutbox {
            override fun summary(): OutboxSummary = summary ?: throw CoreException(CoreException.Kind.STORAGE, "store unreadable")
        }
    }

    private val app get() = RuntimeEnvironment.getApplication()
    private val scheduler: JobScheduler get() = checkNotNull(app.getSystemService(JobScheduler::class.java))

    @Before
    fun enrolled() {
        Settings(app).deviceId = "device-7"
    }

    @Test
    fun `home shows today's visits, open complaints, what waits to be sent and the last sync`() {
        val core = Home().also { useCore(it) }
        core.visits = listOf(
            VisitSummary("hh-2", "Siti Contoh", "Jl. Mawar 3", "10:15"),
            VisitSummary("hh-1", "Budi Contoh", "Jl. Contoh No. 1", "08:30"),
        )
        core.complaints = listOf(ComplaintSummary("c-1", "Bantuan bulan ini belum diterima", ComplaintState.OPEN, "2025-03-04"))
        core.followUps = listOf(FollowUpDue("hh-1", "Budi Contoh", "Jl. Contoh No. 1", "2025-03-01", null))
        core.decisions = listOf(DecisionView("proposal", "p-1", "returned", "Foto KK buram", 0L), DecisionView("complaint", "c-1", "referred", "", 0L))
        // Two hours and five minutes ago: "2 hours ago" for the next hour of wall time.
        core.summary = OutboxSummary(waiting = 12, failed = 1, lastSyncEpochMillis = System.currentTimeMillis() - 125 * 60_000L)
        val activity = Robolectric.buildActivity(HomeActivity::class.java).setup().get()

        settle("home filled") { activity.shownTexts().contains("Waiting to be sent: 12 (failed: 1)") }
        val shown = activity.shownTexts()
        assertTrue(shown.toString(), shown.contains("10:15  Siti Contoh — Jl. Mawar 3\n08:30  Budi Contoh — Jl. Contoh No. 1"))
        assertTrue(shown.toString(), shown.contains("Bantuan bulan ini belum diterima (4 March 2025)"))
        assertTrue(shown.toString(), shown.contains("Last sync: 2 hours ago"))
        assertTrue(shown.toString(), shown.contains("Budi Contoh — Jl. Contoh No. 1 (by 1 March 2025)"))
        assertTrue(shown.toString(), shown.contains("Proposal: returned — Foto KK buram\nComplaint: referred"))
        assertFalse(shown.contains("None"))
    }

    @Test
    fun `a quiet day says none, and a store that cannot answer says so instead of crashing`() {
        val core = Home().also { useCore(it) }
        core.visits = null
        core.summary = null
        val activity = Robolectric.buildActivity(HomeActivity::class.java).setup().get()

        settle("home filled") { activity.shownTexts().contains("Waiting to be sent: not available yet") }
        val shown = activity.shownTexts()
        assertEquals(
            listOf(
                "Today", "Visits today", "Not available in this version", "Follow-up visits due", "None", "Open complaints", "None",
                "District decisions", "None",
                "Waiting to be sent: not available yet", "Last sync: never",
            ),
            shown,
        )
    }

    @Test
    fun `coming back to home reads the store again`() {
        val core = Home().also { useCore(it) }
        val controller = Robolectric.buildActivity(HomeActivity::class.java).setup()
        val activity = controller.get()
        settle("first read") { activity.shownTexts().contains("Waiting to be sent: 0 (failed: 0)") }

        controller.pause().stop()
        core.complaints = listOf(ComplaintSummary("c-9", "Kartu KIS hilang", ComplaintState.REFERRED, "2025-08-17"))
        core.summary = OutboxSummary(1, 0, System.currentTimeMillis() - 30_000L)
        controller.restart().start().resume()

        settle("second read") { activity.shownTexts().contains("Waiting to be sent: 1 (failed: 0)") }
        assertTrue(activity.shownTexts().contains("Kartu KIS hilang (17 August 2025)"))
        assertTrue(activity.shownTexts().contains("Last sync: just now"))
    }

    @Test
    fun `when an upload run ends, the home screen on show reads what waits and the last sync again`() {
        val core = Home().also { useCore(it) }
        core.summary = OutboxSummary(waiting = 7, failed = 0, lastSyncEpochMillis = null)
        val controller = Robolectric.buildActivity(HomeActivity::class.java).setup()
        val activity = controller.get()
        settle("first read") { activity.shownTexts().contains("Waiting to be sent: 7 (failed: 0)") }
        assertTrue(activity.shownTexts().contains("Last sync: never"))

        // The job sent everything while the screen stayed on show.
        core.summary = OutboxSummary(waiting = 0, failed = 0, lastSyncEpochMillis = System.currentTimeMillis())
        app.sendBroadcast(Intent(UploadScheduler.ACTION_FINISHED).setPackage(app.packageName))
        settle("read again") { activity.shownTexts().contains("Waiting to be sent: 0 (failed: 0)") }
        assertTrue(activity.shownTexts().contains("Last sync: just now"))

        // Off screen it listens no more: the next read is when it comes back.
        controller.pause()
        core.summary = OutboxSummary(waiting = 3, failed = 0, lastSyncEpochMillis = System.currentTimeMillis())
        app.sendBroadcast(Intent(UploadScheduler.ACTION_FINISHED).setPackage(app.packageName))
        shadowOf(android.os.Looper.getMainLooper()).idle()
        Thread.sleep(100)
        shadowOf(android.os.Looper.getMainLooper()).idle()
        assertTrue(activity.shownTexts().contains("Waiting to be sent: 0 (failed: 0)"))
    }

    @Test
    fun `send now schedules a one-off upload that waits for any network and backs off exponentially`() {
        useCore(Home())
        val activity = Robolectric.buildActivity(HomeActivity::class.java).setup().get()
        assertNull("nothing to send before the tap", scheduler.getPendingJob(UploadScheduler.NOW_JOB))

        activity.button(R.string.action_send_now).performClick()

        val job = scheduler.getPendingJob(UploadScheduler.NOW_JOB) ?: throw AssertionError("no upload job scheduled")
        assertEquals(UploadJobService::class.java.name, job.service.className)
        assertEquals(JobInfo.NETWORK_TYPE_ANY, networkTypeOf(job))
        assertEquals(JobInfo.BACKOFF_POLICY_EXPONENTIAL, job.backoffPolicy)
        assertEquals("first retry after a minute", 60_000L, job.initialBackoffMillis)
        assertTrue("survives a reboot", job.isPersisted)
        assertFalse("one-off, not periodic", job.isPeriodic)
    }

    @Test
    fun `with Wi-Fi only set, send now waits for an unmetered network`() {
        useCore(Home())
        Settings(app).unmeteredOnly = true
        val activity = Robolectric.buildActivity(HomeActivity::class.java).setup().get()
        activity.button(R.string.action_send_now).performClick()

        val job = scheduler.getPendingJob(UploadScheduler.NOW_JOB) ?: throw AssertionError("no upload job scheduled")
        assertEquals(JobInfo.NETWORK_TYPE_UNMETERED, networkTypeOf(job))
    }

    @Test
    fun `home's buttons open scanning, the household form, the registry check, complaints and settings`() {
        useCore(Home())
        val activity = Robolectric.buildActivity(HomeActivity::class.java).setup().get()
        val opened = listOf(R.string.action_scan, R.string.action_new_household, R.string.action_registry_check, R.string.action_complaint, R.string.action_settings)
            .map { label ->
                activity.button(label).performClick()
                shadowOf(activity).nextStartedActivity.component?.className
            }
        assertEquals(
            listOf(ScanActivity::class, HouseholdFormActivity::class, RegistryCheckActivity::class, ComplaintActivity::class, SettingsActivity::class)
                .map { it.java.name },
            opened,
        )
    }

    @Test
    fun `a phone not yet enrolled is sent to enrolment`() {
        useCore(Home())
        Settings(app).deviceId = null
        // Finishing in onCreate skips the rest of the lifecycle on a phone: create only.
        val activity = Robolectric.buildActivity(HomeActivity::class.java).create().get()

        assertTrue(activity.isFinishing)
        assertEquals(EnrolActivity::class.java.name, shadowOf(activity).nextStartedActivity.component?.className)
    }

    /** JobInfo.getNetworkType is deprecated since API 28 for getRequiredNetwork; it still reads it back. */
    @Suppress("DEPRECATION")
    private fun networkTypeOf(job: JobInfo): Int = job.networkType
}
