import NQL

/// The news-analysis module: its built-ins, registered into NQL's registry.
public enum News {
    /// Every built-in this module adds.
    public static var builtins: [Builtin] { ArticleBuiltins.all + AnalysisBuiltins.all + DisplayBuiltins.all + StoreBuiltins.all }

    /// The language's general built-ins plus the news built-ins: what `nql` runs with.
    public static func registry() -> Registry {
        var r = Registry.standard
        r.register(builtins)
        return r
    }
}
