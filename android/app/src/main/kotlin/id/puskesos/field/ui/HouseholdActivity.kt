package id.puskesos.field.ui

import android.app.AlertDialog
import android.content.Intent
import android.os.Bundle
import android.text.InputType
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.TextView
import android.widget.Toast
import id.puskesos.field.R
import id.puskesos.field.core.HouseholdView
import id.puskesos.field.core.MemberView
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.core.ProposalRow
import id.puskesos.field.form.HouseholdForm
import id.puskesos.field.format.Formats

/**
 * One recorded household: its KK, members and the questions the family raises (ages that do
 * not fit, members without NIK), and everything a second visit needs from here: correct,
 * add or remove members, the KK's QR kept as evidence, photos, eligibility, a complaint, a
 * proposal with its evidence photos, the history.
 */
class HouseholdActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var householdId: String
    private lateinit var title: TextView
    private lateinit var details: TextView
    private lateinit var kkQr: TextView
    private lateinit var warnings: TextView
    private lateinit var members: LinearLayout
    private lateinit var history: LinearLayout
    private lateinit var proposals: LinearLayout
    private val evidence = EvidencePhoto(this, REQUEST_EVIDENCE) { refresh() }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        evidence.restore(savedInstanceState)
        householdId = intent.getStringExtra(EXTRA_HOUSEHOLD) ?: run {
            finish()
            return
        }
        val s = Screen(this)
        screen = s
        title = s.heading(R.string.household_title)
        details = s.label()
        kkQr = s.label()
        s.button(R.string.household_scan_kk_qr) { startActivityForResult(ScanActivity.kkQr(this), REQUEST_KK_QR) }
        warnings = s.message()
        s.heading(R.string.form_members)
        members = s.section()
        s.button(R.string.household_add_member) { open(CorrectionActivity.addMember(this, householdId)) }
        s.button(R.string.household_correct) { open(CorrectionActivity.household(this, householdId)) }
        s.button(R.string.household_photos) {
            open(Intent(this, PhotoChecklistActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, householdId))
        }
        s.button(R.string.action_eligibility) {
            open(Intent(this, EligibilityActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, householdId))
        }
        s.button(R.string.action_complaint) {
            open(Intent(this, ComplaintActivity::class.java).putExtra(ComplaintActivity.EXTRA_HOUSEHOLD, householdId))
        }
        s.heading(R.string.household_proposals)
        proposals = s.section()
        s.button(R.string.household_new_proposal) {
            open(Intent(this, ProposalActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, householdId))
        }
        s.button(R.string.household_history) { loadHistory() }
        history = s.section()
        s.button(R.string.household_delete) { askReason(R.string.household_delete_title) { reason -> deleteHousehold(reason) } }
            .setTextColor(Screen.ERROR_COLOR)
        s.show()
    }

    override fun onResume() {
        super.onResume()
        refresh()
    }

    private fun open(intent: Intent) = startActivity(intent)

    private fun refresh() {
        background({ core.records.household(householdId) to core.records.proposalsOf(householdId) }) { (h, p) ->
            show(h)
            showProposals(p)
        }
    }

    /** Each proposal with what the district decided; a returned one can be fixed and sent again here. */
    private fun showProposals(list: List<ProposalRow>) {
        proposals.removeAllViews()
        if (list.isEmpty()) screen.label(R.string.home_none, proposals)
        val kinds = mapOf(
            ProposalKind.NEW_ENTRY to getString(R.string.proposal_new),
            ProposalKind.CORRECTION to getString(R.string.proposal_correction),
            ProposalKind.OBJECTION to getString(R.string.proposal_objection),
        )
        list.forEach { p ->
            val status = p.decision?.let { Decisions.statusText(this, it.status) } ?: getString(R.string.decision_submitted)
            val due = Formats.isoDate(p.due, resources.getStringArray(R.array.months).toList())
            val text = getString(R.string.household_proposal_line, kinds[p.kind], status, p.reason) +
                "\n" + getString(R.string.household_proposal_due, due) +
                "\n" + getString(R.string.evidence_count, p.evidence)
            val line = screen.label(text, proposals)
            if (p.returned) {
                line.setTextColor(Screen.ERROR_COLOR)
                screen.label(getString(R.string.household_proposal_returned_reason, p.decision?.note.orEmpty()), proposals)
                screen.button(R.string.household_proposal_resend, proposals) { resend(p) }
            }
            screen.button(R.string.evidence_add, proposals) { evidence.take(householdId, p.id) }
        }
    }

    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        if (evidence.onResult(requestCode, resultCode)) return
        val text = data?.getStringExtra(ScanActivity.EXTRA_RAW)
        if (requestCode == REQUEST_KK_QR && resultCode == RESULT_OK && text != null) {
            background({ core.records.keepKkQr(householdId, text) }) {
                Toast.makeText(this, R.string.kk_qr_saved, Toast.LENGTH_SHORT).show()
                refresh()
            }
        }
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults)
        evidence.onPermission(requestCode, grantResults)
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        evidence.save(outState)
    }

    private fun resend(p: ProposalRow) {
        val input = EditText(this).apply {
            setText(p.reason)
            inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_MULTI_LINE
        }
        AlertDialog.Builder(this)
            .setTitle(R.string.household_proposal_resend)
            .setMessage(p.decision?.note)
            .setView(input)
            .setPositiveButton(R.string.proposal_submit) { _, _ ->
                val reason = input.text.toString()
                background({ core.records.resubmitProposal(p.id, reason) }) { refresh() }
            }
            .setNegativeButton(android.R.string.cancel, null)
            .show()
    }

    private fun show(h: HouseholdView) {
        title.text = h.headName
        details.text = getString(R.string.household_details, h.kkMasked, h.address, h.rt, h.rw)
        kkQr.setText(if (h.kkQrKept) R.string.household_kk_qr_kept else R.string.household_kk_qr_missing)
        kkQr.setTextColor(if (h.kkQrKept) Screen.OK_COLOR else Screen.TEXT_COLOR)
        Screen.showMessage(warnings, h.warnings.joinToString("\n") { it.pick(lang) }.ifEmpty { null }, Screen.WARNING_COLOR)
        members.removeAllViews()
        val labels = resources.getStringArray(R.array.relationships)
        val months = resources.getStringArray(R.array.months).toList()
        h.members.forEach { m -> showMember(m, labels, months) }
    }

    private fun showMember(m: MemberView, labels: Array<String>, months: List<String>) {
        val relationship = labels.getOrElse(HouseholdForm.RELATIONSHIPS.indexOf(m.relationship)) { m.relationship }
        val nik = m.nikMasked ?: getString(R.string.household_no_nik)
        val born = m.birthDate?.let { Formats.isoDate(it, months) } ?: "—"
        val box = screen.section(members)
        screen.label(getString(R.string.household_member_line, m.name, relationship, nik, born), box)
        val actions = screen.row(box)
        screen.button(R.string.household_member_correct, actions) { open(CorrectionActivity.member(this, householdId, m.id)) }
        screen.button(R.string.household_member_delete, actions) {
            askReason(R.string.household_member_delete_title) { reason ->
                background({ core.records.deleteMember(m.id, reason) }) { refresh() }
            }
        }.setTextColor(Screen.ERROR_COLOR)
    }

    private fun loadHistory() {
        background({ core.records.history(householdId) }) { items ->
            history.removeAllViews()
            if (items.isEmpty()) screen.label(R.string.household_history_empty, history)
            val kinds = mapOf(
                "correction" to getString(R.string.history_correction),
                "move" to getString(R.string.history_move),
                "delete" to getString(R.string.history_delete),
            )
            items.forEach { item ->
                val day = Formats.isoDate(Formats.isoDay(item.atMillis), resources.getStringArray(R.array.months).toList())
                val text = buildString {
                    append(getString(R.string.history_line, kinds[item.kind] ?: item.kind, day, item.by, item.reason))
                    item.fields.forEach { append("\n  ").append(fieldLine(it)) }
                }
                screen.label(text, history)
            }
        }
    }

    /** "rt: 003 → 004" with the field's name in the phone's language. */
    private fun fieldLine(line: String): String {
        val field = line.substringBefore(':')
        val label = when (field) {
            "kk_number" -> R.string.field_kk_number
            "address" -> R.string.field_address
            "rt" -> R.string.field_rt
            "rw" -> R.string.field_rw
            "head_name" -> R.string.field_head_name
            "nik" -> R.string.field_nik
            "name" -> R.string.field_name
            "birth_date" -> R.string.field_birth_date
            "sex" -> R.string.field_sex
            "relationship" -> R.string.field_relationship
            "household_id" -> R.string.field_household_id
            "kk_qr_evidence" -> R.string.field_kk_qr
            else -> return line
        }
        return getString(label) + line.removePrefix(field)
    }

    private fun deleteHousehold(reason: String) {
        background({ core.records.deleteHousehold(householdId, reason) }) { finish() }
    }

    /** Deletions need a reason the district will read; an empty one is refused by the core. */
    private fun askReason(title: Int, then: (String) -> Unit) {
        val input = EditText(this).apply {
            setHint(R.string.reason_hint)
            inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_CAP_SENTENCES
        }
        AlertDialog.Builder(this)
            .setTitle(title)
            .setView(input)
            .setPositiveButton(R.string.action_delete) { _, _ -> then(input.text.toString()) }
            .setNegativeButton(android.R.string.cancel, null)
            .show()
    }

    companion object {
        const val EXTRA_HOUSEHOLD = "household_id"
        private const val REQUEST_EVIDENCE = 41
        private const val REQUEST_KK_QR = 42
    }
}
