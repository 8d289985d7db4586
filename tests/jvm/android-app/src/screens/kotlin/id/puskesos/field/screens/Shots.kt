package id.puskesos.field.screens

import android.app.Activity
import android.graphics.Bitmap
import android.graphics.Canvas
import android.graphics.Color
import android.os.Looper
import android.view.View
import android.view.ViewGroup
import android.widget.ScrollView
import id.puskesos.field.PuskesosApp
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowDialog
import java.io.File
import java.io.FileOutputStream
import java.util.concurrent.ThreadPoolExecutor

/**
 * Draws a screen as the phone shows it and checks what is drawn: [capture] waits for the core
 * calls the screen started, draws the activity's window (and a dialog on top of it, if one is
 * showing) into a PNG, and runs the Accessibility Test Framework and the layout checks
 * ([Checks]) on the same view tree and pixels. A screen taller than the phone is drawn page by
 * page, scrolled as a person would (`<screen>-<state>-p2.png`, …), and each page is checked.
 *
 * Images and findings go to `<screens dir>/<device>/<language>/`: `<screen>-<state>.png` and
 * `<screen>-<state>.txt` (one finding a line, ERROR or WARNING first), which screens.sh
 * gathers into report.txt.
 */
object Shots {
    /** Where screens.sh wants the images (the surefire property), else the module's target. */
    val root: File by lazy {
        File(System.getProperty("puskesos.screens.dir")?.takeIf { it.isNotBlank() } ?: "target/screens")
    }

    private var device = Device.SMALL
    private var language = Language.ID
    private val errors = mutableListOf<String>()

    /** How many images this JVM wrote, for the summary. */
    var images = 0
        private set

    fun begin(device: Device, language: Language) {
        this.device = device
        this.language = language
        errors.clear()
    }

    /** The errors of the shots since [begin]. */
    fun end(): List<String> = errors.toList().also { errors.clear() }

    private val folder: File get() = File(root, "${device.label}/${language.label}").apply { mkdirs() }

    /**
     * Draws [activity] in its current state as `<screen>-<state>` and checks it. Waits first
     * for the work the screen handed to the app's worker threads and the answers they posted.
     */
    fun capture(activity: Activity, screen: String, state: String) {
        require(Regex("[a-z0-9-]+").matches(screen) && Regex("[a-z0-9-]+").matches(state)) { "lower-case names with dashes: $screen-$state" }
        quiesce()
        val name = "$screen-$state"
        val decor = activity.window.decorView
        layOut(decor)
        val findings = Findings(name)
        val dialog = ShadowDialog.getShownDialogs().lastOrNull { it.isShowing }
        if (dialog != null) {
            // A dialog covers the screen: one image, the activity dimmed under the dialog.
            val under = draw(decor)
            val box = dialog.window!!.decorView
            layOut(box, dialogWidth(decor))
            val over = draw(box)
            val left = (under.width - over.width) / 2
            val top = (under.height - over.height) / 2
            Canvas(under).apply {
                drawColor(Color.argb(0x99, 0, 0, 0))
                drawBitmap(over, left.toFloat(), top.toFloat(), null)
            }
            save(under, name)
            Checks.run(box, over, findings, page = null)
        } else {
            val scroll = scrollContainer(activity)
            val pages = pageOffsets(scroll)
            pages.forEachIndexed { i, y ->
                scroll?.scrollTo(0, y)
                val bitmap = draw(decor)
                save(bitmap, if (i == 0) name else "$name-p${i + 1}")
                Checks.run(decor, bitmap, findings, page = if (pages.size > 1) i + 1 else null)
            }
            scroll?.scrollTo(0, 0)
        }
        File(folder, "$name.txt").writeText(findings.lines().joinToString("") { "$it\n" })
        errors += findings.errors().map { "$name: $it" }
    }

    /** Runs the main looper and the app's worker threads until neither has anything left. */
    fun quiesce() {
        val pool = (RuntimeEnvironment.getApplication() as PuskesosApp).work as ThreadPoolExecutor
        val deadline = System.nanoTime() + 10_000_000_000L
        var quietRounds = 0
        while (quietRounds < 3) {
            shadowOf(Looper.getMainLooper()).idle()
            val busy = pool.activeCount > 0 || pool.queue.isNotEmpty()
            quietRounds = if (busy) 0 else quietRounds + 1
            check(System.nanoTime() < deadline) { "the screen's background work did not finish in 10 s" }
            Thread.sleep(if (busy) 10 else 2)
        }
        shadowOf(Looper.getMainLooper()).idle()
    }

    /** Measures and lays [view] out again at its window's size (or [width] for a dialog). */
    private fun layOut(view: View, width: Int? = null) {
        val metrics = view.resources.displayMetrics
        if (width == null) {
            view.measure(exactly(metrics.widthPixels), exactly(metrics.heightPixels))
        } else {
            view.measure(View.MeasureSpec.makeMeasureSpec(width, View.MeasureSpec.AT_MOST), View.MeasureSpec.makeMeasureSpec(metrics.heightPixels, View.MeasureSpec.AT_MOST))
        }
        view.layout(0, 0, view.measuredWidth, view.measuredHeight)
    }

    /** The framework's alert dialog is at most the screen width less its insets, as on a phone. */
    private fun dialogWidth(decor: View): Int = decor.resources.displayMetrics.widthPixels - (decor.resources.displayMetrics.density * 48).toInt()

    private fun exactly(px: Int) = View.MeasureSpec.makeMeasureSpec(px, View.MeasureSpec.EXACTLY)

    private fun draw(view: View): Bitmap =
        Bitmap.createBitmap(view.width, view.height, Bitmap.Config.ARGB_8888).also { view.draw(Canvas(it)) }

    private fun save(bitmap: Bitmap, name: String) {
        FileOutputStream(File(folder, "$name.png")).use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
        images++
    }

    /** The screen's ScrollView (Screen.show() wraps every screen in one). */
    private fun scrollContainer(activity: Activity): ScrollView? {
        val content = activity.findViewById<ViewGroup>(android.R.id.content) ?: return null
        return generateSequence(listOf<View>(content)) { level -> level.filterIsInstance<ViewGroup>().flatMap { g -> (0 until g.childCount).map(g::getChildAt) }.ifEmpty { null } }
            .flatten()
            .filterIsInstance<ScrollView>()
            .firstOrNull()
    }

    /**
     * Where each page starts: a page is the ScrollView's height less 48 dp, so a view cut at the
     * bottom of one page is whole at the top of the next; at most 8 pages.
     */
    private fun pageOffsets(scroll: ScrollView?): List<Int> {
        val child = scroll?.getChildAt(0) ?: return listOf(0)
        val viewport = scroll.height - scroll.paddingTop - scroll.paddingBottom
        val max = child.height - viewport
        if (max <= 0 || viewport <= 0) return listOf(0)
        val step = (viewport - (48 * scroll.resources.displayMetrics.density).toInt()).coerceAtLeast(viewport / 2)
        val offsets = generateSequence(0) { it + step }.takeWhile { it < max }.toMutableList()
        offsets += max
        return offsets.take(8)
    }
}
