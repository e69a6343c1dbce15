namespace Migration.Scenarios.KnownBad;

/// <summary>The catalog of known-bad ports: each one bug in the ported side, each caught by the scenarios it names.</summary>
public static class KnownBadPorts
{
    /// <summary>Every known-bad port, in the order they are listed.</summary>
    public static IReadOnlyList<KnownBadPort> All { get; } =
    [
        new SplitterIgnoresPaddrPort(),
        new IovmmUnmapKeepsLastEntryPort(),
        new DmaMapWrongPagePort(),
        new ReplaySkipsOnePort(),
        new SharedCacheClassPort(),
        new DmaDropsSgOffsetPort(),
        new OmapUnmapSkipsTlbFlushPort(),
        new MapRollbackSkippedPort(),
        new OmapWrongEndianPort(),
        new MsmV7sGatherWithoutSyncPort(),
    ];

    /// <summary>The port called <paramref name="name"/>, or null.</summary>
    public static KnownBadPort? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The known names, comma separated (for error messages).</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));
}
