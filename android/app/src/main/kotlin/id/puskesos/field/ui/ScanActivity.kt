package id.puskesos.field.ui

import android.Manifest
import android.annotation.SuppressLint
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.graphics.ImageFormat
import android.graphics.SurfaceTexture
import android.hardware.camera2.CameraCaptureSession
import android.hardware.camera2.CameraCharacteristics
import android.hardware.camera2.CameraDevice
import android.hardware.camera2.CameraManager
import android.hardware.camera2.CaptureRequest
import android.media.ImageReader
import android.os.Bundle
import android.os.Handler
import android.os.HandlerThread
import android.util.Size
import android.view.Surface
import android.view.TextureView
import android.view.View
import android.widget.LinearLayout
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.ScannedSymbol
import id.puskesos.field.core.SymbolKind
import id.puskesos.field.core.payload
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Live barcode scanning of a KK or KTP with Camera2. Frames go to the core off the UI thread,
 * one at a time: while a frame is being decoded the next ones are dropped, so a slow phone
 * never queues work. The Y plane is copied once into one reused direct buffer, so the camera's
 * image goes back to it at once (closing the camera never frees memory the core is reading),
 * and that buffer crosses into the core without a further copy. Manual entry is always one tap
 * away, because a worn card or a dark room defeats any decoder.
 *
 * Every symbol the core reads is listed with what it is (a KK's numbers may be spread over
 * several, and a KK carries its Dukcapil QR besides): the numbers fill the household form, a
 * KK QR is kept on a household chosen from the list, a receipt opens its case. The first live
 * frame that shows a code is read whole by the core, so a KK's QR and a card's Code 128 held
 * together are listed together; a photo taken with the camera app ("Baca dari foto") is read
 * more thoroughly still (turned, inverted, scaled), for a worn or small code. For another
 * screen it answers with a result instead: the first symbol's text
 * ([MODE_RAW], enrolment) or a KK QR's text ([MODE_KK_QR], the household screen).
 */
class ScanActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var preview: TextureView
    private lateinit var status: TextView
    private lateinit var results: LinearLayout

    /** The camera's part of the screen: hidden while a stopped scan's list is read. */
    private lateinit var scanning: List<View>
    private var cameraThread: HandlerThread? = null
    private var cameraHandler: Handler? = null
    private var device: CameraDevice? = null
    // Set on the camera thread, read on the UI thread.
    @Volatile private var session: CameraCaptureSession? = null
    private var reader: ImageReader? = null
    @Volatile private var request: CaptureRequest.Builder? = null
    private var torchOn = false
    private val decoding = AtomicBoolean(false)
    private val finished = AtomicBoolean(false)
    private var luma: java.nio.ByteBuffer = java.nio.ByteBuffer.allocateDirect(0)

    /** The symbols listed, from the last frame that had any. */
    private var shown: List<ScannedSymbol> = emptyList()

    /** A KK QR's text waiting for the household it is kept on, and where it was kept. */
    private var keeping: String? = null
    private var keptOn: String? = null

    private val mode: Int get() = intent.getIntExtra(EXTRA_MODE, MODE_HOUSEHOLD)

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        keeping = savedInstanceState?.getString(STATE_KEEPING)
        val s = Screen(this)
        screen = s
        s.heading(if (mode == MODE_KK_QR) R.string.household_scan_kk_qr else R.string.scan_title)
        preview = TextureView(this)
        s.root.addView(preview, LinearLayout.LayoutParams(LinearLayout.LayoutParams.MATCH_PARENT, s.dp(360)))
        status = s.label(if (mode == MODE_KK_QR) R.string.scan_kk_qr_hint else R.string.scan_hint)
        val buttons = s.row()
        s.button(R.string.scan_torch, buttons) { toggleTorch() }
        s.button(if (mode == MODE_KK_QR) R.string.scan_cancel else R.string.scan_manual, buttons) { manualEntry() }
        // A still photo is read more thoroughly than a frame: every symbol on the page.
        val photo = s.button(R.string.scan_from_photo) { fromPhoto() }
        scanning = listOf(preview, status, buttons, photo)
        results = s.section()
        s.show()
    }

    override fun onResume() {
        super.onResume()
        // A list being read (the scan stopped) needs no camera.
        if (finished.get()) return
        if (checkSelfPermission(Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(arrayOf(Manifest.permission.CAMERA), REQUEST_CAMERA)
            return
        }
        startCamera()
    }

    override fun onPause() {
        stopCamera()
        super.onPause()
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults)
        if (requestCode == REQUEST_CAMERA && grantResults.firstOrNull() != PackageManager.PERMISSION_GRANTED) {
            status.setText(R.string.scan_no_permission)
        }
        if (requestCode == REQUEST_PHOTO) {
            if (CameraPhoto.allowed(grantResults)) fromPhoto() else status.setText(R.string.photo_camera_refused)
        }
    }

    private fun startCamera() {
        val thread = HandlerThread("camera").also { it.start() }
        cameraThread = thread
        cameraHandler = Handler(thread.looper)
        val ready = preview.surfaceTexture
        if (preview.isAvailable && ready != null) {
            openCamera(ready)
        } else {
            preview.surfaceTextureListener = object : TextureView.SurfaceTextureListener {
                override fun onSurfaceTextureAvailable(texture: SurfaceTexture, width: Int, height: Int) = openCamera(texture)

                override fun onSurfaceTextureSizeChanged(texture: SurfaceTexture, width: Int, height: Int) = Unit

                override fun onSurfaceTextureDestroyed(texture: SurfaceTexture): Boolean = true

                override fun onSurfaceTextureUpdated(texture: SurfaceTexture) = Unit
            }
        }
    }

    /** The preview's [texture], as the view handed it over. */
    @SuppressLint("MissingPermission") // checked in onResume
    private fun openCamera(texture: SurfaceTexture) {
        val manager = getSystemService(CameraManager::class.java) ?: run {
            status.setText(R.string.scan_no_camera)
            return
        }
        val id = manager.cameraIdList.firstOrNull {
            manager.getCameraCharacteristics(it).get(CameraCharacteristics.LENS_FACING) == CameraCharacteristics.LENS_FACING_BACK
        } ?: run {
            status.setText(R.string.scan_no_camera)
            return
        }
        val characteristics = manager.getCameraCharacteristics(id)
        // Frames come as the sensor lies (sideways on most phones); the decoder turns them upright.
        sensorRotation = characteristics.get(CameraCharacteristics.SENSOR_ORIENTATION) ?: 0
        val size = frameSize(characteristics)
        val imageReader = ImageReader.newInstance(size.width, size.height, ImageFormat.YUV_420_888, 2)
        imageReader.setOnImageAvailableListener({ onFrame(it) }, cameraHandler)
        reader = imageReader
        manager.openCamera(id, object : CameraDevice.StateCallback() {
            override fun onOpened(camera: CameraDevice) {
                device = camera
                startSession(camera, texture, imageReader, size)
            }

            override fun onDisconnected(camera: CameraDevice) = camera.close()

            override fun onError(camera: CameraDevice, error: Int) {
                camera.close()
                runOnUiThread { status.setText(R.string.scan_no_camera) }
            }
        }, cameraHandler)
    }

    /** About 1280×720: enough pixels for a PDF417 on a KK, little enough for a cheap phone. */
    private fun frameSize(characteristics: CameraCharacteristics): Size {
        val map = characteristics.get(CameraCharacteristics.SCALER_STREAM_CONFIGURATION_MAP)
        val sizes = map?.getOutputSizes(ImageFormat.YUV_420_888).orEmpty()
        return sizes.minByOrNull { kotlin.math.abs(it.width * it.height - 1280 * 720) } ?: Size(1280, 720)
    }

    private fun startSession(camera: CameraDevice, texture: SurfaceTexture, imageReader: ImageReader, size: Size) {
        texture.setDefaultBufferSize(size.width, size.height)
        val previewSurface = Surface(texture)
        val builder = camera.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW).apply {
            addTarget(previewSurface)
            addTarget(imageReader.surface)
            set(CaptureRequest.CONTROL_AF_MODE, CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE)
        }
        request = builder
        // SessionConfiguration needs API 28; the app starts at 24.
        @Suppress("DEPRECATION")
        camera.createCaptureSession(listOf(previewSurface, imageReader.surface), object : CameraCaptureSession.StateCallback() {
            override fun onConfigured(s: CameraCaptureSession) {
                session = s
                s.setRepeatingRequest(builder.build(), null, cameraHandler)
            }

            override fun onConfigureFailed(s: CameraCaptureSession) {
                runOnUiThread { status.setText(R.string.scan_no_camera) }
            }
        }, cameraHandler)
    }

    /** The back camera's SENSOR_ORIENTATION, read when it is opened. */
    @Volatile
    internal var sensorRotation: Int = 0
        private set

    /** The camera streams to the preview and the decoder (a repeating request is running). */
    internal val streaming: Boolean get() = session != null

    /** What the repeating request asks of the flash: the torch button's state as the camera has it. */
    internal val torchRequested: Boolean get() = request?.get(CaptureRequest.FLASH_MODE) == CaptureRequest.FLASH_MODE_TORCH

    private fun onFrame(imageReader: ImageReader) {
        val image = imageReader.acquireLatestImage() ?: return
        try {
            val plane = image.planes[0]
            offerFrame(plane.buffer, image.width, image.height, plane.rowStride, sensorRotation)
        } finally {
            image.close()
        }
    }

    /**
     * Takes a frame's Y plane unless one is being decoded or the scan is over: copies it into
     * the reused direct buffer (so the caller may hand its image back to the camera at once)
     * and decodes it on a worker thread. Returns whether the frame was taken.
     */
    internal fun offerFrame(y: java.nio.ByteBuffer, width: Int, height: Int, rowStride: Int, rotationDegrees: Int = 0): Boolean {
        if (finished.get() || !decoding.compareAndSet(false, true)) return false
        if (luma.capacity() < y.remaining()) luma = java.nio.ByteBuffer.allocateDirect(y.remaining())
        val frame = luma
        frame.clear()
        frame.put(y)
        frame.flip()
        app.work.execute {
            val outcome = try {
                Result.success(core.capture.decodeFrame(frame, width, height, rowStride, rotationDegrees))
            } catch (e: CoreException) {
                Result.failure<List<ScannedSymbol>>(e)
            }
            runOnUiThread { onDecoded(outcome) }
            decoding.set(false)
        }
        return true
    }

    private fun onDecoded(outcome: Result<List<ScannedSymbol>>) {
        if (isDestroyed || finished.get()) return
        val error = outcome.exceptionOrNull() as CoreException?
        if (error != null) {
            finished.set(true)
            status.text = getString(if (error.kind == CoreException.Kind.NOT_AVAILABLE) R.string.scan_not_available else R.string.scan_failed)
            return
        }
        val symbols = outcome.getOrNull().orEmpty()
        if (symbols.isNotEmpty()) onSymbols(symbols)
    }

    /** What a frame or a photo held, for this screen's purpose. */
    private fun onSymbols(symbols: List<ScannedSymbol>) {
        when (mode) {
            MODE_RAW -> answer(symbols.first().text)
            MODE_KK_QR -> {
                val qr = symbols.firstOrNull { it.kind == SymbolKind.KK_QR }
                // Not a KK QR (a card's barcode, a receipt): listed, and the scan goes on.
                if (qr != null) answer(qr.text) else if (symbols.map { it.text } != shown.map { it.text }) show(symbols)
            }
            else -> {
                // The scan stops: the camera is let go and the list takes its place on the screen.
                finished.set(true)
                stopCamera()
                scanning.forEach { it.visibility = View.GONE }
                show(symbols)
            }
        }
    }

    private fun answer(text: String) {
        finished.set(true)
        setResult(RESULT_OK, Intent().putExtra(EXTRA_RAW, text))
        finish()
    }

    /** Every symbol with what it is and what it holds, and what can be done with it. */
    private fun show(symbols: List<ScannedSymbol>) {
        shown = symbols
        results.removeAllViews()
        // Right under the preview, where the eyes are while the scan goes on.
        if (mode == MODE_KK_QR) Screen.showMessage(status, getString(R.string.scan_not_kk_qr), Screen.WARNING_COLOR)
        screen.heading(R.string.scan_found_title, results)
        symbols.forEachIndexed { i, symbol ->
            screen.label(getString(R.string.scan_row, i + 1, kindText(symbol), symbol.format) + details(symbol), results)
            if (mode != MODE_HOUSEHOLD) return@forEachIndexed
            when {
                symbol.kind == SymbolKind.KK_QR && keptOn != null ->
                    screen.label(getString(R.string.scan_kk_qr_kept_on, keptOn), results).setTextColor(Screen.OK_COLOR)
                symbol.kind == SymbolKind.KK_QR -> screen.button(R.string.scan_keep_kk_qr, results) { pickHousehold(symbol.text) }
                symbol.kind == SymbolKind.CASE_RECEIPT && symbol.caseId != null -> {
                    val case: String = symbol.caseId
                    screen.button(R.string.scan_open_case, results) { startActivity(CaseActivity.open(this, case)) }
                }
                else -> Unit
            }
        }
        if (mode != MODE_HOUSEHOLD) return
        val numbers = symbols.payload()?.takeIf { it.kk != null || it.niks.isNotEmpty() }
        if (numbers != null) {
            screen.button(R.string.scan_fill_form, results) {
                startActivity(HouseholdFormActivity.prefilled(this, numbers))
                finish()
            }
        }
        screen.button(R.string.scan_again, results) { scanAgain() }
    }

    private fun kindText(symbol: ScannedSymbol): String =
        when (symbol.kind) {
            SymbolKind.KK_QR -> getString(R.string.scan_kind_kk_qr)
            SymbolKind.LINK -> getString(R.string.scan_kind_link, symbol.host.orEmpty())
            SymbolKind.NUMBERS -> getString(R.string.scan_kind_numbers)
            SymbolKind.CASE_RECEIPT -> getString(R.string.scan_kind_case)
            SymbolKind.OTHER -> getString(R.string.scan_kind_other)
        }

    /** The lines under a symbol's name: each number's reading, a KK QR's use, unknown text. */
    private fun details(symbol: ScannedSymbol): String =
        buildString {
            when (symbol.kind) {
                SymbolKind.KK_QR -> append('\n').append(getString(R.string.scan_kk_qr_means))
                SymbolKind.OTHER -> append('\n').append(symbol.text.take(80))
                else -> Unit
            }
            symbol.numbers.forEach { append('\n').append(it.masked).append(": ").append(it.reading.pick(lang)) }
        }

    /** A KK QR read here, standalone: the household it belongs to is chosen from the list. */
    private fun pickHousehold(text: String) {
        keeping = text
        startActivityForResult(HouseholdListActivity.pick(this), REQUEST_HOUSEHOLD)
    }

    private fun fromPhoto() {
        if (CameraPhoto.start(this, REQUEST_PHOTO) == CameraPhoto.Started.NO_CAMERA_APP) status.setText(R.string.photos_no_camera_app)
    }

    /** The camera app's photo, read by the core's photo path (every symbol) and then deleted. */
    private fun readPhoto() {
        status.setText(R.string.scan_photo_reading)
        background({
            try {
                core.capture.decodePhoto(CameraPhoto.read(this))
            } finally {
                CameraPhoto.discard(this)
            }
        }) { symbols ->
            if (symbols.isEmpty()) Screen.showMessage(status, getString(R.string.scan_photo_none), Screen.WARNING_COLOR) else onSymbols(symbols)
        }
    }

    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        if (requestCode == REQUEST_PHOTO) {
            if (resultCode == RESULT_OK) readPhoto()
            return
        }
        if (requestCode != REQUEST_HOUSEHOLD || resultCode != RESULT_OK) return
        val household = data?.getStringExtra(HouseholdListActivity.EXTRA_PICKED) ?: return
        val text = keeping ?: return
        background({
            core.records.keepKkQr(household, text)
            core.records.household(household).headName
        }) { head ->
            keeping = null
            keptOn = head
            if (shown.isEmpty()) {
                // The screen was rebuilt behind the list (Android let it go): only the outcome.
                Screen.showMessage(status, getString(R.string.scan_kk_qr_kept_on, head), Screen.OK_COLOR)
            } else {
                show(shown)
            }
        }
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        keeping?.let { outState.putString(STATE_KEEPING, it) }
    }

    private fun scanAgain() {
        shown = emptyList()
        keptOn = null
        results.removeAllViews()
        status.setText(R.string.scan_hint)
        scanning.forEach { it.visibility = View.VISIBLE }
        finished.set(false)
        if (checkSelfPermission(Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED) startCamera()
    }

    private fun toggleTorch() {
        val builder = request ?: return
        torchOn = !torchOn
        builder.set(CaptureRequest.FLASH_MODE, if (torchOn) CaptureRequest.FLASH_MODE_TORCH else CaptureRequest.FLASH_MODE_OFF)
        session?.setRepeatingRequest(builder.build(), null, cameraHandler)
    }

    private fun manualEntry() {
        if (mode == MODE_HOUSEHOLD) {
            startActivity(Intent(this, HouseholdFormActivity::class.java))
        }
        finish()
    }

    private fun stopCamera() {
        session?.close()
        session = null
        device?.close()
        device = null
        reader?.close()
        reader = null
        cameraThread?.quitSafely()
        cameraThread = null
    }

    companion object {
        const val EXTRA_MODE = "mode"
        const val EXTRA_RAW = "raw"
        const val MODE_HOUSEHOLD = 0
        const val MODE_RAW = 1

        /** For a household screen: answers with the first KK QR's text ([EXTRA_RAW]). */
        const val MODE_KK_QR = 2
        private const val REQUEST_CAMERA = 20
        private const val REQUEST_HOUSEHOLD = 21
        private const val REQUEST_PHOTO = 22
        private const val STATE_KEEPING = "keeping"

        fun kkQr(context: Context): Intent = Intent(context, ScanActivity::class.java).putExtra(EXTRA_MODE, MODE_KK_QR)
    }
}
