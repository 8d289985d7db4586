package id.puskesos.field.ui

import android.app.Activity
import android.content.Context
import android.content.res.ColorStateList
import android.graphics.Color
import android.graphics.Typeface
import android.text.InputType
import android.util.TypedValue
import android.view.View
import android.view.ViewGroup
import android.widget.ArrayAdapter
import android.widget.Button
import android.widget.CompoundButton
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.Spinner
import android.widget.Switch
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

    /**
     * Wraps the column in a ScrollView: long forms on small screens. Apps targeting Android 15
     * are drawn edge to edge, and the framework's action bar then lies over the content: the
     * ScrollView takes the insets it is given (status bar, action bar, navigation bar) as
     * padding, so the screen's title is not hidden under the action bar.
     */
    fun show() {
        activity.setContentView(ScrollView(activity).apply {
            fitsSystemWindows = true
            addView(root)
        })
    }

    /**
     * Adds [view] under [parent]: full width in a column; in a [row], an equal share of the
     * width with a gap between. Anything a finger uses is at least 48 dp high.
     */
    fun <V : View> add(view: V, parent: ViewGroup = root): V {
        val params = if (parent.isRow) {
            LinearLayout.LayoutParams(0, ViewGroup.LayoutParams.WRAP_CONTENT, 1f).apply {
                if (parent.childCount > 0) marginStart = dp(8)
            }
        } else {
            // What follows a button starts a new group (a checklist line after the previous
            // line's "Ambil foto"): more room above it, so each label sits with its button.
            val afterButton = parent.childCount > 0 && parent.getChildAt(parent.childCount - 1) is Button && view !is Button
            LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT).apply {
                topMargin = dp(if (afterButton) 18 else 6)
            }
        }
        if (view is EditText || view is CompoundButton) (view as TextView).minHeight = dp(TOUCH_DP)
        if (view is CompoundButton) {
            view.setTextSize(TypedValue.COMPLEX_UNIT_SP, 17f)
            view.setTextColor(TEXT_COLOR)
        }
        if (view is Switch) {
            // The theme's off thumb is near white on the near-white window: which way it is
            // set cannot be seen in the sun. Dark grey off, green on.
            val checked = intArrayOf(android.R.attr.state_checked)
            view.thumbTintList = ColorStateList(arrayOf(checked, intArrayOf()), intArrayOf(OK_COLOR, OFF_COLOR))
            view.trackTintList = ColorStateList(arrayOf(checked, intArrayOf()), intArrayOf(OK_COLOR, OFF_COLOR))
        }
        if (view is Spinner) view.minimumHeight = dp(TOUCH_DP)
        parent.addView(view, params)
        return view
    }

    fun heading(text: Int, parent: ViewGroup = root): TextView =
        add(TextView(activity).apply {
            setText(text)
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 22f)
            setTypeface(typeface, Typeface.BOLD)
            setTextColor(TEXT_COLOR)
        }, parent)

    fun label(text: CharSequence = "", parent: ViewGroup = root): TextView =
        add(TextView(activity).apply {
            this.text = text
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 17f)
            setTextColor(TEXT_COLOR)
        }, parent)

    fun label(text: Int, parent: ViewGroup = root): TextView = label(activity.getText(text), parent)

    /** A line under a field for the core's messages: red for errors, amber for warnings. */
    fun message(parent: ViewGroup = root): TextView =
        add(TextView(activity).apply {
            visibility = View.GONE
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 15f)
        }, parent)

    /**
     * A text field. Its [hint] names it while it is empty; once something is typed the same
     * words stay above it as a label, so a half-filled form still says which box is the RT and
     * which the RW, or which number is the KK. The label's room is kept while it is hidden,
     * so the form does not jump under the finger at the first key.
     */
    fun field(hint: Int, type: Int = InputType.TYPE_CLASS_TEXT, parent: ViewGroup = root): EditText {
        // In a row, the label and its field share one column.
        val column = if (parent.isRow) add(LinearLayout(activity).apply { orientation = LinearLayout.VERTICAL }, parent) else parent
        val label = add(TextView(activity).apply {
            setText(hint)
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 14f)
            setTextColor(LABEL_COLOR)
            visibility = View.INVISIBLE
            // For the eye only: the field's hint is its name for TalkBack (read with the text
            // since Android 8), so the name is not read twice.
            importantForAccessibility = View.IMPORTANT_FOR_ACCESSIBILITY_NO
        }, column)
        val field = add(LabelledField(activity).apply {
            setHint(hint)
            setHintTextColor(HINT_COLOR)
            setTextColor(TEXT_COLOR)
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 17f)
            inputType = type
            isSingleLine = type and InputType.TYPE_TEXT_FLAG_MULTI_LINE == 0
        }, column)
        (field.layoutParams as LinearLayout.LayoutParams).topMargin = 0
        field.label = label
        return field
    }

    fun numberField(hint: Int, parent: ViewGroup = root): EditText = field(hint, InputType.TYPE_CLASS_NUMBER, parent)

    /** Sentence case, 16 sp: long Indonesian labels read faster and fit better than in capitals. */
    fun button(text: Int, parent: ViewGroup = root, onClick: () -> Unit): Button =
        add(Button(activity).apply {
            setText(text)
            isAllCaps = false
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 16f)
            setOnClickListener { onClick() }
        }, parent)

    fun spinner(items: List<String>, parent: ViewGroup = root): Spinner =
        add(Spinner(activity).apply { adapter = choices(items) }, parent)

    /**
     * A spinner's choices whose lines wrap instead of ending in "…": an institution's full
     * name is what tells two Puskesmas apart, on a 360 dp screen as on a big one.
     */
    fun choices(items: List<String>): ArrayAdapter<String> =
        object : ArrayAdapter<String>(activity, android.R.layout.simple_spinner_dropdown_item, items) {
            override fun getView(position: Int, convertView: View?, parent: ViewGroup): View =
                wrap(super.getView(position, convertView, parent))

            override fun getDropDownView(position: Int, convertView: View?, parent: ViewGroup): View =
                wrap(super.getDropDownView(position, convertView, parent))

            private fun wrap(view: View): View {
                (view as? TextView)?.apply {
                    isSingleLine = false
                    maxLines = 4
                    ellipsize = null
                    minHeight = dp(48)
                }
                view.layoutParams?.height = ViewGroup.LayoutParams.WRAP_CONTENT
                return view
            }
        }

    /**
     * A line of a list that opens something: the whole line is the touch target (at least
     * 56 dp high, as thumbs on a cheap phone need), with its text read out as one item.
     */
    fun item(text: CharSequence, parent: ViewGroup = root, onClick: () -> Unit): TextView =
        add(TextView(activity).apply {
            this.text = text
            setTextColor(TEXT_COLOR)
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 17f)
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

    /** Views side by side, each an equal share of the width. */
    fun row(parent: ViewGroup = root): LinearLayout =
        add(LinearLayout(activity).apply { orientation = LinearLayout.HORIZONTAL }, parent)

    /** A field whose label (above it) is shown while it has text and goes when it is hidden. */
    private class LabelledField(context: Context) : EditText(context) {
        var label: TextView? = null
            set(value) {
                field = value
                syncLabel()
            }

        override fun setVisibility(visibility: Int) {
            super.setVisibility(visibility)
            syncLabel()
        }

        override fun onTextChanged(text: CharSequence?, start: Int, lengthBefore: Int, lengthAfter: Int) {
            super.onTextChanged(text, start, lengthBefore, lengthAfter)
            syncLabel()
        }

        private fun syncLabel() {
            label?.visibility = when {
                visibility == View.GONE -> View.GONE
                text.isNullOrEmpty() -> View.INVISIBLE
                else -> View.VISIBLE
            }
        }
    }

    private val ViewGroup.isRow: Boolean get() = this is LinearLayout && orientation == LinearLayout.HORIZONTAL

    /**
     * Colours for a dim screen in bright sun, each at least 7:1 against the window's #FAFAFA
     * (tests/jvm/screens.sh checks every screen): the theme's grey body text and hints were
     * 4.6:1 and 2.5:1.
     */
    companion object {
        /** Smallest height for anything tapped. */
        const val TOUCH_DP = 48
        val TEXT_COLOR: Int = Color.rgb(0x1F, 0x1F, 0x1F)
        val LABEL_COLOR: Int = Color.rgb(0x42, 0x42, 0x42)
        val HINT_COLOR: Int = Color.rgb(0x54, 0x54, 0x54)
        val ERROR_COLOR: Int = Color.rgb(0xB0, 0x00, 0x20)
        val WARNING_COLOR: Int = Color.rgb(0x6D, 0x4C, 0x00)
        val OK_COLOR: Int = Color.rgb(0x1B, 0x5E, 0x20)
        /** A list line's background: light enough for black text in sunlight. */
        val ITEM_BACKGROUND: Int = Color.rgb(0xEE, 0xF2, 0xF6)

        /** A switch that is off. */
        val OFF_COLOR: Int = Color.rgb(0x61, 0x61, 0x61)

        fun showMessage(view: TextView, text: String?, color: Int) {
            view.text = text.orEmpty()
            view.setTextColor(color)
            view.visibility = if (text.isNullOrEmpty()) View.GONE else View.VISIBLE
        }
    }
}
