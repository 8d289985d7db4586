package id.puskesos.field.ui

import android.content.Context
import android.content.Intent
import android.os.Bundle
import android.text.InputType
import android.widget.Button
import android.widget.EditText
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.QuestionView

/**
 * One question the rules asked for, asked as the questionnaire asks it: a tap on one of the
 * answers (yes/no, or a choice from the official list) saves it; a number or a list of
 * programmes is typed. Saved by the core on the household or the member, and the screen
 * closes so eligibility is evaluated again.
 */
class QuestionActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var householdId: String
    private var personId: String? = null
    private lateinit var fact: String
    private lateinit var title: TextView
    private lateinit var problem: TextView

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        householdId = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD) ?: return finish()
        fact = intent.getStringExtra(EXTRA_FACT) ?: return finish()
        personId = intent.getStringExtra(EXTRA_PERSON)
        screen = Screen(this)
        title = screen.heading(R.string.question_title)
        intent.getStringExtra(EXTRA_PERSON_NAME)?.let { screen.label(getString(R.string.question_about, it)) }
        problem = screen.message()
        screen.show()
        background({ core.eligibility.question(fact) }) { q ->
            if (q == null) {
                // Facts of the KK itself (age, sex, relationship, members): corrected on the household.
                Screen.showMessage(problem, getString(R.string.question_on_household), Screen.WARNING_COLOR)
                screen.button(R.string.household_title) {
                    startActivity(Intent(this, HouseholdActivity::class.java).putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, householdId))
                    finish()
                }
            } else {
                build(q)
            }
        }
    }

    private fun build(q: QuestionView) {
        title.text = q.label.pick(lang).replaceFirstChar { it.uppercase() }
        if (q.kind == "yes_no" || q.kind == "choice") screen.label(R.string.question_pick_one)
        when (q.kind) {
            "yes_no", "choice" -> q.choices.forEach { (code, label) ->
                screen.add(Button(this).apply {
                    text = label.pick(lang)
                    isAllCaps = false
                    minHeight = screen.dp(56)
                    setOnClickListener { save(code) }
                })
            }
            else -> {
                val hint = if (q.kind == "number") q.unit?.pick(lang) ?: getString(R.string.question_number_hint) else getString(R.string.question_codes_hint)
                val input = screen.add(EditText(this).apply {
                    this.hint = hint
                    inputType = if (q.kind == "number") InputType.TYPE_CLASS_NUMBER or InputType.TYPE_NUMBER_FLAG_DECIMAL else InputType.TYPE_CLASS_TEXT
                })
                screen.button(R.string.form_save) { save(input.text.toString()) }
            }
        }
    }

    private fun save(value: String) {
        background({ core.eligibility.answer(householdId, personId, fact, value) }) {
            setResult(RESULT_OK)
            finish()
        }
    }

    companion object {
        const val EXTRA_FACT = "fact"
        const val EXTRA_PERSON = "person_id"
        const val EXTRA_PERSON_NAME = "person_name"

        fun open(context: Context, householdId: String, personId: String?, fact: String, personName: String?): Intent =
            Intent(context, QuestionActivity::class.java)
                .putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, householdId)
                .putExtra(EXTRA_FACT, fact)
                .putExtra(EXTRA_PERSON, personId)
                .putExtra(EXTRA_PERSON_NAME, personName)
    }
}
