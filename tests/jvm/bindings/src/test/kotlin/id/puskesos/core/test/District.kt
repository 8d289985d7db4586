package id.puskesos.core.test

import java.io.File
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/**
 * The real district service (`puskesos-district`, built by run.sh) on a free port of
 * 127.0.0.1 with its own data directory, stopped and deleted on [close]. A missing binary
 * fails the test with a message; it never skips.
 */
class District : AutoCloseable {
    companion object {
        const val VILLAGE = Records.VILLAGE

        val binary: File by lazy {
            val path = System.getProperty("puskesos.district.bin")?.takeIf { it.isNotBlank() }
                ?: File(Records.repoRoot, "target/debug/puskesos-district").path
            File(path).also { check(it.canExecute()) { "district service not built: $it (run tests/jvm/run.sh)" } }
        }

        fun freePort(): Int = ServerSocket(0).use { it.localPort }
    }

    val dir: File = Files.createTempDirectory("puskesos-district").toFile()
    private val data = File(dir, "district-data")
    val port = freePort()
    val url = "http://127.0.0.1:$port"
    private var process: Process? = null

    init {
        admin("village", VILLAGE, "Desa Uji")
        val log = File(dir, "service.log")
        process = ProcessBuilder(binary.path, "--data-dir", data.path, "--bind", "127.0.0.1:$port")
            .redirectErrorStream(true)
            .redirectOutput(log)
            .apply { environment().remove("DATABASE_URL") }
            .start()
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (!listening()) {
            check(process!!.isAlive) { "district service exited: ${log.readText()}" }
            check(System.nanoTime() < deadline) { "district service did not listen on $port" }
            Thread.sleep(50)
        }
    }

    private fun listening(): Boolean =
        try {
            Socket().use { it.connect(InetSocketAddress("127.0.0.1", port), 200) }
            true
        } catch (_: java.io.IOException) {
            false
        }

    fun admin(vararg args: String): String {
        val p = ProcessBuilder(listOf(binary.path, "--data-dir", data.path) + args)
            .redirectErrorStream(true)
            .apply { environment().remove("DATABASE_URL") }
            .start()
        val out = p.inputStream.bufferedReader().readText()
        check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "puskesos-district ${args.toList()}: $out" }
        return out
    }

    /** A one-time enrolment code for an operator of the village. */
    fun enrolCode(operator: String): String {
        val out = admin("enrol-code", VILLAGE, operator)
        return out.split(Regex("\\s+")).first { it.length == 9 && it[4] == '-' }
    }

    /** Publishes a village pack with a registry extract and a rule pack. */
    fun publishPack(registryCsv: File, rulesJson: File) {
        admin("pack", VILLAGE, "--registry", registryCsv.path, "--rules", rulesJson.path)
    }

    override fun close() {
        process?.let {
            it.destroy()
            if (!it.waitFor(10, TimeUnit.SECONDS)) it.destroyForcibly()
        }
        dir.deleteRecursively()
    }
}
