package id.puskesos.testing

import java.io.File
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/**
 * The real district service (`puskesos-district`, built by run.sh) on a free port of
 * 127.0.0.1 with its own data directory, stopped and deleted on [close]. A missing binary
 * fails the test with a message; it never skips. Shared by the bindings' tests and the app's
 * (tests/jvm/support is a test source of both modules).
 *
 * With [tls] the service speaks HTTPS with a self-signed certificate made here by `openssl`,
 * as a district running its own certificate authority does: phones trust it through the
 * fingerprint in the enrolment QR, or, in tests of the phone's trust store, by holding
 * [certificateDer] as a root (it is an end-entity certificate, `CA:FALSE`, so it can be both).
 */
class District(tls: Boolean = false) : AutoCloseable {
    companion object {
        /** The one village the service knows (synthetic code in Kabupaten Bogor's range). */
        const val VILLAGE = "3201010001"

        val binary: File by lazy {
            val path = System.getProperty("puskesos.district.bin")?.takeIf { it.isNotBlank() }
                ?: error("puskesos.district.bin is not set (run tests/jvm/run.sh)")
            File(path).also { check(it.canExecute()) { "district service not built: $it (run tests/jvm/run.sh)" } }
        }

        fun freePort(): Int = ServerSocket(0).use { it.localPort }
    }

    val dir: File = Files.createTempDirectory("puskesos-district").toFile()
    private val data = File(dir, "district-data")
    val port = freePort()
    val url = (if (tls) "https" else "http") + "://127.0.0.1:$port"
    private var process: Process? = null
    private val tlsArgs: List<String> = if (tls) selfSignedCertificate() else emptyList()

    /** The admin password the first admin command created (the service prints it once). */
    val adminPassword: String

    init {
        val out = admin("village", VILLAGE, "Desa Uji")
        adminPassword = Regex("Kata sandi: (\\S+)").find(out)?.groupValues?.get(1)
            ?: error("no admin password in: $out")
        start()
    }

    /**
     * What district staff do on their pages: decide about a record the phone sent (a
     * proposal accepted or returned with its reason, a case moved on), through the staff API
     * with an admin session.
     */
    fun decide(entity: String, id: String, status: String, note: String = "") {
        val cookie = staffSession()
        val body = """{"status":${quote(status)},"note":${quote(note)}}"""
        val call = (java.net.URL("$url/staff/api/villages/$VILLAGE/records/$entity/$id/status").openConnection() as java.net.HttpURLConnection).apply {
            requestMethod = "POST"
            doOutput = true
            setRequestProperty("cookie", cookie)
            setRequestProperty("content-type", "application/json")
            outputStream.use { it.write(body.toByteArray()) }
        }
        check(call.responseCode == 200) {
            "decide $entity $id $status: ${call.responseCode} ${call.errorStream?.bufferedReader()?.readText()}"
        }
    }

    /** An admin's session cookie, as the staff pages' login form sets it. */
    private fun staffSession(): String {
        val login = (java.net.URL("$url/login").openConnection() as java.net.HttpURLConnection).apply {
            requestMethod = "POST"
            instanceFollowRedirects = false
            doOutput = true
            setRequestProperty("content-type", "application/x-www-form-urlencoded")
            outputStream.use { it.write("username=admin&password=${java.net.URLEncoder.encode(adminPassword, "UTF-8")}".toByteArray()) }
        }
        check(login.responseCode in 200..399) { "login: ${login.responseCode}" }
        return login.getHeaderField("set-cookie")?.substringBefore(';') ?: error("no session cookie")
    }

    /**
     * What staff do for a locked-out operator: "Tampilkan kode buka kunci" on the village
     * page, and read the code out from the page.
     */
    fun revealUnlockCode(deviceId: String): String {
        val call = (java.net.URL("$url/staff/villages/$VILLAGE/devices/$deviceId/unlock-code").openConnection() as java.net.HttpURLConnection).apply {
            requestMethod = "POST"
            doOutput = true
            setRequestProperty("cookie", staffSession())
            setRequestProperty("content-type", "application/x-www-form-urlencoded")
            outputStream.use { it.write(ByteArray(0)) }
        }
        check(call.responseCode == 200) { "reveal: ${call.responseCode} ${call.errorStream?.bufferedReader()?.readText()}" }
        val page = call.inputStream.bufferedReader().readText()
        return Regex("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}").find(page)?.value
            ?: error("no unlock code on the page")
    }

