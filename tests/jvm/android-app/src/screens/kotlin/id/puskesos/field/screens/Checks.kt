package id.puskesos.field.screens

import android.graphics.Bitmap
import android.graphics.Rect
import android.view.View
import android.view.ViewGroup
import android.widget.AbsListView
import android.widget.AdapterView
import android.widget.EditText
import android.widget.HorizontalScrollView
import android.widget.ScrollView
import android.widget.TextView
import com.google.android.apps.common.testing.accessibility.framework.AccessibilityCheckPreset
import com.google.android.apps.common.testing.accessibility.framework.AccessibilityCheckResult.AccessibilityCheckResultType
import com.google.android.apps.common.testing.accessibility.framework.AccessibilityHierarchyCheck
import com.google.android.apps.common.testing.accessibility.framework.Parameters
import com.google.android.apps.common.testing.accessibility.framework.uielement.AccessibilityHierarchyAndroid
import com.google.android.apps.common.testing.accessibility.framework.uielement.ViewHierarchyElement
import com.google.android.apps.common.testing.accessibility.framework.utils.contrast.BitmapImage
import java.util.Locale
import kotlin.math.max
import kotlin.math.min
import kotlin.math.pow

/** What the checks found on one shot (all its pages), each problem once. */
class Findings(private val shot: String) {
    enum class Severity { ERROR, WARNING }

    private class Finding(val severity: Severity, val source: String, val message: String, val where: String, val page: Int?)

    private val found = LinkedHashMap<String, Finding>()

    /** Records a problem; the same problem of the same view on a later page is not repeated. */
    fun add(severity: Severity, source: String, message: String, view: String, where: String, page: Int?) {
        val key = "$severity|$source|$message|$view"
        if (key in found) return
        found[key] = Finding(severity, source, message, "$view$where", page)
    }

    fun lines(): List<String> =
        found.values.sortedBy { it.severity }.map {
            val page = it.page?.let { p -> " (page $p)" }.orEmpty()
            "${it.severity.name.padEnd(7)} $shot$page  ${it.source}: ${it.message} — ${it.where}"
        }

    fun errors(): List<String> = found.values.filter { it.severity == Severity.ERROR }.map { "${it.source}: ${it.message} — ${it.where}" }
}

/**
 * The checks on each drawn page: Google's Accessibility Test Framework (every check of its
 * LATEST preset, with the drawn pixels as its screen capture), then what ATF does not look at:
 * text cut off or overlapping, and the contrast of each text with the pixels behind it.
 */
object Checks {
    private val atfChecks: List<AccessibilityHierarchyCheck> by lazy {
        AccessibilityCheckPreset.getAccessibilityHierarchyChecksForPreset(AccessibilityCheckPreset.LATEST).toList()
    }

    fun run(root: View, bitmap: Bitmap, findings: Findings, page: Int?) {
        val content = root.findViewById<View>(android.R.id.content) ?: root
        atf(root, bitmap, findings, page)
        if (page == null || page == 1) layout(content, findings)
        contrast(content, bitmap, findings, page)
    }

    // --- Accessibility Test Framework ---------------------------------------------------------

    private fun atf(root: View, bitmap: Bitmap, findings: Findings, page: Int?) {
        val hierarchy = AccessibilityHierarchyAndroid.newBuilder(root).build()
        val parameters = Parameters().apply { putScreenCapture(BitmapImage(bitmap)) }
        val density = root.resources.displayMetrics.density
        for (check in atfChecks) {
            for (result in check.runCheckOnHierarchy(hierarchy, null, parameters)) {
                val severity = when (result.type) {
                    AccessibilityCheckResultType.ERROR -> Findings.Severity.ERROR
                    AccessibilityCheckResultType.WARNING -> Findings.Severity.WARNING
                    else -> null
                } ?: continue
                val element = result.element
                // On a screen drawn page by page, a view cut by the page's edge is checked whole
                // on the next page (pages overlap by 48 dp): ATF would report the cut size.
                if (page != null && element != null && cutByPage(element)) continue
                findings.add(
                    severity,
                    "ATF ${check.javaClass.simpleName}",
                    result.getMessage(Locale.ENGLISH).toString(),
                    element?.let(::describe) ?: "the screen",
                    element?.let { where(it, density) }.orEmpty(),
                    page,
                )
            }
        }
    }

    private fun cutByPage(e: ViewHierarchyElement): Boolean {
        val full = e.nonclippedHeight ?: return false
        return e.boundsInScreen.height < full
    }

