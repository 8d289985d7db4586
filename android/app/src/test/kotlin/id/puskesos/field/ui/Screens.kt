package id.puskesos.field.ui

import android.app.Activity
import android.os.Looper
import android.view.View
import android.view.ViewGroup
import android.widget.Button
import android.widget.EditText
import android.widget.Spinner
import android.widget.TextView
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.PuskesosApp
import id.puskesos.field.core.CoreGateway
import org.junit.Assert.fail
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf

/** Puts [gateway] in place of the native core for the activities of this test. */
fun useCore(gateway: CoreGateway = FakeCoreGateway()): CoreGateway {
    val app = RuntimeEnvironment.getApplication() as PuskesosApp
    app.core = gateway
    app.gate = OpenGate
    return gateway
}

/**
 * The app lock's gate held open: these tests are about the screens behind it, on a plain
 * store. LockFlowsTest drives the real lock, its screen and the encrypted store.
 */
object OpenGate : id.puskesos.field.lock.LockGate {
    override val cold = false

    override fun needsUnlock() = false

    override fun touch() {}
}

/**
 * Core calls run on the app's worker threads and post back to the main looper: runs the main
 * looper until [done] holds (at most 5 s), as the UI thread would.
 */
fun settle(what: String, done: () -> Boolean) {
    val deadline = System.nanoTime() + 5_000_000_000L
    while (true) {
        shadowOf(Looper.getMainLooper()).idle()
        if (done()) return
        if (System.nanoTime() > deadline) fail("timed out waiting for: $what")
        Thread.sleep(5)
    }
}

fun Activity.views(from: View = window.decorView): List<View> {
    val all = mutableListOf<View>()
    fun walk(v: View) {
        all += v
        if (v is ViewGroup) (0 until v.childCount).forEach { walk(v.getChildAt(it)) }
    }
    walk(from)
    return all
}

fun Activity.field(hint: Int, index: Int = 0): EditText =
    views().filterIsInstance<EditText>().filter { it.hint?.toString() == getString(hint) }.getOrNull(index)
        ?: throw AssertionError("no field with hint \"${getString(hint)}\" (#$index)")

fun Activity.button(text: Int): Button =
    views().filterIsInstance<Button>().singleOrNull { it.text.toString() == getString(text) }
        ?: throw AssertionError("no single button \"${getString(text)}\"")

/** Every button labelled [text], in screen order (a checklist repeats "Take photo"). */
fun Activity.buttons(text: Int): List<Button> = views().filterIsInstance<Button>().filter { it.text.toString() == getString(text) }

fun Activity.spinners(): List<Spinner> = views().filterIsInstance<Spinner>()

/**
 * What the screen shows as text: visible labels and messages, not fields or buttons, nor the
 * action bar's app name.
 */
fun Activity.shownTexts(): List<String> =
    views(findViewById<View>(android.R.id.content) ?: window.decorView).filter { it is TextView && it !is EditText && it !is Button && it.isShown }
        .map { (it as TextView).text.toString() }
        .filter { it.isNotEmpty() }

/** The message line right under [field] (Screen.message() follows the field it concerns). */
fun messageUnder(field: View): TextView {
    val parent = field.parent as ViewGroup
    return parent.getChildAt(parent.indexOfChild(field) + 1) as TextView
}
