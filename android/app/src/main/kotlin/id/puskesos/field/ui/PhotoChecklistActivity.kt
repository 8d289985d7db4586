package id.puskesos.field.ui

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.location.Location
import android.location.LocationListener
import android.location.LocationManager
import android.os.Bundle
import android.os.Looper
import android.widget.LinearLayout
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.ChecklistRow
import id.puskesos.field.core.DocumentKind

/**
 * The registry's photo checklist for one household, read from the store: Android may kill
 * the app behind the camera on a 1–2 GB phone, and a pillar may come back days later, and
 * neither loses what was taken. Each photo is taken with the system camera and handed to the
 * core, which normalises it (orientation, size, metadata such as GPS stripped), judges it and
 * stores it. A poor one is offered for a retake or, where it can never be better (a kitchen
 * without electricity), kept anyway with its verdict. The house's location is recorded on
 * the household, with the accuracy the phone reports, after asking for the permission here.
 */
class PhotoChecklistActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var list: LinearLayout
    private lateinit var locationLine: TextView
    private var taking: DocumentKind? = null

    /** The last photo judged poor and not yet kept: its kind and the core's advice. */
    private var poor: Pair<DocumentKind, Bilingual?>? = null
    private var rows: List<ChecklistRow> = emptyList()

    private val householdId: String get() = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD).orEmpty()

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        taking = savedInstanceState?.getString(STATE_TAKING)?.let { DocumentKind.valueOf(it) }
        screen = Screen(this)
        screen.heading(R.string.photos_title)
        list = screen.section()
        screen.heading(R.string.location_title)
        locationLine = screen.label(R.string.location_explain)
        screen.button(R.string.location_record) { recordLocation() }
        screen.button(R.string.action_eligibility) {
            startActivity(Intent(this, EligibilityActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, householdId))
        }
        screen.button(R.string.action_proposal) {
            startActivity(Intent(this, ProposalActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, householdId))
        }
        screen.show()
    }

    override fun onResume() {
        super.onResume()
        refresh()
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        taking?.let { outState.putString(STATE_TAKING, it.name) }
    }

    private fun refresh() {
        background({ core.records.photoChecklist(householdId) }) {
            rows = it
            render()
        }
    }

    private fun render() {
        list.removeAllViews()
        val good = rows.count { it.documentId != null && it.keptWith.isEmpty() }
        screen.label(getString(R.string.photos_progress, good, rows.size), list)
        rows.forEach { row ->
            val pending = poor?.takeIf { it.first == row.kind }
            val state = when {
                pending != null -> R.string.photos_state_retake
                row.documentId == null -> R.string.photos_state_missing
                row.keptWith.isNotEmpty() -> R.string.photos_state_kept
                else -> R.string.photos_state_ok
            }
            val line = screen.label(getString(R.string.photos_item, getString(kindName(row.kind)), getString(state)), list)
            line.setTextColor(
                when (state) {
                    R.string.photos_state_ok -> Screen.OK_COLOR
                    R.string.photos_state_retake, R.string.photos_state_kept -> Screen.WARNING_COLOR
                    else -> line.currentTextColor
                },
            )
            pending?.second?.let { screen.label(it.pick(lang), list) }
            screen.button(if (row.documentId == null && pending == null) R.string.photos_take else R.string.photos_retake, list) { take(row.kind) }
            if (pending != null) screen.button(R.string.photos_keep_anyway, list) { keepAnyway(row.kind) }
        }
    }

    private fun take(kind: DocumentKind) {
        taking = kind
        poor = null
        if (CameraPhoto.start(this, REQUEST_PHOTO) == CameraPhoto.Started.NO_CAMERA_APP) screen.label(R.string.photos_no_camera_app, list)
    }

    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        val kind = taking ?: return
        if (requestCode != REQUEST_PHOTO || resultCode != RESULT_OK) return
        store(kind, keepPoor = false)
    }

    private fun keepAnyway(kind: DocumentKind) = store(kind, keepPoor = true)

    /**
     * Hands the camera's file to the core. The camera's original keeps its EXIF (GPS, device),
     * so it is deleted as soon as the core has stored its normalised copy, or the person has
     * decided; a poor photo's file waits for "keep anyway" or a retake.
     */
    private fun store(kind: DocumentKind, keepPoor: Boolean) {
        background({
            val outcome = core.records.takePhoto(householdId, kind, CameraPhoto.read(this), keepPoor)
            if (outcome.stored) CameraPhoto.discard(this)
            outcome
        }) { outcome ->
            poor = if (outcome.stored) null else kind to outcome.advice
            refresh()
        }
    }

    /** Asks for the location permission where it is needed, then takes one fix and stores it with its accuracy. */
    private fun recordLocation() {
        if (checkSelfPermission(Manifest.permission.ACCESS_FINE_LOCATION) != PackageManager.PERMISSION_GRANTED) {
            locationLine.setText(R.string.location_why)
            requestPermissions(arrayOf(Manifest.permission.ACCESS_FINE_LOCATION, Manifest.permission.ACCESS_COARSE_LOCATION), REQUEST_LOCATION)
            return
        }
        val manager = getSystemService(LocationManager::class.java) ?: return
        val provider = listOf(LocationManager.GPS_PROVIDER, LocationManager.NETWORK_PROVIDER).firstOrNull { manager.isProviderEnabled(it) }
        if (provider == null) {
            locationLine.setText(R.string.location_off)
            return
        }
        locationLine.setText(R.string.location_waiting)
        val listener = object : LocationListener {
            override fun onLocationChanged(location: Location) {
                manager.removeUpdates(this)
                save(location)
            }

            @Deprecated("Required by API 24-28")
            override fun onStatusChanged(provider: String?, status: Int, extras: Bundle?) = Unit

            override fun onProviderEnabled(provider: String) = Unit

            override fun onProviderDisabled(provider: String) = Unit
        }
        try {
            manager.requestLocationUpdates(provider, 0L, 0f, listener, Looper.getMainLooper())
        } catch (_: SecurityException) {
            locationLine.setText(R.string.location_why)
        }
    }

    private fun save(location: Location) {
        val accuracy = if (location.hasAccuracy()) location.accuracy.toDouble() else null
        background({ core.records.setLocation(householdId, location.latitude, location.longitude, accuracy) }) {
            locationLine.text = if (accuracy != null) {
                getString(R.string.location_saved, location.latitude, location.longitude, accuracy.toInt())
            } else {
                getString(R.string.location_saved_no_accuracy, location.latitude, location.longitude)
            }
        }
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults)
        if (requestCode == REQUEST_PHOTO) {
            // The camera permission asked before the first photo: the photo it was for.
            val kind = taking
            when {
                kind == null -> Unit
                CameraPhoto.allowed(grantResults) -> take(kind)
                else -> android.app.AlertDialog.Builder(this).setMessage(R.string.photo_camera_refused).setPositiveButton(android.R.string.ok, null).show()
            }
            return
        }
        if (requestCode != REQUEST_LOCATION) return
        if (grantResults.any { it == PackageManager.PERMISSION_GRANTED }) recordLocation() else locationLine.setText(R.string.location_refused)
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

    companion object {
        private const val REQUEST_PHOTO = 30
        private const val REQUEST_LOCATION = 31
        private const val STATE_TAKING = "taking"
    }
}