    private fun describe(e: ViewHierarchyElement): String {
        val kind = e.className?.toString()?.substringAfterLast('.') ?: "View"
        val text = e.text?.toString()?.takeIf { it.isNotBlank() }
            ?: e.contentDescription?.toString()?.takeIf { it.isNotBlank() }
            ?: e.hintText?.toString()?.takeIf { it.isNotBlank() }
        return if (text == null) kind else "$kind \"${text.take(60)}\""
    }

    private fun where(e: ViewHierarchyElement, density: Float): String {
        val b = e.boundsInScreen
        return " at ${dp(b.left, density)},${dp(b.top, density)} ${dp(b.width, density)}×${dp(b.height, density)} dp"
    }

    // --- Text cut off, views that do not fit or overlap --------------------------------------

    private fun layout(content: View, findings: Findings) {
        val density = content.resources.displayMetrics.density
        fun error(message: String, view: View) = findings.add(Findings.Severity.ERROR, "layout", message, describe(view), where(view, density), null)
        fun warning(message: String, view: View) = findings.add(Findings.Severity.WARNING, "layout", message, describe(view), where(view, density), null)

        for (view in shown(content)) {
            val hasText = view is TextView && (!view.text.isNullOrEmpty() || !view.hint.isNullOrEmpty())
            if ((view.width == 0 || view.height == 0) && (hasText || view.isClickable)) {
                error("no room on screen (${dp(view.width, density)}×${dp(view.height, density)} dp): it cannot be seen or tapped", view)
                continue
            }
            if (view is TextView) textFits(view, density, ::error, ::warning)
            if (view is ViewGroup && view !is ScrollView && view !is HorizontalScrollView && view !is AbsListView && view !is AdapterView<*>) {
                childrenFit(view, density, ::error)
            }
        }
    }

    private fun textFits(view: TextView, density: Float, error: (String, View) -> Unit, warning: (String, View) -> Unit) {
        val availableWidth = view.width - view.compoundPaddingLeft - view.compoundPaddingRight
        val availableHeight = view.height - view.compoundPaddingTop - view.compoundPaddingBottom
        val layout = view.layout ?: return
        if (view.text.isNotEmpty()) {
            val cut = (0 until layout.lineCount).sumOf { layout.getEllipsisCount(it) }
            if (cut > 0) error("text cut short with an ellipsis ($cut characters hidden)", view)
            if (view !is EditText) {
                if (layout.height > availableHeight + 1) {
                    error("text is taller than its box: needs ${dp(layout.height, density)} dp, has ${dp(availableHeight, density)} dp", view)
                }
                // Only a one-line text can be too wide: longer text wraps (a word too long for
                // the line is broken, which the check below reports).
                if (view.maxLines == 1) {
                    val width = layout.getLineWidth(0)
                    if (width > availableWidth + 1) error("text is wider than its box: needs ${dp(width.toInt(), density)} dp, has ${dp(availableWidth, density)} dp", view)
                }
                val text = view.text
                for (line in 0 until layout.lineCount - 1) {
                    val end = layout.getLineEnd(line)
                    if (end in 1 until text.length && text[end - 1].isLetterOrDigit() && text[end].isLetterOrDigit()) {
                        warning("a word is broken across lines (\"${text.substring(layout.getLineStart(line), end).takeLast(12)}|${text.substring(end).take(8)}\")", view)
                    }
                }
            }
        } else if (!view.hint.isNullOrEmpty() && view.maxLines == 1) {
            val needed = view.paint.measureText(view.hint.toString())
            if (needed > availableWidth + 1) error("hint is cut off: needs ${dp(needed.toInt(), density)} dp, has ${dp(availableWidth, density)} dp", view)
        }
    }

