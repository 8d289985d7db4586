package id.puskesos.field.ui

import android.Manifest
import android.annotation.SuppressLint
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.content.pm.PackageManager
import android.os.Build
import android.os.Bundle
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.CoreException
import id.puskesos.field.format.Formats
import id.puskesos.field.upload.UploadScheduler

/** Today's work at a glance: visits, open complaints, what waits to be sent, the last sync. */
class HomeActivity : BaseActivity() {
    private lateinit var visits: TextView
    private lateinit var complaints: TextView
    private lateinit var decisions: TextView
    private lateinit var followUps: TextView
    private lateinit var waiting: TextView
    private lateinit var lastSync: TextView

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // A cold start: the lock screen comes first and brings the pillar back here.
        if (isFinishing) return
        if (!Settings(this).enrolled) {
            startActivity(Intent(this, EnrolActivity::class.java))
            finish()
            return
        }
        val s = Screen(this)
        s.heading(R.string.home_title)
        s.label(R.string.home_visits_today)
        visits = s.label()
        s.label(R.string.home_follow_ups)
        followUps = s.label()
        s.label(R.string.home_open_complaints)
        complaints = s.label()
        s.label(R.string.home_decisions)
        decisions = s.label()
        waiting = s.item("") { startActivity(Intent(this, OutboxActivity::class.java)) }
        lastSync = s.label()
        s.button(R.string.action_send_now) { UploadScheduler.sendNow(this) }
        s.button(R.string.action_households) { startActivity(Intent(this, HouseholdListActivity::class.java)) }
        s.button(R.string.action_scan) { startActivity(Intent(this, ScanActivity::class.java)) }
        s.button(R.string.action_new_household) { startActivity(Intent(this, HouseholdFormActivity::class.java)) }
        s.button(R.string.action_registry_check) { startActivity(Intent(this, RegistryCheckActivity::class.java)) }
        s.button(R.string.action_complaint) { startActivity(Intent(this, ComplaintActivity::class.java)) }
        s.button(R.string.action_settings) { startActivity(Intent(this, SettingsActivity::class.java)) }
        s.show()
        if (Build.VERSION.SDK_INT >= 33 && checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(arrayOf(Manifest.permission.POST_NOTIFICATIONS), 1)
        }
    }

    /** An upload run ended while the screen is shown: its numbers are stale. */
    private val uploadFinished = object : BroadcastReceiver() {
        override fun onReceive(context: Context, intent: Intent) = refresh()
    }

    override fun onResume() {
        super.onResume()
        // Locked or not enrolled: onCreate handed over and built nothing to refresh.
        if (isFinishing) return
        val filter = IntentFilter(UploadScheduler.ACTION_FINISHED)
        if (Build.VERSION.SDK_INT >= 33) {
            registerReceiver(uploadFinished, filter, Context.RECEIVER_NOT_EXPORTED)
        } else {
            // Before API 33 a runtime receiver cannot be made private; a stray broadcast
            // from another app only makes the screen read the store again.
            @SuppressLint("UnspecifiedRegisterReceiverFlag")
            registerReceiver(uploadFinished, filter)
        }
        listening = true
        refresh()
    }

    private var listening = false

    override fun onPause() {
        if (listening) unregisterReceiver(uploadFinished)
        listening = false
        super.onPause()
    }

    private fun refresh() {
        app.work.execute {
            val visitText = countOrNote { core.records.todaysVisits().joinToString("\n") { "${it.time}  ${it.headName} — ${it.address}" }.ifEmpty { getString(R.string.home_none) } }
            val complaintText = countOrNote { core.records.openComplaints().joinToString("\n") { "${it.subject} (${Formats.isoDate(it.openedOn, months())})" }.ifEmpty { getString(R.string.home_none) } }
            val months = months()
            val followUpText = countOrNote {
                core.records.followUpsDue(Formats.isoDay(System.currentTimeMillis())).joinToString("\n") {
                    getString(R.string.home_follow_up_line, it.headName, it.address, Formats.isoDate(it.due, months))
                }.ifEmpty { getString(R.string.home_none) }
            }
            val decisionText = countOrNote {
                core.records.decisions().take(HOME_DECISIONS).joinToString("\n") { Decisions.line(this, it) }.ifEmpty { getString(R.string.home_none) }
            }
            val outbox = try {
                core.outbox.summary()
            } catch (_: CoreException) {
                null
            }
            runOnUiThread {
                if (isDestroyed) return@runOnUiThread
                visits.text = visitText
                complaints.text = complaintText
                decisions.text = decisionText
                followUps.text = followUpText
                waiting.text = if (outbox == null) getString(R.string.home_waiting_unknown) else getString(R.string.home_waiting, outbox.waiting, outbox.failed)
                lastSync.text = getString(R.string.home_last_sync, elapsedText(Formats.since(outbox?.lastSyncEpochMillis, System.currentTimeMillis())))
            }
        }
    }

    private companion object {
        /** The latest decisions on the home screen; the household screen has them all. */
        const val HOME_DECISIONS = 5
    }

    private fun countOrNote(read: () -> String): String =
        try {
            read()
        } catch (e: CoreException) {
            if (e.kind == CoreException.Kind.NOT_AVAILABLE) getString(R.string.not_available_short) else e.message.orEmpty()
        }

    private fun months(): List<String> = resources.getStringArray(R.array.months).toList()

    private fun elapsedText(e: Formats.Elapsed): String =
        when (e) {
            Formats.Elapsed.Never -> getString(R.string.elapsed_never)
            Formats.Elapsed.JustNow -> getString(R.string.elapsed_just_now)
            is Formats.Elapsed.Minutes -> getString(R.string.elapsed_minutes, e.n)
            is Formats.Elapsed.Hours -> getString(R.string.elapsed_hours, e.n)
            is Formats.Elapsed.Days -> getString(R.string.elapsed_days, e.n)
        }
}
