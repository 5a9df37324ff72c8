import NQL
/// News analysis for NQL.
public enum NQLNewsModule {}