    /**
     * "Cabut" on the village page: the device's token is refused from now on; with
     * [finalUpload] ("Cabut setelah unggahan terakhir") it may still send what waits on it.
     */
    fun revoke(deviceId: String, finalUpload: Boolean = false) {
        val call = (java.net.URL("$url/staff/villages/$VILLAGE/devices/$deviceId/revoke").openConnection() as java.net.HttpURLConnection).apply {
            requestMethod = "POST"
            instanceFollowRedirects = false
            doOutput = true
            setRequestProperty("cookie", staffSession())
            setRequestProperty("content-type", "application/x-www-form-urlencoded")
            outputStream.use { it.write(if (finalUpload) "final_upload=1".toByteArray() else ByteArray(0)) }
        }
        check(call.responseCode in 200..399) { "revoke: ${call.responseCode}" }
    }

    /** The village page as staff see it (households, cases, devices). */
    fun villagePage(): String {
        val call = (java.net.URL("$url/staff/villages/$VILLAGE").openConnection() as java.net.HttpURLConnection).apply {
            setRequestProperty("cookie", staffSession())
        }
        check(call.responseCode == 200) { "village page: ${call.responseCode}" }
        return call.inputStream.bufferedReader().readText()
    }

    private fun quote(s: String): String = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""

    /** Starts the service (again, after [stop]) on the same port and data. */
    fun start() {
        check(process?.isAlive != true) { "district service already running" }
        val log = File(dir, "service.log")
        val started = ProcessBuilder(listOf(binary.path, "--data-dir", data.path, "--bind", "127.0.0.1:$port") + tlsArgs)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .apply { environment().remove("DATABASE_URL") }
            .start()
        process = started
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (!listening()) {
            check(started.isAlive) { "district service exited: ${log.readText()}" }
            check(System.nanoTime() < deadline) { "district service did not listen on $port" }
            Thread.sleep(50)
        }
    }

    /** Stops the service and keeps its data: the phone finds nobody at the address. */
    fun stop() {
        process?.let {
            it.destroy()
            if (!it.waitFor(10, TimeUnit.SECONDS)) it.destroyForcibly().waitFor()
        }
        process = null
    }

    /** The service's certificate (DER), when it speaks HTTPS. */
    val certificateDer: ByteArray
        get() {
            val pem = File(dir, "cert.pem").readText()
            val body = pem.substringAfter("-----BEGIN CERTIFICATE-----").substringBefore("-----END CERTIFICATE-----")
            return java.util.Base64.getMimeDecoder().decode(body)
        }

    /** A P-256 key and a certificate for 127.0.0.1, valid two days; the service's arguments. */
    private fun selfSignedCertificate(): List<String> {
        val cert = File(dir, "cert.pem")
        val key = File(dir, "key.pem")
        val p = ProcessBuilder(
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", key.path, "-out", cert.path, "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-addext", "basicConstraints=critical,CA:FALSE",
        ).redirectErrorStream(true).start()
        val out = p.inputStream.bufferedReader().readText()
        check(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) { "openssl: $out" }
        return listOf("--tls-cert", cert.path, "--tls-key", key.path)
    }

    private fun listening(): Boolean =
        try {
            Socket().use { it.connect(InetSocketAddress("127.0.0.1", port), 200) }
            true
        } catch (_: java.io.IOException) {
            false
        }

    fun admin(vararg args: String): String {
        // The service's own address, so that what admin commands hand out (the enrolment QR)
        // points at this instance.
        val p = ProcessBuilder(listOf(binary.path, "--data-dir", data.path, "--bind", "127.0.0.1:$port") + tlsArgs + args)
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

    /** Publishes a village pack with a registry extract, a rule pack and, when given, a region list. */
    fun publishPack(registryCsv: File, rulesJson: File, regionsCsv: File? = null) {
        val regions = regionsCsv?.let { listOf("--regions", it.path) }.orEmpty()
        admin(*(listOf("pack", VILLAGE, "--registry", registryCsv.path, "--rules", rulesJson.path) + regions).toTypedArray())
    }

    /** The enrolment QR's text exactly as the staff page renders it (JSON). */
    fun enrolQr(operator: String): String {
        val out = admin("enrol-code", VILLAGE, operator)
        return out.lineSequence().first { it.startsWith("QR: ") }.removePrefix("QR: ").trim()
    }

    override fun close() {
        stop()
        dir.deleteRecursively()
    }
}
