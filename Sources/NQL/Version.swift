/// The NQL language.
public enum NQLLanguage { public static let version = "0.1.0" }
