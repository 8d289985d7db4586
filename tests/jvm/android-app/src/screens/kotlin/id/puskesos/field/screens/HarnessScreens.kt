package id.puskesos.field.screens

import android.app.Activity
import android.graphics.Bitmap
import android.graphics.Canvas
import android.graphics.Color
import android.text.TextUtils
import android.view.View
import android.view.ViewGroup.LayoutParams.MATCH_PARENT
import android.view.ViewGroup.LayoutParams.WRAP_CONTENT
import android.widget.Button
import android.widget.EditText
import android.widget.FrameLayout
import android.widget.LinearLayout
import android.widget.TextView
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode

/**
 * The checks themselves, on a screen built to break each rule once: a screen script that
 * passes must be one whose checks can fail. Nothing is drawn to the screens folder.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "w360dp-h640dp-port-hdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class HarnessScreens {
    @Test
    fun `each kind of problem is reported as an error`() {
        val activity = Robolectric.buildActivity(Activity::class.java).setup().get()
        val dp = activity.resources.displayMetrics.density
        val column = LinearLayout(activity).apply { orientation = LinearLayout.VERTICAL }
        column.addView(Button(activity).apply { text = "Kecil" }, LinearLayout.LayoutParams(MATCH_PARENT, (24 * dp).toInt()))
        column.addView(
            TextView(activity).apply {
                text = "Nama lengkap yang sangat panjang sekali sampai tidak muat di layar kecil"
                isSingleLine = true
                ellipsize = TextUtils.TruncateAt.END
                setTextColor(Color.BLACK)
            },
            LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT),
        )
        val row = LinearLayout(activity).apply { orientation = LinearLayout.HORIZONTAL }
        row.addView(EditText(activity).apply { hint = "RT" }, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
        row.addView(EditText(activity).apply { hint = "RW" }, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
        column.addView(row, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
        val stack = FrameLayout(activity)
        stack.addView(TextView(activity).apply { text = "Atas"; setTextColor(Color.BLACK) }, FrameLayout.LayoutParams(WRAP_CONTENT, WRAP_CONTENT))
        stack.addView(TextView(activity).apply { text = "Bawah"; setTextColor(Color.BLACK) }, FrameLayout.LayoutParams(WRAP_CONTENT, WRAP_CONTENT))
        column.addView(stack, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
        column.addView(TextView(activity).apply { text = "Abu-abu pucat"; setTextColor(Color.rgb(0xBB, 0xBB, 0xBB)) }, LinearLayout.LayoutParams(MATCH_PARENT, WRAP_CONTENT))
        activity.setContentView(column)

        val decor = activity.window.decorView
        val metrics = activity.resources.displayMetrics
        decor.measure(View.MeasureSpec.makeMeasureSpec(metrics.widthPixels, View.MeasureSpec.EXACTLY), View.MeasureSpec.makeMeasureSpec(metrics.heightPixels, View.MeasureSpec.EXACTLY))
        decor.layout(0, 0, metrics.widthPixels, metrics.heightPixels)
        val bitmap = Bitmap.createBitmap(decor.width, decor.height, Bitmap.Config.ARGB_8888).also { decor.draw(Canvas(it)) }
        val findings = Findings("harness")
        Checks.run(decor, bitmap, findings, page = null)
        val errors = findings.errors()

        fun found(what: String, vararg words: String) =
            assertTrue("$what not reported in:\n${errors.joinToString("\n")}", errors.any { e -> words.all { it in e } })
        found("a 24 dp button", "TouchTargetSizeCheck", "Kecil")
        found("an ellipsized name", "ellipsis", "Nama lengkap")
        found("a field squeezed to nothing", "no room", "RW")
        found("two texts on top of each other", "overlaps", "Atas")
        found("pale grey text", "contrast", "Abu-abu pucat")
    }
}
