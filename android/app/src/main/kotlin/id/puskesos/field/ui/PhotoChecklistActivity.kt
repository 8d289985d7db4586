package id.puskesos.field.ui

import android.content.Intent
import android.os.Bundle
import android.provider.MediaStore
import android.widget.LinearLayout
import id.puskesos.field.R
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.PhotoQuality
import id.puskesos.field.photo.PhotoChecklist
import id.puskesos.field.photo.PhotoProvider

/**
 * The registry's photo checklist for one household. Each photo is taken with the system
 * camera, normalised by the core (orientation, size, metadata such as GPS stripped) and judged;
 * a poor one is shown with "ulangi" so it is retaken during the visit.
 */
class PhotoChecklistActivity : BaseActivity() {
    private val checklist = PhotoChecklist()
    private lateinit var screen: Screen
    private lateinit var list: LinearLayout
    private var taking: DocumentKind? = null

    private val householdId: String get() = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD).orEmpty()

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        taking = savedInstanceState?.getString(STATE_TAKING)?.let { DocumentKind.valueOf(it) }
        screen = Screen(this)
        screen.heading(R.string.photos_title)
        list = screen.section()
        screen.button(R.string.action_eligibility) {
            startActivity(Intent(this, EligibilityActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, householdId))
        }
        screen.button(R.string.action_proposal) {
            startActivity(Intent(this, ProposalActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, householdId))
        }
        screen.show()
        render()
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        taking?.let { outState.putString(STATE_TAKING, it.name) }
    }

    private fun render() {
        list.removeAllViews()
        screen.label(getString(R.string.photos_progress, checklist.done, checklist.required.size), list)
        checklist.required.forEach { kind ->
            val state = checklist.state(kind)
            val line = screen.label(getString(R.string.photos_item, getString(kindName(kind)), getString(stateName(state))), list)
            line.setTextColor(if (state == PhotoChecklist.State.OK) Screen.OK_COLOR else if (state == PhotoChecklist.State.RETAKE) Screen.WARNING_COLOR else line.currentTextColor)
            checklist.result(kind)?.advice?.let { screen.label(it.pick(lang), list) }
            screen.button(if (state == PhotoChecklist.State.MISSING) R.string.photos_take else R.string.photos_retake, list) { take(kind) }
        }
    }

    private fun take(kind: DocumentKind) {
        taking = kind
        PhotoProvider.pendingFile(this).delete()
        val intent = Intent(MediaStore.ACTION_IMAGE_CAPTURE)
            .putExtra(MediaStore.EXTRA_OUTPUT, PhotoProvider.pendingUri(this))
            .addFlags(Intent.FLAG_GRANT_WRITE_URI_PERMISSION or Intent.FLAG_GRANT_READ_URI_PERMISSION)
        if (intent.resolveActivity(packageManager) == null) {
            screen.label(R.string.photos_no_camera_app, list)
            return
        }
        startActivityForResult(intent, REQUEST_PHOTO)
    }

    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        val kind = taking ?: return
        if (requestCode != REQUEST_PHOTO || resultCode != RESULT_OK) return
        val file = PhotoProvider.pendingFile(this)
        background({
            // The camera's original keeps EXIF (GPS, device); only the core's normalised copy stays.
            val bytes = try {
                file.readBytes()
            } finally {
                file.delete()
            }
            val result = core.capture.normalisePhoto(bytes, kind)
            if (result.quality == PhotoQuality.GOOD) core.records.attachPhoto(householdId, result)
            result
        }) { result ->
            checklist.record(result)
            render()
        }
    }

    private fun kindName(kind: DocumentKind): Int =
        when (kind) {
            DocumentKind.KK -> R.string.doc_kk
            DocumentKind.KTP -> R.string.doc_ktp
            DocumentKind.HOUSE_FRONT -> R.string.doc_house_front
            DocumentKind.WALL -> R.string.doc_wall
            DocumentKind.FLOOR -> R.string.doc_floor
            DocumentKind.KITCHEN -> R.string.doc_kitchen
            DocumentKind.ROOF -> R.string.doc_roof
            DocumentKind.TOILET -> R.string.doc_toilet
            DocumentKind.HEAD_OF_HOUSEHOLD -> R.string.doc_head_of_household
            DocumentKind.SUPPORTING -> R.string.doc_supporting
        }

    private fun stateName(state: PhotoChecklist.State): Int =
        when (state) {
            PhotoChecklist.State.MISSING -> R.string.photos_state_missing
            PhotoChecklist.State.OK -> R.string.photos_state_ok
            PhotoChecklist.State.RETAKE -> R.string.photos_state_retake
        }

    companion object {
        private const val REQUEST_PHOTO = 30
        private const val STATE_TAKING = "taking"
    }
}
