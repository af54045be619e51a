import ArgumentParser
import DocketWeb
import Foundation

/// A password read from standard input, never from an argument (where `ps` and the shell's history
/// would show it). On a terminal it is asked for twice, without echo.
enum PasswordInput {
    static func read(what: String) throws -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        let password: String
        if terminal {
            let first = try readHidden(prompt: "\(what): ")
            guard try readHidden(prompt: "\(what), again: ") == first else {
                throw ValidationError("the two passwords differ; nothing changed")
            }
            password = first
        } else {
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw ValidationError("no password on standard input; give it there, one line")
            }
            password = line
        }
        if let problem = PasswordHasher.problem(with: password) { throw ValidationError("\(problem); nothing changed") }
        return password
    }

    private static func readHidden(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else { throw ValidationError("no password given") }
        return line
    }
}
