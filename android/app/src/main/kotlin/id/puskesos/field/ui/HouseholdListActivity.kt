package id.puskesos.field.ui

import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import android.text.Editable
import android.text.InputType
import android.text.TextWatcher
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.HouseholdRow

/**
 * The village's recorded households, found the way a pillar asks at the door: a name as it
 * is said (any member's, any spelling), the last digits of the KK or a NIK, or "RT 3 RW 1".
 * The core does the matching; this screen only asks as the person types. Another screen may
 * open it to choose a household ([pick]): a tap then answers with it.
 */
class HouseholdListActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var search: EditText
    private lateinit var count: TextView
    private lateinit var results: LinearLayout
    private val typing = Handler(Looper.getMainLooper())
    private val runSearch = Runnable { refresh() }

    /** Opened to choose a household for another screen: a tap answers with it ([pick]). */
    private val picking: Boolean get() = intent.getBooleanExtra(EXTRA_PICK, false)

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        screen = Screen(this)
        screen.heading(if (picking) R.string.households_pick_title else R.string.households_title)
        screen.label(R.string.households_search_explain)
        search = screen.field(R.string.households_search_hint, InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS)
        search.addTextChangedListener(object : TextWatcher {
            override fun beforeTextChanged(s: CharSequence?, start: Int, count: Int, after: Int) = Unit

            override fun onTextChanged(s: CharSequence?, start: Int, before: Int, count: Int) = Unit

            // A search per pause in typing, not per key: the phone stays responsive.
            override fun afterTextChanged(s: Editable?) {
                typing.removeCallbacks(runSearch)
                typing.postDelayed(runSearch, TYPING_PAUSE_MS)
            }
        })
        screen.button(R.string.action_new_household) {
            // While choosing, a family not recorded yet is recorded and chosen at once.
            if (picking) {
                startActivityForResult(HouseholdFormActivity.forResult(this), REQUEST_NEW)
            } else {
                startActivity(Intent(this, HouseholdFormActivity::class.java))
            }
        }
        count = screen.label()
        results = screen.section()
        screen.show()
    }

    override fun onResume() {
        super.onResume()
        refresh()
    }

    override fun onDestroy() {
        typing.removeCallbacks(runSearch)
        super.onDestroy()
    }

    private fun refresh() {
        val query = search.text.toString()
        background({ core.records.findHouseholds(query, LIMIT) }) { rows -> show(query, rows) }
    }

    private fun show(query: String, rows: List<HouseholdRow>) {
        results.removeAllViews()
        count.text = when {
            rows.isEmpty() && query.isBlank() -> getString(R.string.households_none_yet)
            rows.isEmpty() -> getString(R.string.households_none_found, query.trim())
            else -> getString(R.string.households_count, rows.size)
        }
        rows.forEach { row ->
            val lines = buildString {
                append(row.headName)
                append('\n').append(getString(R.string.households_line, row.kkMasked, row.rt, row.rw, row.members))
                append('\n').append(row.address)
                row.matchedMember?.let { append('\n').append(getString(R.string.households_matched, it)) }
            }
            screen.item(lines, results) {
                if (picking) {
                    picked(row.id)
                } else {
                    startActivity(Intent(this, HouseholdActivity::class.java).putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, row.id))
                }
            }
        }
    }

    private fun picked(householdId: String) {
        setResult(RESULT_OK, Intent().putExtra(EXTRA_PICKED, householdId))
        finish()
    }

    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        val saved = data?.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD)
        if (requestCode == REQUEST_NEW && resultCode == RESULT_OK && saved != null) picked(saved)
    }

    companion object {
        const val TYPING_PAUSE_MS = 300L
        const val LIMIT = 200
        private const val EXTRA_PICK = "pick"

        /** The chosen household's id, in the result of [pick]. */
        const val EXTRA_PICKED = "household_id"
        private const val REQUEST_NEW = 50

        /** The list for choosing a household: answers RESULT_OK with [EXTRA_PICKED]. */
        fun pick(context: Context): Intent = Intent(context, HouseholdListActivity::class.java).putExtra(EXTRA_PICK, true)
    }
}
