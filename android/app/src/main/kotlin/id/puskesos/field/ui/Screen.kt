package id.puskesos.field.ui

import android.app.Activity
import android.graphics.Color
import android.graphics.Typeface
import android.text.InputType
import android.util.TypedValue
import android.view.View
import android.view.ViewGroup
import android.widget.ArrayAdapter
import android.widget.Button
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.Spinner
import android.widget.TextView

/**
 * Screens are built in code from framework widgets: no layout XML to keep in step with an R
 * class we cannot generate here, no AndroidX, and every view call is checked by the compiler
 * against the Android 15 framework jar. All visible text comes from string resources.
 */
class Screen(private val activity: Activity) {
    val root: LinearLayout = LinearLayout(activity).apply {
        orientation = LinearLayout.VERTICAL
        val pad = dp(16)
        setPadding(pad, pad, pad, pad)
    }

    fun dp(value: Int): Int =
        TypedValue.applyDimension(TypedValue.COMPLEX_UNIT_DIP, value.toFloat(), activity.resources.displayMetrics).toInt()

    /** Wraps the column in a ScrollView: long forms on small screens. */
    fun show() {
        activity.setContentView(ScrollView(activity).apply { addView(root) })
    }

    fun <V : View> add(view: V, parent: ViewGroup = root): V {
        parent.addView(view, LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT).apply {
            topMargin = dp(6)
        })
        return view
    }

    fun heading(text: Int, parent: ViewGroup = root): TextView =
        add(TextView(activity).apply {
            setText(text)
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 20f)
            setTypeface(typeface, Typeface.BOLD)
        }, parent)

    fun label(text: CharSequence = "", parent: ViewGroup = root): TextView =
        add(TextView(activity).apply {
            this.text = text
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 16f)
        }, parent)

    fun label(text: Int, parent: ViewGroup = root): TextView = label(activity.getText(text), parent)

    /** A line under a field for the core's messages: red for errors, amber for warnings. */
    fun message(parent: ViewGroup = root): TextView =
        add(TextView(activity).apply {
            visibility = View.GONE
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 14f)
        }, parent)

    fun field(hint: Int, type: Int = InputType.TYPE_CLASS_TEXT, parent: ViewGroup = root): EditText =
        add(EditText(activity).apply {
            setHint(hint)
            inputType = type
            isSingleLine = type and InputType.TYPE_TEXT_FLAG_MULTI_LINE == 0
        }, parent)

    fun numberField(hint: Int, parent: ViewGroup = root): EditText = field(hint, InputType.TYPE_CLASS_NUMBER, parent)

    fun button(text: Int, parent: ViewGroup = root, onClick: () -> Unit): Button =
        add(Button(activity).apply {
            setText(text)
            setOnClickListener { onClick() }
        }, parent)

    fun spinner(items: List<String>, parent: ViewGroup = root): Spinner =
        add(Spinner(activity).apply {
            adapter = ArrayAdapter(activity, android.R.layout.simple_spinner_dropdown_item, items)
        }, parent)

    /**
     * A line of a list that opens something: the whole line is the touch target (at least
     * 56 dp high, as thumbs on a cheap phone need), with its text read out as one item.
     */
    fun item(text: CharSequence, parent: ViewGroup = root, onClick: () -> Unit): TextView =
        add(TextView(activity).apply {
            this.text = text
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 16f)
            minHeight = dp(56)
            val pad = dp(12)
            setPadding(pad, pad, pad, pad)
            setBackgroundColor(ITEM_BACKGROUND)
            isClickable = true
            isFocusable = true
            setOnClickListener { onClick() }
        }, parent)

    fun section(parent: ViewGroup = root): LinearLayout =
        add(LinearLayout(activity).apply { orientation = LinearLayout.VERTICAL }, parent)

    fun row(parent: ViewGroup = root): LinearLayout =
        add(LinearLayout(activity).apply { orientation = LinearLayout.HORIZONTAL }, parent)

    companion object {
        val ERROR_COLOR: Int = Color.rgb(0xB0, 0x00, 0x20)
        val WARNING_COLOR: Int = Color.rgb(0x8A, 0x5A, 0x00)
        val OK_COLOR: Int = Color.rgb(0x1B, 0x5E, 0x20)
        /** A list line's background: light enough for black text in sunlight. */
        val ITEM_BACKGROUND: Int = Color.rgb(0xEE, 0xF2, 0xF6)

        fun showMessage(view: TextView, text: String?, color: Int) {
            view.text = text.orEmpty()
            view.setTextColor(color)
            view.visibility = if (text.isNullOrEmpty()) View.GONE else View.VISIBLE
        }
    }
}
