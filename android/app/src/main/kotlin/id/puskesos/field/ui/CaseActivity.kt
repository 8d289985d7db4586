package id.puskesos.field.ui

import android.content.Context
import android.content.Intent
import android.graphics.Bitmap
import android.graphics.Color
import android.os.Bundle
import android.text.InputType
import android.widget.Button
import android.widget.EditText
import android.widget.ImageView
import android.widget.LinearLayout
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.CaseView
import id.puskesos.field.core.QrImage
import id.puskesos.field.format.Formats

/**
 * One case (pengaduan) as SLRT works it: who asked and what for, its steps with dates and
 * notes, how long it has waited and whether a step is overdue, the district's latest word;
 * from here it moves to its next step with a note, is referred, gets a follow-up visit
 * planned, and its receipt QR is shown to the citizen.
 */
class CaseActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var caseId: String
    private lateinit var summary: TextView
    private lateinit var state: TextView
    private lateinit var decision: TextView
    private lateinit var steps: LinearLayout
    private lateinit var note: EditText
    private lateinit var advance: Button
    private lateinit var nextStep: TextView
    private lateinit var due: EditText
    private lateinit var followUpMessage: TextView
    private lateinit var receipt: ImageView
    private lateinit var receiptNumber: TextView
    private var current: CaseView? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        caseId = intent.getStringExtra(EXTRA_CASE) ?: run {
            finish()
            return
        }
        val s = Screen(this)
        screen = s
        s.heading(R.string.case_title)
        summary = s.label()
        state = s.label()
        decision = s.message()
        s.heading(R.string.case_steps)
        steps = s.section()
        nextStep = s.label()
        note = s.field(R.string.case_note_hint, InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_CAP_SENTENCES or InputType.TYPE_TEXT_FLAG_MULTI_LINE)
        advance = s.button(R.string.case_advance) { advance() }
        s.button(R.string.action_refer) {
            startActivity(Intent(this, ReferralActivity::class.java).putExtra(ReferralActivity.EXTRA_COMPLAINT, caseId))
        }
        s.heading(R.string.case_follow_up)
        due = s.field(R.string.case_follow_up_hint, InputType.TYPE_CLASS_DATETIME)
        followUpMessage = s.message()
        s.button(R.string.case_follow_up_plan) { planFollowUp() }
        s.heading(R.string.case_receipt)
        s.label(R.string.case_receipt_explain)
        receipt = ImageView(this).apply {
            contentDescription = getString(R.string.case_receipt)
            adjustViewBounds = true
        }
        s.add(receipt)
        receiptNumber = s.label()
        s.show()
    }

    override fun onResume() {
        super.onResume()
        refresh()
    }

    private fun refresh() {
        background({ core.records.case(caseId).let { it to core.capture.qr(it.receiptText) } }) { (c, qr) ->
            current = c
            show(c)
            receipt.setImageBitmap(bitmapOf(qr))
            // For a citizen without a camera phone: the number to quote, as the QR carries it.
            receiptNumber.text = getString(R.string.case_receipt_number, c.id.take(8).uppercase())
        }
    }

    private fun show(c: CaseView) {
        val months = resources.getStringArray(R.array.months).toList()
        summary.text = getString(R.string.case_summary, c.complainant, c.description)
        val status = Decisions.statusText(this, c.status)
        state.text = if (c.overdue) getString(R.string.case_state_overdue, status, c.daysOpen) else getString(R.string.case_state, status, c.daysOpen)
        state.setTextColor(if (c.overdue) Screen.ERROR_COLOR else Color.BLACK)
        Screen.showMessage(decision, c.decision?.let { getString(R.string.case_district_says, Decisions.line(this, it)) }, Screen.WARNING_COLOR)
        steps.removeAllViews()
        c.steps.forEach { step ->
            val day = Formats.isoDate(Formats.isoDay(step.atMillis), months)
            screen.label(getString(R.string.case_step_line, day, Decisions.statusText(this, step.status), step.by, step.note), steps)
        }
        val next = c.nextStatus
        advance.isEnabled = next != null
        nextStep.text = if (next == null) getString(R.string.case_closed) else getString(R.string.case_advance_to, Decisions.statusText(this, next))
    }

    private fun advance() {
        val text = note.text.toString()
        background({ core.records.advanceCase(caseId, text) }) {
            note.setText("")
            refresh()
        }
    }

    private fun planFollowUp() {
        val c = current ?: return
        val household = c.householdId
        if (household == null) {
            Screen.showMessage(followUpMessage, getString(R.string.case_follow_up_no_household), Screen.ERROR_COLOR)
            return
        }
        val iso = Formats.isoFromTyped(due.text.toString())
        if (iso == null) {
            Screen.showMessage(followUpMessage, getString(R.string.form_birth_date_unreadable), Screen.ERROR_COLOR)
            return
        }
        val text = note.text.toString()
        background({ core.records.planFollowUp(household, caseId, iso, text) }) {
            Screen.showMessage(followUpMessage, getString(R.string.case_follow_up_planned, Formats.isoDate(iso, resources.getStringArray(R.array.months).toList())), Screen.OK_COLOR)
        }
    }

    /** The receipt drawn at whole pixels per module with a four-module quiet zone, black on white. */
    private fun bitmapOf(qr: QrImage): Bitmap {
        val scale = (screen.dp(240) / (qr.size + 8)).coerceAtLeast(2)
        val side = (qr.size + 8) * scale
        val pixels = IntArray(side * side) { Color.WHITE }
        for (i in 0 until qr.size * qr.size) {
            if (qr.dark[i].toInt() == 0) continue
            val x0 = (i % qr.size + 4) * scale
            val y0 = (i / qr.size + 4) * scale
            for (y in y0 until y0 + scale) for (x in x0 until x0 + scale) pixels[y * side + x] = Color.BLACK
        }
        return Bitmap.createBitmap(pixels, side, side, Bitmap.Config.ARGB_8888)
    }

    companion object {
        const val EXTRA_CASE = "complaint_id"

        fun open(context: Context, caseId: String): Intent = Intent(context, CaseActivity::class.java).putExtra(EXTRA_CASE, caseId)
    }
}
