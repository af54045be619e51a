import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Testing

/// A real browser for the workspace's tests: headless Chromium driven by chromedriver over the W3C
/// WebDriver protocol (both from scripts/setup.sh). Only what the tests use: open a page, find
/// elements, type, click, read, run a line of script, press a key.
final class WebDriver: @unchecked Sendable {  // the child process is only ended, once, in `quit`
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(description: String) { self.description = description }
    }

    let base: URL
    let session: String
    private let driver: Process

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") }

    static func start() async throws -> WebDriver {
        let port = Int.random(in: 20_000..<40_000)
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments =
            ["--port=\(port)", "--allowed-ips=127.0.0.1"]
            + (ProcessInfo.processInfo.environment["DOCKET_WEBDRIVER_LOG"].map { ["--log-path=\($0)", "--verbose"] }
                ?? [])
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let base = URL(string: "http://127.0.0.1:\(port)")!
        for _ in 0..<100 {
            if (try? await send("GET", base.appendingPathComponent("status"), nil))?["ready"] as? Bool == true {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome", "timeouts": ["pageLoad": 30_000, "script": 10_000],
                    "goog:chromeOptions": [
                        "binary": "/usr/bin/chromium",
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
                    ],
                ]
            ]
        ]
        do {
            let created = try await send("POST", base.appendingPathComponent("session"), capabilities)
            guard let session = (created["value"] as? [String: Any])?["sessionId"] as? String else {
                throw Failure(description: "chromedriver started no session: \(created)")
            }
            return WebDriver(base: base, session: session, driver: driver)
        } catch {
            kill(driver.processIdentifier, SIGKILL)
            throw error
        }
    }

    private init(base: URL, session: String, driver: Process) {
        self.base = base
        self.session = session
        self.driver = driver
    }

    func quit() async {
        _ = try? await Self.send("DELETE", base.appendingPathComponent("session/\(session)"), nil)
        // chromedriver outlives SIGTERM; the session (and its browser) is already closed.
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }

    func open(_ url: String) async throws { _ = try await command("POST", "url", ["url": url]) }
    /// The window's size in CSS pixels, as a person's screen would have it.
    func resize(width: Int, height: Int) async throws {
        _ = try await command("POST", "window/rect", ["width": width, "height": height])
    }
    /// The visible part of the page as PNG, written to `DOCKET_SCREENSHOTS/name.png` when that folder is set
    /// (to look at); returns the PNG either way.
    @discardableResult
    func screenshot(_ name: String) async throws -> Data {
        guard let encoded = try await command("GET", "screenshot", nil) as? String,
            let png = Data(base64Encoded: encoded)
        else { throw Failure(description: "chromedriver sent no screenshot") }
        if let folder = ProcessInfo.processInfo.environment["DOCKET_SCREENSHOTS"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try png.write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(name).png"))
        }
        return png
    }
    func currentURL() async throws -> String { try await command("GET", "url", nil) as? String ?? "" }
    /// The page's address once a navigation a click started has arrived where `expected` says: a
    /// click on a busy machine may return before the form's answer has loaded (polled, at most 30 s).
    func url(becoming expected: (String) -> Bool) async throws -> String {
        var url = try await currentURL()
        for _ in 0..<300 where !expected(url) {
            try await Task.sleep(for: .milliseconds(100))
            url = try await currentURL()
        }
        return url
    }

    /// The page once it shows `text`: after a form that answers with the page it was posted from,
    /// the address alone does not tell the answer has arrived (polled, at most 30 s).
    func source(containing text: String) async throws -> String {
        var page = try await source()
        for _ in 0..<300 where !page.contains(text) {
            try await Task.sleep(for: .milliseconds(100))
            page = try await source()
        }
        return page
    }

    func source() async throws -> String { try await command("GET", "source", nil) as? String ?? "" }

    /// The element a CSS selector finds first.
    func element(_ selector: String) async throws -> String {
        let found = try await command("POST", "element", ["using": "css selector", "value": selector])
        guard let id = (found as? [String: Any])?.values.first as? String else {
            throw Failure(description: "no element \(selector)")
        }
        return id
    }

    func type(_ text: String, into selector: String) async throws {
        _ = try await command("POST", "element/\(try await element(selector))/value", ["text": text])
    }

    func click(_ selector: String) async throws {
        _ = try await command("POST", "element/\(try await element(selector))/click", [:])
    }

    func script(_ body: String) async throws -> Any? {
        try await command("POST", "execute/sync", ["script": body, "args": [String]()])
    }

    /// A key pressed on the page, not in a field.
    func press(_ key: String) async throws {
        let actions: [String: Any] = [
            "actions": [
                [
                    "type": "key", "id": "keyboard",
                    "actions": [["type": "keyDown", "value": key], ["type": "keyUp", "value": key]],
                ]
            ]
        ]
        _ = try await command("POST", "actions", actions)
    }

    /// A page's text, fetched without the browser.
    static func text(at url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 1 << 20))
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        try await Self.send(method, base.appendingPathComponent("session/\(session)/\(path)"), body)["value"]
    }

    @discardableResult
    private static func send(_ method: String, _ url: URL, _ body: [String: Any]?) async throws -> [String: Any] {
        // chromedriver writes "Content-Length:917", which Foundation's URLSession on Linux refuses.
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .RAW(value: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = Data(buffer: try await response.body.collect(upTo: 16 << 20))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "chromedriver answered no JSON object")
        }
        if let value = object["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(error): \(value["message"] as? String ?? "")")
        }
        return object
    }
}
