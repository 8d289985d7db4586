package id.puskesos.field.ui

import android.os.Bundle
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.Spinner
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.RegistryMatch
import id.puskesos.field.core.message
import id.puskesos.field.form.HouseholdForm

/**
 * Is this household in the registry (DTSEN) extract? By NIK, by KK number, or by name. A
 * number is checked by the core first, so a typo is explained instead of reported as "not
 * found".
 */
class RegistryCheckActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var by: Spinner
    private lateinit var query: EditText
    private lateinit var queryMessage: TextView
    private lateinit var results: LinearLayout

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        screen = Screen(this)
        screen.heading(R.string.registry_title)
        by = screen.spinner(listOf(getString(R.string.registry_by_nik), getString(R.string.registry_by_kk), getString(R.string.registry_by_name)))
        query = screen.field(R.string.registry_query_hint)
        queryMessage = screen.message()
        screen.button(R.string.registry_search) { search() }
        results = screen.section()
        screen.show()
    }

    private fun search() {
        val text = query.text.toString()
        val mode = by.selectedItemPosition
        background({
            val issues = when (mode) {
                0 -> core.identity.checkNik(text).issues
                1 -> core.identity.checkKk(text).issues
                else -> emptyList()
            }
            val problem = issues.message(lang)
            if (problem != null) {
                problem to emptyList()
            } else {
                null to when (mode) {
                    0 -> core.registry.byNik(core.identity.normalize(text))
                    1 -> core.registry.byKk(core.identity.normalize(text))
                    else -> core.registry.byName(text, 20)
                }
            }
        }) { (problem, matches) ->
            Screen.showMessage(queryMessage, problem, Screen.ERROR_COLOR)
            show(matches, problem == null)
        }
    }

    private fun show(matches: List<RegistryMatch>, searched: Boolean) {
        results.removeAllViews()
        if (searched && matches.isEmpty()) screen.label(R.string.registry_not_found, results)
        // The extract names relationships by code ("spouse"): shown in the phone's language.
        val relationships = resources.getStringArray(R.array.relationships)
        matches.forEach { m ->
            val desil = m.desil?.let { getString(R.string.registry_desil, it) } ?: getString(R.string.registry_desil_none)
            val relationship = relationships.getOrNull(HouseholdForm.RELATIONSHIPS.indexOf(m.relationship))?.lowercase() ?: m.relationship
            screen.label(getString(R.string.registry_match, m.name, m.nikMasked, relationship, desil, m.extractVersion), results)
        }
    }
}
