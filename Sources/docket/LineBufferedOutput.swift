// `stdout` is a C global; the C library owns it and this sets it once, before any line is printed.
@preconcurrency import Glibc

/// Standard output written line by line. A service's lines (its start banner, each run it starts)
/// must reach a journal or a log file when they are printed, not when the buffer of a pipe fills or
/// the process ends: the C library buffers standard output in blocks when it is not a terminal.
enum LineBufferedOutput {
    static func enable() { setvbuf(stdout, nil, _IOLBF, 0) }
}
