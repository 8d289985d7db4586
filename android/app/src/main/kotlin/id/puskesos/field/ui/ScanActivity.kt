package id.puskesos.field.ui

import android.Manifest
import android.annotation.SuppressLint
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
import android.widget.LinearLayout
import android.widget.TextView
import id.puskesos.field.R
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.ScanPayload
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Live barcode scanning of a KK or KTP with Camera2. Frames go to the core off the UI thread,
 * one at a time: while a frame is being decoded the next ones are dropped, so a slow phone
 * never queues work. The Y plane is copied once into one reused direct buffer, so the camera's
 * image goes back to it at once (closing the camera never frees memory the core is reading),
 * and that buffer crosses into the core without a further copy. Manual entry is always one tap
 * away, because a worn card or a dark room defeats any decoder.
 */
class ScanActivity : BaseActivity() {
    private lateinit var preview: TextureView
    private lateinit var status: TextView
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

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val s = Screen(this)
        s.heading(R.string.scan_title)
        preview = TextureView(this)
        s.root.addView(preview, LinearLayout.LayoutParams(LinearLayout.LayoutParams.MATCH_PARENT, s.dp(360)))
        status = s.label(R.string.scan_hint)
        val buttons = s.row()
        s.button(R.string.scan_torch, buttons) { toggleTorch() }
        s.button(R.string.scan_manual, buttons) { manualEntry() }
        s.show()
    }

    override fun onResume() {
        super.onResume()
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
                Result.success(core.capture.decodeLuma(frame, width, height, rowStride, rotationDegrees))
            } catch (e: CoreException) {
                Result.failure<ScanPayload?>(e)
            }
            runOnUiThread { onDecoded(outcome) }
            decoding.set(false)
        }
        return true
    }

    private fun onDecoded(outcome: Result<ScanPayload?>) {
        if (isDestroyed || finished.get()) return
        val error = outcome.exceptionOrNull() as CoreException?
        if (error != null) {
            finished.set(true)
            status.text = getString(if (error.kind == CoreException.Kind.NOT_AVAILABLE) R.string.scan_not_available else R.string.scan_failed)
            return
        }
        val payload = outcome.getOrNull() ?: return
        finished.set(true)
        if (intent.getIntExtra(EXTRA_MODE, MODE_HOUSEHOLD) == MODE_RAW) {
            setResult(RESULT_OK, Intent().putExtra(EXTRA_RAW, payload.raw))
        } else {
            startActivity(HouseholdFormActivity.prefilled(this, payload))
        }
        finish()
    }

    private fun toggleTorch() {
        val builder = request ?: return
        torchOn = !torchOn
        builder.set(CaptureRequest.FLASH_MODE, if (torchOn) CaptureRequest.FLASH_MODE_TORCH else CaptureRequest.FLASH_MODE_OFF)
        session?.setRepeatingRequest(builder.build(), null, cameraHandler)
    }

    private fun manualEntry() {
        if (intent.getIntExtra(EXTRA_MODE, MODE_HOUSEHOLD) != MODE_RAW) {
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
        private const val REQUEST_CAMERA = 20
    }
}
