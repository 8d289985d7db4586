package id.puskesos.field.ui

import android.app.Activity
import android.app.AlertDialog
import android.os.Bundle
import android.widget.Toast
import id.puskesos.field.R
import id.puskesos.field.core.DocumentKind

/**
 * Evidence photos of a proposal (a letter, the house, a programme card) taken with the system
 * camera and handed to the core, which normalises, judges and stores each as that proposal's
 * evidence. A poor photo is retaken or, when it cannot be better, kept on purpose. What the
 * camera is taking for survives Android killing the screen behind the camera.
 */
internal class EvidencePhoto(private val activity: BaseActivity, private val requestCode: Int, private val stored: () -> Unit) {
    /** The household and proposal the camera is taking a photo for. */
    private var target: Pair<String, String>? = null

    fun restore(state: Bundle?) {
        val household = state?.getString(STATE_HOUSEHOLD) ?: return
        val proposal = state.getString(STATE_PROPOSAL) ?: return
        target = household to proposal
    }

    fun save(out: Bundle) {
        target?.let {
            out.putString(STATE_HOUSEHOLD, it.first)
            out.putString(STATE_PROPOSAL, it.second)
        }
    }

    fun take(householdId: String, proposalId: String) {
        target = householdId to proposalId
        if (CameraPhoto.start(activity, requestCode) == CameraPhoto.Started.NO_CAMERA_APP) {
            target = null
            say(R.string.photos_no_camera_app)
        }
    }

    /** The answer to the camera permission asked by [take]; false when [code] is another request's. */
    fun onPermission(code: Int, grantResults: IntArray): Boolean {
        if (code != requestCode) return false
        val t = target ?: return true
        if (CameraPhoto.allowed(grantResults)) {
            take(t.first, t.second)
        } else {
            target = null
            say(R.string.photo_camera_refused)
        }
        return true
    }

    private fun say(message: Int) {
        AlertDialog.Builder(activity).setMessage(message).setPositiveButton(android.R.string.ok, null).show()
    }

    /** Handles the camera's answer; false when [code] is another request's. */
    fun onResult(code: Int, resultCode: Int): Boolean {
        if (code != requestCode) return false
        val t = target ?: return true
        if (resultCode == Activity.RESULT_OK) store(t, keepPoor = false) else target = null
        return true
    }

    private fun store(t: Pair<String, String>, keepPoor: Boolean) {
        activity.background({
            val outcome = activity.core.records.takePhoto(t.first, DocumentKind.SUPPORTING, CameraPhoto.read(activity), keepPoor, t.second)
            if (outcome.stored) CameraPhoto.discard(activity)
            outcome
        }) { outcome ->
            if (outcome.stored) {
                target = null
                Toast.makeText(activity, R.string.evidence_saved, Toast.LENGTH_SHORT).show()
                stored()
            } else {
                AlertDialog.Builder(activity)
                    .setTitle(R.string.evidence_poor_title)
                    .setMessage(outcome.advice?.pick(activity.lang))
                    .setPositiveButton(R.string.photos_retake) { _, _ -> take(t.first, t.second) }
                    .setNeutralButton(R.string.photos_keep_anyway) { _, _ -> store(t, keepPoor = true) }
                    .setNegativeButton(android.R.string.cancel) { _, _ ->
                        target = null
                        CameraPhoto.discard(activity)
                    }
                    .show()
            }
        }
    }

    private companion object {
        const val STATE_HOUSEHOLD = "evidence_household"
        const val STATE_PROPOSAL = "evidence_proposal"
    }
}
