package id.puskesos.field.ui

import android.content.Intent
import android.os.Bundle
import android.widget.EditText
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.CoreException
import id.puskesos.field.enrol.EnrolmentInput

/** Joins this phone to its district service: type the URL and code, or scan the district's QR. */
class EnrolActivity : BaseActivity() {
    override val showsPersonalData = false

    private lateinit var url: EditText
    private lateinit var code: EditText
    private lateinit var fingerprint: EditText
    private lateinit var problems: TextView

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val s = Screen(this)
        s.heading(R.string.enrol_title)
        val wipedAt = Settings(this).wipedAtMillis
        if (wipedAt > 0) {
            val notice = s.message()
            val day = android.text.format.DateFormat.getMediumDateFormat(this).format(java.util.Date(wipedAt))
            Screen.showMessage(notice, getString(R.string.enrol_wiped, day), Screen.ERROR_COLOR)
        }
        s.label(R.string.enrol_explain)
        url = s.field(R.string.enrol_url_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_VARIATION_URI)
        code = s.field(R.string.enrol_code_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_CAP_CHARACTERS)
        fingerprint = s.field(R.string.enrol_fingerprint_hint, android.text.InputType.TYPE_CLASS_TEXT or android.text.InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS)
        problems = s.message()
        s.button(R.string.enrol_scan_qr) {
            startActivityForResult(Intent(this, ScanActivity::class.java).putExtra(ScanActivity.EXTRA_MODE, ScanActivity.MODE_RAW), REQUEST_QR)
        }
        s.button(R.string.enrol_submit) {
            submit(EnrolmentInput.fromTyped(url.text.toString(), code.text.toString(), fingerprint.text.toString()))
        }
        s.show()
    }

    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        val raw = data?.getStringExtra(ScanActivity.EXTRA_RAW)
        if (requestCode == REQUEST_QR && resultCode == RESULT_OK && raw != null) fromQr(raw)
    }

    /** The core reads the QR as the district renders it; what it refuses is said under the fields. */
    private fun fromQr(raw: String) {
        app.work.execute {
            val outcome = try {
                Result.success(core.sync.parseEnrolmentQr(raw))
            } catch (e: CoreException) {
                Result.failure(e)
            }
            runOnUiThread {
                if (isDestroyed) return@runOnUiThread
                outcome.fold(
                    { request ->
                        url.setText(request.districtUrl)
                        code.setText(request.code)
                        fingerprint.setText(request.certSha256.orEmpty())
                        submit(EnrolmentInput.Result.Ok(request))
                    },
                    { Screen.showMessage(problems, getString(R.string.enrol_not_qr) + "\n" + it.message, Screen.ERROR_COLOR) },
                )
            }
        }
    }

    private fun submit(input: EnrolmentInput.Result) {
        when (input) {
            is EnrolmentInput.Result.Refused ->
                Screen.showMessage(problems, input.problems.joinToString("\n") { getString(problemText(it)) }, Screen.ERROR_COLOR)
            is EnrolmentInput.Result.Ok -> {
                Screen.showMessage(problems, null, Screen.ERROR_COLOR)
                background({ core.sync.enrol(input.request) }) { enrolment ->
                    val settings = Settings(this)
                    settings.districtUrl = input.request.districtUrl
                    settings.deviceId = enrolment.deviceId
                    settings.villageName = enrolment.villageName
                    settings.villageCode = enrolment.villageCode
                    settings.wipedAtMillis = 0
                    startActivity(Intent(this, HomeActivity::class.java))
                    finish()
                }
            }
        }
    }

    private fun problemText(p: EnrolmentInput.Problem): Int =
        when (p) {
            EnrolmentInput.Problem.URL_EMPTY -> R.string.enrol_url_empty
            EnrolmentInput.Problem.URL_NOT_HTTPS -> R.string.enrol_url_not_https
            EnrolmentInput.Problem.URL_MALFORMED -> R.string.enrol_url_malformed
            EnrolmentInput.Problem.CODE_EMPTY -> R.string.enrol_code_empty
            EnrolmentInput.Problem.CODE_MALFORMED -> R.string.enrol_code_malformed
            EnrolmentInput.Problem.FINGERPRINT_MALFORMED -> R.string.enrol_fingerprint_malformed
        }

    companion object {
        private const val REQUEST_QR = 10
    }
}
