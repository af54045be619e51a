/// Facts about this build of Docket that every part may quote.
public enum Docket {
    public static let version = "0.1.0"
}