    private fun childrenFit(group: ViewGroup, density: Float, error: (String, View) -> Unit) {
        val children = (0 until group.childCount).map(group::getChildAt).filter { it.visibility == View.VISIBLE && it.width > 0 && it.height > 0 }
        for (c in children) {
            if (c.left < 0 || c.top < 0 || c.right > group.width || c.bottom > group.height) {
                error("sticks out of its parent (${dp(group.width, density)}×${dp(group.height, density)} dp)", c)
            }
        }
        for (i in children.indices) for (j in i + 1 until children.size) {
            val a = children[i]
            val b = children[j]
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
                error("overlaps ${describe(b)}${where(b, density)}", a)
            }
        }
    }

    // --- Contrast with what is actually drawn behind the text --------------------------------

    /**
     * For each text fully on the page: its colour (the hint's when the field is empty) against
     * the colour most of its box is drawn in. WCAG's minimum (4.5:1, 3:1 for large text) is an
     * error; under the enhanced level (7:1, 4.5:1 for large text), what stays readable in bright
     * sun on a dim cheap screen, a warning. Text under 14 sp is a warning too.
     */
    private fun contrast(content: View, bitmap: Bitmap, findings: Findings, page: Int?) {
        val density = content.resources.displayMetrics.density
        val rect = Rect()
        for (view in shown(content).filterIsInstance<TextView>()) {
            if (!view.isEnabled || view.width == 0 || view.height == 0) continue
            val showsHint = view.text.isNullOrEmpty()
            if (showsHint && view.hint.isNullOrEmpty()) continue
            if (!view.getGlobalVisibleRect(rect) || rect.width() < view.width || rect.height() < view.height) continue
            if (rect.right > bitmap.width || rect.bottom > bitmap.height) continue
            val background = dominantColour(bitmap, rect) ?: continue
            val raw = if (showsHint) view.currentHintTextColor else view.currentTextColor
            val foreground = over(raw, background)
            val ratio = ratio(foreground, background)
            val sp = view.textSize / (view.resources.displayMetrics.density * view.resources.configuration.fontScale)
            val bold = view.typeface?.isBold == true
            val large = sp >= 24f || (bold && sp >= 18.66f)
            val minimum = if (large) 3.0 else 4.5
            val enhanced = if (large) 4.5 else 7.0
            val what = if (showsHint) "hint" else "text"
            val colours = "%06X on %06X".format(foreground and 0xFFFFFF, background and 0xFFFFFF)
            val severity = when {
                ratio < minimum -> Findings.Severity.ERROR
                ratio < enhanced -> Findings.Severity.WARNING
                else -> null
            }
            if (severity != null) {
                val level = if (severity == Findings.Severity.ERROR) "below WCAG's minimum %.1f:1".format(minimum) else "below %.1f:1, faint in bright sun".format(enhanced)
                findings.add(severity, "contrast", "$what contrast %.2f:1 ($colours), $level".format(ratio), describe(view), where(view, density), page)
            }
            if (sp < 13.95f) findings.add(Findings.Severity.WARNING, "text size", "$what is %.0f sp (under 14 sp)".format(sp), describe(view), where(view, density), page)
        }
    }

    /** The colour most pixels of [rect] have: the box's background, whatever text is on it. */
    private fun dominantColour(bitmap: Bitmap, rect: Rect): Int? {
        val w = rect.width()
        val h = rect.height()
        if (w <= 0 || h <= 0) return null
        val pixels = IntArray(w * h)
        bitmap.getPixels(pixels, 0, w, rect.left, rect.top, w, h)
        return pixels.asSequence().groupingBy { it }.eachCount().maxByOrNull { it.value }?.key
    }

    /** [colour] as it shows over [background] (alpha blended). */
    private fun over(colour: Int, background: Int): Int {
        val a = (colour ushr 24) / 255.0
        fun mix(shift: Int) = ((colour shr shift and 0xFF) * a + (background shr shift and 0xFF) * (1 - a)).toInt()
        return (0xFF shl 24) or (mix(16) shl 16) or (mix(8) shl 8) or mix(0)
    }

    private fun luminance(colour: Int): Double {
        fun channel(shift: Int): Double {
            val c = (colour shr shift and 0xFF) / 255.0
            return if (c <= 0.03928) c / 12.92 else ((c + 0.055) / 1.055).pow(2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    fun ratio(a: Int, b: Int): Double {
        val la = luminance(a)
        val lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    // --- Helpers ------------------------------------------------------------------------------

    /** Every view under [root] that is shown (itself and its parents visible). */
    private fun shown(root: View): List<View> {
        val all = mutableListOf<View>()
        fun walk(v: View) {
            if (v.visibility != View.VISIBLE) return
            all += v
            if (v is ViewGroup) (0 until v.childCount).forEach { walk(v.getChildAt(it)) }
        }
        walk(root)
        return all
    }

    private fun describe(view: View): String {
        val kind = view.javaClass.simpleName
        val text = (view as? TextView)?.let { it.text?.toString()?.takeIf(String::isNotBlank) ?: it.hint?.toString() }
            ?: view.contentDescription?.toString()
        return if (text.isNullOrBlank()) kind else "$kind \"${text.take(60)}\""
    }

    private fun where(view: View, density: Float): String {
        val at = IntArray(2)
        view.getLocationInWindow(at)
        return " at ${dp(at[0], density)},${dp(at[1], density)} ${dp(view.width, density)}×${dp(view.height, density)} dp"
    }

    private fun dp(px: Int, density: Float): Int = Math.round(px / density)
}
