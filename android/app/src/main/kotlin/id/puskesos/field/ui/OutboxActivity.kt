package id.puskesos.field.ui

import android.content.Intent
import android.os.Bundle
import android.widget.LinearLayout
import id.puskesos.field.R
import id.puskesos.field.core.ParkedEntry
import id.puskesos.field.format.Formats
import id.puskesos.field.upload.UploadScheduler

/**
 * What the district refused, each with its reason (a household of another village, a NIK
 * already registered elsewhere): the pillar opens the record to fix it, then sends it again;
 * nothing refused is dropped or retried blindly.
 */
class OutboxActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var list: LinearLayout

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        screen = Screen(this)
        screen.heading(R.string.outbox_title)
        screen.label(R.string.outbox_explain)
        list = screen.section()
        screen.show()
    }

    override fun onResume() {
        super.onResume()
        refresh()
    }

    private fun refresh() {
        background({ core.outbox.parked() }) { show(it) }
    }

    private fun show(entries: List<ParkedEntry>) {
        list.removeAllViews()
        if (entries.isEmpty()) screen.label(R.string.outbox_none, list)
        val months = resources.getStringArray(R.array.months).toList()
        entries.forEach { e ->
            val what = when (e.entity) {
                "household" -> getString(R.string.household_title)
                "person" -> getString(R.string.outbox_member)
                "complaint" -> getString(R.string.decision_complaint)
                "proposal" -> getString(R.string.decision_proposal)
                "referral" -> getString(R.string.decision_referral)
                else -> e.entity
            }
            val day = Formats.isoDate(Formats.isoDay(e.recordedAtMillis), months)
            val line = screen.label(getString(R.string.outbox_line, what, day, e.reason ?: "—"), list)
            line.setTextColor(Screen.ERROR_COLOR)
            val actions = screen.row(list)
            if (e.entity == "household") {
                screen.button(R.string.outbox_open, actions) {
                    startActivity(Intent(this, HouseholdActivity::class.java).putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, e.entityId))
                }
            }
            screen.button(R.string.outbox_retry, actions) {
                background({ core.outbox.retry(e.entryId) }) {
                    UploadScheduler.sendNow(this)
                    refresh()
                }
            }
        }
    }
}
